import { describe, expect, it } from 'vitest';
import { cycleCountEvents as e, cycleCountMachine } from './cycleCountMachine.ts';
import { playEvents } from './playEvents.ts';

const count = [e.assigned, e.started, e.submitted];

describe('cycleCountMachine', () => {
  it('posts a count within tolerance', () => {
    expect(playEvents(cycleCountMachine, count).value).toBe('counted');
    const snap = playEvents(cycleCountMachine, [...count, e.withinTolerance]);
    expect(snap.value).toBe('posted');
    expect(snap.status).toBe('done');
  });

  it('recounts an out-of-tolerance count and posts a recount within tolerance', () => {
    expect(playEvents(cycleCountMachine, [...count, e.outOfTolerance]).value).toBe('recountPending');
    expect(playEvents(cycleCountMachine, [...count, e.outOfTolerance, ...count]).value).toBe('recounted');
    expect(
      playEvents(cycleCountMachine, [...count, e.outOfTolerance, ...count, e.withinTolerance]).value,
    ).toBe('posted');
  });

  it('sends a recount still off to review, where the adjustment is approved or rejected', () => {
    const review = [...count, e.outOfTolerance, ...count, e.outOfTolerance];
    expect(playEvents(cycleCountMachine, review).value).toBe('review');
    const approved = playEvents(cycleCountMachine, [...review, e.adjustmentApproved]);
    expect(approved.value).toBe('approved');
    expect(approved.status).toBe('done');
    expect(playEvents(cycleCountMachine, [...review, e.adjustmentRejected]).value).toBe('rejected');
  });

  it('voids a count whose bin moved during counting, recounting or review', () => {
    expect(playEvents(cycleCountMachine, [e.assigned, e.started, e.binMoved]).value).toBe('voided');
    expect(playEvents(cycleCountMachine, [...count, e.binMoved]).value).toBe('voided');
    expect(
      playEvents(cycleCountMachine, [...count, e.outOfTolerance, e.assigned, e.started, e.binMoved]).value,
    ).toBe('voided');
    const voided = playEvents(cycleCountMachine, [
      ...count,
      e.outOfTolerance,
      ...count,
      e.outOfTolerance,
      e.binMoved,
    ]);
    expect(voided.value).toBe('voided');
    expect(voided.status).toBe('done');
    // A voided count can never be posted.
    expect(() => playEvents(cycleCountMachine, [...count, e.binMoved, e.withinTolerance])).toThrow(
      /count\.withinTolerance not accepted in "voided"/,
    );
  });

  it('does not take a bin move before counting starts, nor a tolerance decision before a count', () => {
    expect(() => playEvents(cycleCountMachine, [e.binMoved])).toThrow(/not accepted in "scheduled"/);
    expect(() => playEvents(cycleCountMachine, [e.assigned, e.started, e.withinTolerance])).toThrow(
      /not accepted in "counting"/,
    );
    expect(() => playEvents(cycleCountMachine, [...count, e.adjustmentApproved])).toThrow(
      /not accepted in "counted"/,
    );
  });

  it('unassigns a recount back to recountPending and cancels only before counting', () => {
    expect(playEvents(cycleCountMachine, [...count, e.outOfTolerance, e.assigned, e.unassigned]).value).toBe(
      'recountPending',
    );
    expect(playEvents(cycleCountMachine, [e.assigned, e.cancelled]).value).toBe('cancelled');
    expect(() => playEvents(cycleCountMachine, [e.assigned, e.started, e.cancelled])).toThrow(
      /not accepted in "counting"/,
    );
  });
});
