import { z } from 'zod';

/** Inbound (receiving and putaway) settings; absent = no inbound flow. Owned by the inbound flow. */
export const inboundSchema = z.object({}).strict();
