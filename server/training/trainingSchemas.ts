import { z } from 'zod';
import { MAX_SPEED, MIN_SPEED } from '../../sim/view/protocol.ts';
import { TRAINEE_ROLES } from './trainingTypes.ts';
import { exerciseName } from './exerciseSchema.ts';

/** Printable text without control characters (a name, a reason). */
const printable = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** `POST /api/training/sessions`: the scenario (or exercise) a class runs and its speed. */
export const createSessionSchema = z
  .object({
    scenario: z.string().min(1).max(200),
    exercise: exerciseName.nullable().default(null),
    /** Sim ms per wall ms; training runs in real time by default. */
    speed: z.number().min(MIN_SPEED).max(MAX_SPEED).default(1),
  })
  .strict();

/** `POST /api/training/join`: the session code handed out and the trainee's display name. */
export const joinSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-HJ-NP-Za-hj-np-z2-9]{6}$/, 'a 6-character session code'),
    name: printable(40),
  })
  .strict();

/** `POST /api/training/sessions/:id/trainees/:tid/role`: the role a trainee is given. */
export const assignSchema = z.object({ role: z.enum(TRAINEE_ROLES) }).strict();

/** How a handheld entry was made. */
export const VIA = ['scan', 'keyed', 'kit'] as const;

/** Longest scan or typed entry a handheld sends (a GS1 DataMatrix with many AIs stays far below). */
export const MAX_RAW = 256;

/** `rf.entry` on the `/rf` namespace: one scan, keyed value or exit from a trainee's handheld. */
export const rfEntrySchema = z
  .object({
    input: z.enum(['binLabel', 'gs1Item', 'lot', 'quantity', 'confirm', 'exit']),
    raw: z.string().max(MAX_RAW),
    via: z.enum(VIA),
    exit: z
      .string()
      .regex(/^[a-zA-Z]{1,30}$/)
      .optional(),
    reason: printable(200).optional(),
  })
  .strict()
  .refine((m) => (m.input === 'exit') === (m.exit !== undefined), {
    message: 'an exit entry names its exit, and only an exit entry does',
    path: ['exit'],
  });

/** One validated handheld entry message. */
export type RfEntryMessage = z.output<typeof rfEntrySchema>;

/** Zod issues as path + message pairs, for 400 answers and socket refusals. */
export function problemsOf(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): { path: string; message: string }[] {
  return issues.map((i) => ({ path: '/' + i.path.map(String).join('/'), message: i.message }));
}
