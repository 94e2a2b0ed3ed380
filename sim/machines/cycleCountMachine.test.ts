import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { cycleCountEvents as e, cycleCountMachine, type CountSubmission } from './cycleCountMachine.ts';

type Step = string | CountSubmission;

/** Plays event types and submissions (with their guard inputs) through the chart with XState. */
function play(steps: readonly Step[]): AnyMachineSnapshot {
  let [snap] = initialTransition(cycleCountMachine, undefined);
  for (const s of steps) {
    const ev = (typeof s === 'string' ? { type: s } : s) as never;
    if (snap.status !== 'active' || !snap.can(ev))
      throw new Error(`${typeof s === 'string' ? s : s.type} not accepted in ${JSON.stringify(snap.value)}`);
    [snap] = transition(cycleCountMachine, snap, ev);
  }
  return snap;
}

const submit = (o: Partial<Omit<CountSubmission, 'type'>> = {}): CountSubmission => ({
  type: 'count.submitted',
  binMoved: false,
  within: false,
  approval: false,
  ...o,
});
const start = [e.assigned, e.started];
const within = submit({ within: true });
const out = submit();

describe('cycleCountMachine', () => {
  it('posts a count within tolerance, decided by the chart at the submission', () => {
    const snap = play([...start, within]);
    expect(snap.value).toBe('posted');
    expect(snap.status).toBe('done');
  });

  it('recounts an out-of-tolerance count and posts a recount within tolerance', () => {
    expect(play([...start, out]).value).toBe('recountPending');
    expect(play([...start, out, ...start]).value).toBe('recounting');
    expect(play([...start, out, ...start, within]).value).toBe('posted');
  });

  it('sends a recount still off to review when approval is needed, else to confirmed', () => {
    const review = [...start, out, ...start, submit({ approval: true })];
    expect(play(review).value).toBe('review');
    const approved = play([...review, e.adjustmentApproved]);
    expect(approved.value).toBe('approved');
    expect(approved.status).toBe('done');
    expect(play([...review, e.adjustmentRejected]).value).toBe('rejected');
    const confirmed = [...start, out, ...start, out];
    expect(play(confirmed).value).toBe('confirmed');
    expect(play([...confirmed, e.adjustmentApproved]).value).toBe('approved');
    // The approval limit only matters on a recount: a first count out of tolerance is recounted.
    expect(play([...start, submit({ approval: true })]).value).toBe('recountPending');
  });

  it('voids a count whose bin moved before the submission, whatever the tolerance check says', () => {
    expect(play([...start, submit({ binMoved: true, within: true })]).value).toBe('voided');
    expect(play([...start, out, ...start, submit({ binMoved: true, approval: true })]).value).toBe('voided');
    expect(play([...start, e.binMoved]).value).toBe('voided');
    const voided = play([...start, out, ...start, submit({ approval: true }), e.binMoved]);
    expect(voided.value).toBe('voided');
    expect(voided.status).toBe('done');
    // A voided count can never be posted.
    expect(() => play([...start, e.binMoved, within])).toThrow(/count\.submitted not accepted in "voided"/);
  });

  it('does not take a bin move before counting starts, nor a decision before a count', () => {
    expect(() => play([e.binMoved])).toThrow(/not accepted in "scheduled"/);
    expect(() => play([e.assigned, within])).toThrow(/not accepted in "assigned"/);
    expect(() => play([...start, e.adjustmentApproved])).toThrow(/not accepted in "counting"/);
  });

  it('unassigns a recount back to recountPending and cancels only before counting', () => {
    expect(play([...start, out, e.assigned, e.unassigned]).value).toBe('recountPending');
    expect(play([e.assigned, e.cancelled]).value).toBe('cancelled');
    expect(() => play([...start, e.cancelled])).toThrow(/not accepted in "counting"/);
  });
});
