import { z } from 'zod';
import { scenarioSchema } from '../scenario/scenarioSchema.ts';
import { itemSpecSchema } from '../items/itemSpec.ts';
import { distributionSchema } from '../random/distribution.ts';
import { hasValidGs1CheckDigit } from '../gs1/checkDigits.ts';
import {
  listedTransferSchema,
  maxAboveMin,
  refillRuleFields,
  transferSiteSchema,
} from '../flows/transfers/transferSettings.ts';

/** What a site is for in the network (DCs ship transfers, branches mostly receive them; both may do either). */
export const SITE_ROLES = ['dc', 'branch'] as const;

/** One site of a network: its name (the name its layout gives the site), role and site scenario. */
export const networkSiteSchema = z
  .object({
    name: z.string().min(1),
    role: z.enum(SITE_ROLES).default('branch'),
    /**
     * The site's GLN (13 digits, GS1 check digit): the location its bin labels (AI 414 + 254) and
     * SGLNs name. A live network run routes scans and EPCIS events by it; absent = only bare bin
     * codes reach the site (from its own devices).
     */
    gln: z
      .string()
      .regex(/^\d{13}$/, '13 digits')
      .refine(hasValidGs1CheckDigit, 'wrong GS1 check digit')
      .optional(),
    scenario: scenarioSchema,
  })
  .strict();

/** A lane: transfers from one site to another travel with this lead time. */
export const laneSchema = z
  .object({
    from: z.string().min(1),
    to: z.string().min(1),
    /** Door-to-door lead time, hours. */
    leadTimeHours: distributionSchema,
  })
  .strict();

/** The network's transfer block: per-site work settings plus the rules and listed orders by destination. */
const networkTransfersSchema = transferSiteSchema
  .omit({ site: true, rules: true, orders: true })
  .extend({
    /** Refill rules: `to` below `min` of an item is refilled from `from` up to `max`. */
    rules: z
      .array(
        z
          .object({ to: z.string().min(1), ...refillRuleFields })
          .strict()
          .refine(...maxAboveMin),
      )
      .default([]),
    orders: z.array(listedTransferSchema).default([]),
  })
  .strict();

/**
 * A network scenario (`"kind": "network"`): several sites on one sim clock, each its own site
 * scenario (layout, workers, flows), sharing one item master, with lanes between them and the
 * transfer rules. Validated as a whole: names must match, lanes and rules must name known sites.
 */
export const networkSchema = z
  .object({
    kind: z.literal('network'),
    schemaVersion: z.literal(1).default(1),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    description: z.string().default(''),
    seed: z.union([z.number().int(), z.string().min(1)]).default(1),
    horizon: z.object({ days: z.number().positive() }).strict().prefault({ days: 7 }),
    /** The shared item master: every site gets the same items (a site may not name its own). */
    items: itemSpecSchema,
    sites: z.array(networkSiteSchema).min(1),
    lanes: z.array(laneSchema).default([]),
    transfers: networkTransfersSchema.prefault({}),
  })
  .strict()
  .superRefine((n, ctx) => {
    const names = n.sites.map((s) => s.name);
    const known = new Set(names);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i)
        ctx.addIssue({ code: 'custom', path: ['sites', i, 'name'], message: `site ${name} is listed twice` });
    });
    n.sites.forEach((s, i) => {
      const twin = n.sites.findIndex((o) => o.gln !== undefined && o.gln === s.gln);
      if (twin >= 0 && twin < i)
        ctx.addIssue({
          code: 'custom',
          path: ['sites', i, 'gln'],
          message: `GLN ${s.gln} is already site ${n.sites[twin]!.name}'s`,
        });
      if (s.scenario.items !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['sites', i, 'scenario', 'items'],
          message: 'the sites share the network item master (top-level `items`): a site may not name its own',
        });
    });
    const site = (v: string, path: (string | number)[]): void => {
      if (!known.has(v))
        ctx.addIssue({ code: 'custom', path, message: `no site ${v} (sites: ${names.join(', ')})` });
    };
    n.lanes.forEach((l, i) => {
      site(l.from, ['lanes', i, 'from']);
      site(l.to, ['lanes', i, 'to']);
      if (l.from === l.to)
        ctx.addIssue({
          code: 'custom',
          path: ['lanes', i, 'to'],
          message: 'a lane joins two different sites',
        });
    });
    const lane = (from: string, to: string, path: (string | number)[]): void => {
      if (known.has(from) && known.has(to) && !n.lanes.some((l) => l.from === from && l.to === to))
        ctx.addIssue({ code: 'custom', path, message: `no lane from ${from} to ${to}` });
    };
    n.transfers.rules.forEach((r, i) => {
      site(r.from, ['transfers', 'rules', i, 'from']);
      site(r.to, ['transfers', 'rules', i, 'to']);
      lane(r.from, r.to, ['transfers', 'rules', i]);
    });
    n.transfers.orders.forEach((o, i) => {
      site(o.from, ['transfers', 'orders', i, 'from']);
      site(o.to, ['transfers', 'orders', i, 'to']);
      lane(o.from, o.to, ['transfers', 'orders', i]);
    });
  });

/** A validated network scenario. */
export type Network = z.output<typeof networkSchema>;

/** A network scenario as written (before defaults). */
export type NetworkInput = z.input<typeof networkSchema>;
