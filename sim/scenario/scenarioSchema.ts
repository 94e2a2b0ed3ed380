import { z } from 'zod';
import { distributionSchema } from '../random/distribution.ts';
import { layoutSpecSchema } from '../layout/layoutSpec.ts';
import { defaultBinType } from '../layout/binDefaults.ts';
import { itemSpecSchema } from '../items/itemSpec.ts';
import { inboundSchema } from '../flows/inbound/inboundSchema.ts';
import { consignmentSchema, reservesSchema } from '../flows/stockStatus/stockStatusSchema.ts';
import { replenishmentSchema } from '../flows/replenishment/replenishmentSchema.ts';
import { countingSchema } from '../flows/counting/countingSchema.ts';
import { unknownCriticalFamilies } from '../flows/counting/criticalityFamilies.ts';
import { returnsSchema } from '../flows/returns/returnsSchema.ts';
import { namedZones, rulesSchema } from '../rules/rulesSchema.ts';
import { customerClassesSchema } from '../rules/allocationSchema.ts';
import { exceptionsSchema } from '../exceptions/exceptionSchema.ts';
import { peopleSchema } from '../engine/peopleSchema.ts';
import { feedSchema } from '../mirror/feedSchema.ts';
import { retentionSchema } from './retentionSchema.ts';

/** Current scenario schema version; files carry it so old ones can be migrated. */
export const SCENARIO_SCHEMA_VERSION = 1;

/** Order arrivals: a homogeneous Poisson process, or one shaped by hour of day and day of week. */
export const arrivalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('poisson'), ratePerHour: z.number().positive() }).strict(),
  z
    .object({
      kind: z.literal('profile'),
      /** Mean orders per hour over the week; the multipliers shape it. */
      ratePerHour: z.number().positive(),
      /** 24 relative weights (hour 0 = midnight); normalised to mean 1. */
      hourOfDay: z.array(z.number().nonnegative()).length(24),
      /** 7 relative weights (Monday first); normalised to mean 1. */
      dayOfWeek: z.array(z.number().nonnegative()).length(7).default([1, 1, 1, 1, 1, 1, 1]),
    })
    .strict()
    .refine((a) => a.hourOfDay.some((w) => w > 0), {
      message: 'some hour must have orders',
      path: ['hourOfDay'],
    }),
]);

/** Worker roles the engine knows. */
export const roleSchema = z.enum([
  'receiver',
  'putaway',
  'picker',
  'replenisher',
  'packer',
  'counter',
  'controller',
]);

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day HH:MM');

/** A shift: daily start and end (an end not after the start runs past midnight), days (0 = Monday), breaks. */
export const shiftSchema = z
  .object({
    id: z.string().min(1),
    start: clock,
    end: clock,
    days: z.array(z.number().int().min(0).max(6)).min(1).default([0, 1, 2, 3, 4]),
    breaks: z.array(z.object({ start: clock, minutes: z.number().positive().max(120) }).strict()).default([]),
  })
  .strict();

/** A group of identical workers. */
export const workerGroupSchema = z
  .object({
    role: roleSchema,
    count: z.number().int().positive(),
    /** Walking (or driving) speed in metres per second. */
    speed: z.number().positive().default(1.2),
    /** Name prefix for generated worker ids (`pick-01` …). */
    prefix: z.string().min(1).optional(),
    /** Shift id from `shifts`; absent = always on (queueing models). */
    shift: z.string().min(1).optional(),
    /** Pick zone (layout zone id) for zone picking. */
    zone: z.string().min(1).optional(),
  })
  .strict();

/** Order demand. */
export const demandSchema = z
  .object({
    arrivals: arrivalSchema,
    /** Lines per order (rounded to an integer ≥ 1). */
    linesPerOrder: distributionSchema.prefault(1),
    /** Units per line in the base UoM (rounded to an integer ≥ 1). */
    unitsPerLine: distributionSchema.prefault(1),
    /** Hours after start when order arrivals stop (the run continues until it drains or ends). */
    stopAfterHours: z.number().positive().optional(),
    /** Promised ship time after order creation, in hours. */
    promiseHours: z.number().positive().default(24),
    /** Hours after creation when an order still backordered (no stock for any line) is cancelled. */
    backorderCancelHours: z.number().positive().default(72),
    /** Priority mix by customer class (`sim/rules/allocationSchema.ts`); empty = one class. */
    customerClasses: customerClassesSchema,
  })
  .strict();

