import { z } from 'zod';
import type { Rng } from './randomStreams.ts';

const positive = z.number().positive();

/** Distributions a scenario can name. A bare number is shorthand for a constant. */
export const distributionSchema = z.union([
  z
    .number()
    .nonnegative()
    .transform((value) => ({ kind: 'constant' as const, value })),
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('constant'), value: z.number().nonnegative() }).strict(),
    z
      .object({ kind: z.literal('uniform'), min: z.number().nonnegative(), max: z.number().nonnegative() })
      .strict()
      .refine((d) => d.max >= d.min, { message: 'max must be ≥ min', path: ['max'] }),
    z
      .object({
        kind: z.literal('triangular'),
        min: z.number().nonnegative(),
        mode: z.number().nonnegative(),
        max: z.number().nonnegative(),
      })
      .strict()
      .refine((d) => d.min <= d.mode && d.mode <= d.max && d.min < d.max, {
        message: 'need min ≤ mode ≤ max and min < max',
        path: ['mode'],
      }),
    z.object({ kind: z.literal('exponential'), mean: positive }).strict(),
    z
      .object({
        kind: z.literal('normal'),
        mean: z.number(),
        sd: z.number().nonnegative(),
        min: z.number().default(0),
        max: z.number().optional(),
      })
      .strict()
      .refine((d) => d.max === undefined || d.max > d.min, { message: 'max must be > min', path: ['max'] }),
    z.object({ kind: z.literal('lognormal'), mean: positive, sd: z.number().nonnegative() }).strict(),
    z
      .object({
        kind: z.literal('empirical'),
        values: z.array(z.number().nonnegative()).min(1),
        weights: z.array(z.number().nonnegative()).optional(),
      })
      .strict()
      .refine((d) => !d.weights || d.weights.length === d.values.length, {
        message: 'weights must have one entry per value',
        path: ['weights'],
      })
      .refine((d) => !d.weights || d.weights.some((w) => w > 0), {
        message: 'at least one weight must be positive',
        path: ['weights'],
      }),
  ]),
]);

/** A validated distribution (after shorthand expansion). */
export type Distribution = z.output<typeof distributionSchema>;

/** A compiled sampler: draws one value from a stream. */
export type Sampler = (rng: Rng) => number;

/** Compiles a distribution into a closure, so the hot loop does no dispatch on kind. */
export function sampler(d: Distribution): Sampler {
  switch (d.kind) {
    case 'constant': {
      const v = d.value;
      return () => v;
    }
    case 'uniform': {
      const { min, max } = d;
      return (rng) => min + (max - min) * rng();
    }
    case 'triangular': {
      const { min, mode, max } = d;
      const cut = (mode - min) / (max - min);
      return (rng) => {
        const u = rng();
        return u < cut
          ? min + Math.sqrt(u * (max - min) * (mode - min))
          : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
      };
    }
    case 'exponential': {
      const mean = d.mean;
      // 1 - u is in (0, 1], so the log is finite.
      return (rng) => -mean * Math.log(1 - rng());
    }
    case 'normal': {
      const { mean, sd, min } = d;
      const max = d.max ?? Infinity;
      return (rng) => {
        // Truncation by rejection; after 64 misses the bound is returned so a badly placed
        // window cannot hang the engine.
        for (let i = 0; i < 64; i++) {
          const x = mean + sd * standardNormal(rng);
          if (x >= min && x <= max) return x;
        }
        return Math.min(Math.max(mean, min), max);
      };
    }
    case 'lognormal': {
      // Parameters are the mean and sd of the variable itself, the way people quote them.
      const sigma2 = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean));
      const mu = Math.log(d.mean) - sigma2 / 2;
      const sigma = Math.sqrt(sigma2);
      return (rng) => Math.exp(mu + sigma * standardNormal(rng));
    }
    case 'empirical': {
      const values = d.values;
      const weights = d.weights ?? values.map(() => 1);
      const total = weights.reduce((a, b) => a + b, 0);
      const cumulative: number[] = [];
      let acc = 0;
      for (const w of weights) {
        acc += w / total;
        cumulative.push(acc);
      }
      return (rng) => {
        const u = rng();
        for (let i = 0; i < cumulative.length; i++) if (u < cumulative[i]!) return values[i]!;
        return values[values.length - 1]!;
      };
    }
  }
}

/** The exact mean of a distribution (truncated normal excepted: its untruncated mean). */
export function distributionMean(d: Distribution): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'exponential':
    case 'lognormal':
    case 'normal':
      return d.mean;
    case 'empirical': {
      const w = d.weights ?? d.values.map(() => 1);
      const total = w.reduce((a, b) => a + b, 0);
      return d.values.reduce((a, v, i) => a + (v * w[i]!) / total, 0);
    }
  }
}

/** Box–Muller with two fresh uniforms per draw: no cached spare, so stream state is the whole state. */
function standardNormal(rng: Rng): number {
  const u1 = 1 - rng();
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
