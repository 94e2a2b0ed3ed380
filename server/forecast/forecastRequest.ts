import { z } from 'zod';
import { roleSchema } from '../../sim/forecastApi.ts';

/** Most replications one forecast may ask for. */
export const MAX_FORECAST_REPLICATIONS = 200;
/** Furthest a forecast may look ahead of the live run's clock. */
export const MAX_FORECAST_HOURS = 48;
/**
 * Most simulated replication-hours one forecast may cost (replications × arms × hours ahead):
 * 20 replications of both arms 8 hours ahead is 320; this keeps a forecast within seconds to a
 * minute on two cores for demo-dc and refuses the rest with a clear error instead.
 */
export const MAX_FORECAST_REPLICATION_HOURS = 1600;

/** The body of `POST /api/runs/:id/forecast`. */
export const forecastRequestSchema = z
  .object({
    /** Replications per arm (as is, and with the change). */
    replications: z.number().int().min(2).max(MAX_FORECAST_REPLICATIONS).default(20),
    /** How far ahead: the next carrier cut-off, a sim time (ms since Monday 00:00), or hours from now. */
    horizon: z
      .union([
        z.literal('next-cutoff'),
        z.object({ simTime: z.number().int().nonnegative() }).strict(),
        z.object({ hours: z.number().positive().max(MAX_FORECAST_HOURS) }).strict(),
      ])
      .default('next-cutoff'),
    /** The what-if, compared paired against the forecast without it. */
    change: z
      .object({
        addWorkers: z
          .object({ role: roleSchema, count: z.number().int().min(1).max(50) })
          .strict()
          .optional(),
        waveMinutes: z
          .number()
          .positive()
          .max(24 * 60)
          .optional(),
        /** Aisles locked from now for the whole horizon (`["A-03"]`): "aisle locked for a count". */
        lockAisles: z
          .array(z.string().regex(/^[A-Za-z]+-\d{2}$/, 'an aisle code like A-03'))
          .min(1)
          .max(20)
          .optional(),
      })
      .strict()
      .refine(
        (c) => c.addWorkers !== undefined || c.waveMinutes !== undefined || c.lockAisles !== undefined,
        {
          message:
            'a change needs addWorkers, waveMinutes or lockAisles (leave change out to forecast as is)',
        },
      )
      .optional(),
    /** Confidence level of every interval. */
    level: z.number().min(0.5).max(0.999).default(0.95),
  })
  .strict();

/** A validated forecast request. */
export type ForecastRequest = z.infer<typeof forecastRequestSchema>;
