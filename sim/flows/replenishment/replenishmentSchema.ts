import { z } from 'zod';

/** Replenishment settings; absent = no replenishment. Owned by the replenishment flow. */
export const replenishmentSchema = z.object({}).strict();
