import { z } from 'zod';

/** Cycle-count settings; absent = no counting. Owned by the counting flow. */
export const countingSchema = z.object({}).strict();