/** How pickers work. Durations are in seconds. */
export const pickingSchema = z
  .object({
    /**
     * discrete: one order per tour; batch: several orders per tour, sorted at pack;
     * zone: each picker stays in a zone, orders are consolidated at pack;
     * cluster: several orders per tour, each into its own tote on the cart (no sorting).
     */
    method: z.enum(['discrete', 'batch', 'zone', 'cluster']).default('discrete'),
    /** Orders per tour for batch and cluster picking (capped by the cart's totes). */
    batchSize: z.number().int().positive().default(6),
    /** Per-line put-to-tote time for cluster picking and per-line sort time at pack for batch (seconds). */
    sortTime: distributionSchema.prefault(0),
    routing: z.enum(['return', 's-shape', 'largest-gap', 'nearest-neighbour']).default('s-shape'),
    /** 'none' makes travel instantaneous (queueing-model validation). */
    travel: z.enum(['aisles', 'none']).default('aisles'),
    /** Time at the face per line: search, pick, scan (seconds). */
    serviceTime: distributionSchema,
    /** Paperwork/scan overhead per tour at the depot (seconds). */
    tourOverhead: distributionSchema.prefault(0),
    /**
     * Reach height: bins above level `maxLevel` (1 = A, floor) are picked only with the shared
     * equipment `equipment` (a pool in `resources`; undeclared = unlimited), held for the whole
     * tour, and each such visit costs `time` seconds more (raising and lowering the platform).
     */
    reach: z
      .object({
        maxLevel: z.number().int().positive().default(2),
        equipment: z.string().min(1).default('orderPicker'),
        time: distributionSchema.prefault({ kind: 'triangular', min: 20, mode: 30, max: 45 }),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** When allocated orders become pickable. */
export const releaseSchema = z
  .object({
    /** immediate: as soon as allocated; wave: in waves every `waveMinutes`. */
    policy: z.enum(['immediate', 'wave']).default('immediate'),
    waveMinutes: z.number().positive().default(60),
  })
  .strict();

/** Packing and shipping; absent = instantaneous (queueing models). Durations in seconds. */
export const packingSchema = z
  .object({
    perOrder: distributionSchema,
    perLine: distributionSchema.prefault(0),
    /** Carton sizes in litres, smallest first; an order goes in the smallest that holds it (or several of the largest). */
    cartonsL: z.array(z.number().positive()).min(1).default([10, 25, 50, 100]),
    /** Carrier pick-ups: times of day (HH:MM) on working days; a packed order ships at the next one. */
    carrierDepartures: z.array(clock).min(1).default(['12:00', '17:00', '21:00']),
    departureDays: z.array(z.number().int().min(0).max(6)).min(1).default([0, 1, 2, 3, 4, 5]),
  })
  .strict();

/** Slotting and opening stock. */
export const stockSchema = z
  .object({
    /** Fast movers nearest the depot ('velocity') or faces assigned at random. */
    slotting: z.enum(['velocity', 'random']).default('velocity'),
    /**
     * Pick faces pinned by SKU (bin code of a forward bin), placed before `slotting` fills the
     * other faces: what `bintwin slotting` proposes. Empty: `slotting` alone.
     */
    faces: z.record(z.string().min(1), z.string().min(1)).default({}),
    /** Reserve pallets per item at the start (`opening: 'full'` only). */
    reservePallets: z.number().int().nonnegative().default(2),
    /**
     * Opening stock: 'demand' sizes each item from its expected demand (openingStock.ts);
     * 'full' fills every face to capacity and adds `reservePallets` per item (always so without
     * an `inbound` block: nothing would restock the site).
     */
    opening: z.enum(['demand', 'full']).default('demand'),
    /** 'demand': days of the item's demand on its pick face (capped by the face's capacity). */
    faceDays: z.number().positive().default(2),
    /**
     * 'demand': days of cover above the reorder point (supplier lead time + inbound
     * `reorderDays`; 0 without reorder-point buying), drawn per item in this band so reorders
     * are spread over the first days rather than all due at once.
     */
    openingCoverDays: z
      .object({ min: z.number().nonnegative().default(1), max: z.number().nonnegative().default(4) })
      .strict()
      .refine((b) => b.max >= b.min, { message: 'max must not be below min', path: ['max'] })
      .prefault({}),
    /** Key-account reserves: customer-reserved face stock (sim/flows/stockStatus); absent = off. */
    reserves: reservesSchema.optional(),
    /** Vendor-consigned items: consigned face stock (sim/flows/stockStatus); absent = off. */
    consignment: consignmentSchema.optional(),
  })
  .strict();

/** Inventory: tracked in both ledgers, or unlimited (queueing validation, no stock-outs). */
export const inventorySchema = z
  .object({
    mode: z.enum(['tracked', 'unlimited']).default('tracked'),
  })
  .strict();

/** A scenario file: everything needed to reproduce a run, together with a seed. */
export const scenarioSchema = z
  .object({
    schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    description: z.string().default(''),
    seed: z.union([z.number().int(), z.string().min(1)]).default(1),
    /** Default run length when the CLI does not say. */
    horizon: z
      .object({ days: z.number().positive().optional(), hours: z.number().positive().optional() })
      .strict()
      .default({ days: 1 }),
    /** Hours at the start excluded from steady-state statistics (batch means). */
    warmupHours: z.number().nonnegative().default(0),
    layout: layoutSpecSchema.optional(),
    items: itemSpecSchema.optional(),
    workers: z.array(workerGroupSchema).min(1),
    demand: demandSchema,
    picking: pickingSchema,
    inventory: inventorySchema.default({ mode: 'tracked' }),
    stock: stockSchema.prefault({}),
    release: releaseSchema.prefault({}),
    packing: packingSchema.optional(),
    shifts: z.array(shiftSchema).default([]),
    /** Personal speed and task-time factors, staggered breaks, handhelds (`sim/engine/peopleSchema.ts`). */
    people: peopleSchema.prefault({}),
    /** Shared equipment: counts of forklifts, pick carts, dock doors … by name. */
    resources: z.record(z.string(), z.number().int().nonnegative()).default({}),
    inbound: inboundSchema.optional(),
    replenishment: replenishmentSchema.optional(),
    counting: countingSchema.optional(),
    /** Customer returns and QC-reject disposition (`sim/flows/returns/returnsSchema.ts`); absent = off. */
    returns: returnsSchema.optional(),
    /** Error rates that make the physical and system ledgers drift apart. */
    exceptions: exceptionsSchema.optional(),
    /** In-memory record windows for long runs (`sim/scenario/retentionSchema.ts`); absent = the defaults. */
    retention: retentionSchema.optional(),
    /** Scanner feed controls (receipts against POs). */
    feeds: feedSchema.prefault({}),
    /** Putaway, storage-category and removal rules as data (`sim/rules/rulesSchema.ts`). */
    rules: rulesSchema.prefault({}),
  })
  .strict()
  .superRefine((s, ctx) => {
    const shiftIds = new Set(s.shifts.map((x) => x.id));
    s.workers.forEach((g, i) => {
      if (g.shift !== undefined && !shiftIds.has(g.shift)) {
        ctx.addIssue({
          code: 'custom',
          path: ['workers', i, 'shift'],
          message: `unknown shift "${g.shift}"`,
        });
      }
    });
    if (s.picking.method === 'zone' && !s.workers.some((g) => g.role === 'picker' && g.zone !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['picking', 'method'],
        message: 'zone picking needs pickers with a zone',
      });
    }
    if (s.picking.method === 'zone' && s.layout !== undefined) {
      // Stock in a zone nobody picks would never leave: every storage zone needs its pickers.
      const staffed = new Set(s.workers.filter((g) => g.role === 'picker').map((g) => g.zone));
      const zones = 'generate' in s.layout ? s.layout.generate.zones : s.layout.zones;
      const unstaffed = zones
        .filter((zn) => {
          const type = ('binType' in zn ? zn.binType : undefined) ?? defaultBinType(zn.kind);
          return (type === 'forward' || type === 'reserve' || type === 'floor') && !staffed.has(zn.id);
        })
        .map((zn) => zn.id);
      if (unstaffed.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['workers'],
          message: `zone picking: no picker has zone ${unstaffed.join(', ')}, where stock can be allocated`,
        });
      }
    }
    if (s.layout !== undefined) {
      const ids = new Set(
        ('generate' in s.layout ? s.layout.generate.zones : s.layout.zones).map((zn) => zn.id),
      );
      for (const n of namedZones(s.rules))
        if (!ids.has(n.zone))
          ctx.addIssue({ code: 'custom', path: ['rules', ...n.path], message: `unknown zone "${n.zone}"` });
    }
    for (const u of unknownCriticalFamilies(s.counting, s.items))
      ctx.addIssue({
        code: 'custom',
        path: ['counting', 'criticality', u.family],
        message: `unknown item family "${u.family}" (families: ${u.known.join(', ')})`,
      });
    if (s.inventory.mode === 'tracked' && s.layout === undefined) {
      ctx.addIssue({ code: 'custom', path: ['layout'], message: 'tracked inventory needs a layout' });
    }
    if (s.picking.travel === 'aisles' && s.layout === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['picking', 'travel'],
        message: "travel 'aisles' needs a layout",
      });
    }
  });

/** A validated scenario, defaults applied: the engine's input type. */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as written in a file, before defaults. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
