// Which timeline entries become marks on the debrief slider (issue 14): what a trainer jumps to
// when going over a session — the injections (armed by the trainer or a cue, and where the truth
// log says they landed), the trainees' exception exits, and their refused entries (errors).

/** A timeline entry as GET /api/training/sessions/:id/timeline sends it. */
export interface TimelineItem {
  simMs: number;
  source: 'journal' | 'truth' | 'handheld' | 'trainer';
  record: Record<string, unknown>;
}

/** The kinds of mark on the slider (each its own colour). */
export type MarkKind = 'injection' | 'exit' | 'error';

/** One mark: where on the slider, what kind, and a short label (the mark's tooltip). */
export interface TimelineMark {
  simMs: number;
  source: TimelineItem['source'];
  kind: MarkKind;
  label: string;
}

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The mark an entry makes, or null for entries that are not worth a mark (ordinary journal lines). */
export function markOf(i: TimelineItem): TimelineMark | null {
  const r = i.record;
  if (i.source === 'trainer' && r['kind'] === 'inject')
    return {
      simMs: i.simMs,
      source: i.source,
      kind: 'injection',
      label: `inject ${str(r['cause'])} → ${str(r['traineeId'])}`,
    };
  if (i.source === 'truth')
    return {
      simMs: i.simMs,
      source: i.source,
      kind: 'injection',
      label: `truth: ${str(r['cause'])} at ${str(r['bin'])}`,
    };
  if (i.source === 'handheld' && r['outcome'] === 'refused')
    return {
      simMs: i.simMs,
      source: i.source,
      kind: 'error',
      label: `${str(r['traineeId'])} refused: ${str(r['reason'])}`,
    };
  if (i.source === 'handheld' && typeof r['exit'] === 'string')
    return {
      simMs: i.simMs,
      source: i.source,
      kind: 'exit',
      label: `${str(r['traineeId'])} exit ${r['exit']}`,
    };
  return null;
}

/** The marks of a timeline, in time order. */
export function timelineMarks(items: readonly TimelineItem[]): TimelineMark[] {
  return items
    .map(markOf)
    .filter((m): m is TimelineMark => m !== null)
    .sort((a, b) => a.simMs - b.simMs);
}

/** A mark's place along the slider, 0–1 (a session of length 0 puts everything at the start). */
export function markPosition(simMs: number, from: number, to: number): number {
  if (to <= from) return 0;
  return Math.min(1, Math.max(0, (simMs - from) / (to - from)));
}
