import { z } from 'zod';

/** A dot path into a document: `counting.policy`, `workers.0.count` (numbers index arrays). */
const dotPath = z
  .string()
  .regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, 'a dot path such as "counting.policy"');

/** A KPI to report: a dot path into kpis.json, with what "better" means and how it is measured. */
export const kpiSpecSchema = z.union([
  dotPath.transform((path) => ({ path, goal: undefined, over: 'run' as const })),
  z
    .object({
      path: dotPath,
      /** Ranks the variants on this KPI: larger (`max`) or smaller (`min`) is better. */
      goal: z.enum(['max', 'min']).optional(),
      /**
       * `run`: the value at the end (states such as IRA, rates over the whole run).
       * `after-warmup`: end value minus the value when the warm-up ended (counters such as orders.shipped).
       */
      over: z.enum(['run', 'after-warmup']).default('run'),
    })
    .strict(),
]);

/** One KPI, normalised. */
export type KpiSpec = z.output<typeof kpiSpecSchema>;

/** A variant: a name and a partial scenario merged over the base like `extends`. */
export const variantSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._=+-]*$/, 'letters, digits and . _ = + -'),
    description: z.string().default(''),
    /** What differs from the base: objects merge key by key, arrays and plain values replace. */
    scenario: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/** One factor of a sweep: a field of the scenario and the values it takes. */
export const factorSchema = z
  .object({ path: dotPath, values: z.array(z.unknown()).min(1, 'needs at least one value') })
  .strict();

/** Replications until the CI half-width of one KPI is small enough, in rounds of `step`, up to `max`. */
export const sequentialSchema = z
  .object({
    kpi: dotPath,
    /** Target 95% half-width, in the KPI's own units, for every variant. */
    halfWidth: z.number().positive(),
    initial: z.number().int().min(2).default(5),
    step: z.number().int().min(1).default(5),
    max: z.number().int().min(2),
  })
  .strict();

/**
 * How the best variant is picked: subset selection (screening, no indifference zone), or Kim and
 * Nelson's KN (fully sequential, indifference zone δ): with sequential replications KN also
 * decides when to stop (when one variant is left).
 */
export const selectionSchema = z.discriminatedUnion('procedure', [
  z.object({ procedure: z.literal('subset') }).strict(),
  z
    .object({
      procedure: z.literal('kn'),
      /** The KPI to select on (it needs a goal); default: the first KPI with a goal. */
      kpi: dotPath.optional(),
      /** δ: a difference smaller than this is not worth detecting, in the KPI's units. */
      indifference: z.number().positive(),
      /** Probability of correct selection when the best is ≥ δ better (default: `confidence`). */
      confidence: z.number().min(0.5).max(0.999).optional(),
      /** First-stage replications n0 (default: the first round, `replications.initial` or the count). */
      n0: z.number().int().min(2).optional(),
    })
    .strict(),
]);

/** A selection setting, validated. */
export type SelectionSpec = z.output<typeof selectionSchema>;

/** An experiment file (`bintwin experiment <file>`). */
export const experimentSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    description: z.string().default(''),
    /** Shipped scenario name or a path relative to the experiment file. */
    base: z.string().min(1),
    variants: z.array(variantSchema).min(1).optional(),
    sweep: z
      .object({ factors: z.array(factorSchema).min(1) })
      .strict()
      .optional(),
    /** The variant every other is compared with (default: the first). */
    baseline: z.string().optional(),
    /** A fixed count, or a sequential rule on one KPI's CI half-width. */
    replications: z.union([z.number().int().min(2), sequentialSchema]),
    /** Root of the replication seeds (default: the base scenario's seed). */
    seed: z.union([z.number().int(), z.string().min(1)]).optional(),
    /**
     * perReplication: each replication's seed also draws the generated site (item master,
     * random slotting), so every replication is another site; fixed: the site is drawn once from
     * the experiment's root seed and every replication varies only its demand and process streams.
     */
    site: z.enum(['perReplication', 'fixed']).default('perReplication'),
    /** Hours excluded at the start (default: the scenario's `warmupHours`). */
    warmupHours: z.number().nonnegative().optional(),
    /** Measured hours after the warm-up (default: the scenario's horizon). */
    runHours: z
      .number()
      .positive()
      .max(3650 * 24)
      .optional(),
    kpis: z.array(kpiSpecSchema).min(1),
    /** Confidence level of every interval and of the selection. */
    confidence: z.number().min(0.5).max(0.999).default(0.95),
    /** Ranking and selection of the best variant (default: subset selection on every KPI with a goal). */
    selection: selectionSchema.default({ procedure: 'subset' }),
  })
  .strict()
  .superRefine((e, ctx) => {
    if ((e.variants === undefined) === (e.sweep === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'give either "variants" or "sweep", not both or neither',
      });
    const names = e.variants?.map((v) => v.name) ?? [];
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i)
        ctx.addIssue({ code: 'custom', path: ['variants', i, 'name'], message: `duplicate variant "${n}"` });
    });
    if (e.baseline !== undefined && e.variants !== undefined && !names.includes(e.baseline))
      ctx.addIssue({
        code: 'custom',
        path: ['baseline'],
        message: `no variant "${e.baseline}" (variants: ${names.join(', ')})`,
      });
    const paths = e.kpis.map((k) => k.path);
    paths.forEach((p, i) => {
      if (paths.indexOf(p) !== i)
        ctx.addIssue({ code: 'custom', path: ['kpis', i], message: `KPI "${p}" listed twice` });
    });
    const r = e.replications;
    const sel = e.selection;
    if (sel.procedure === 'kn') {
      const goals = e.kpis.filter((k) => k.goal !== undefined).map((k) => k.path);
      if (sel.kpi === undefined && goals.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['selection'],
          message: 'KN selects on a KPI with a goal ("max" or "min"); no reported KPI has one',
        });
      if (sel.kpi !== undefined && !goals.includes(sel.kpi))
        ctx.addIssue({
          code: 'custom',
          path: ['selection', 'kpi'],
          message: `must be a reported KPI with a goal (${goals.join(', ') || 'none has one'})`,
        });
      const first = typeof r === 'number' ? r : r.initial;
      const most = typeof r === 'number' ? r : r.max;
      if (sel.n0 !== undefined && sel.n0 > most)
        ctx.addIssue({
          code: 'custom',
          path: ['selection', 'n0'],
          message: `more than the ${most} replications the file allows`,
        });
      if (sel.n0 === undefined && first < 2)
        ctx.addIssue({ code: 'custom', path: ['selection', 'n0'], message: 'KN needs n0 ≥ 2' });
    }
    if (typeof r === 'object') {
      if (!paths.includes(r.kpi))
        ctx.addIssue({
          code: 'custom',
          path: ['replications', 'kpi'],
          message: `must be one of the reported kpis (${paths.join(', ')})`,
        });
      if (r.initial > r.max)
        ctx.addIssue({
          code: 'custom',
          path: ['replications', 'initial'],
          message: `more than max (${r.max})`,
        });
    }
  });

/** A validated experiment file. */
export type Experiment = z.output<typeof experimentSchema>;
