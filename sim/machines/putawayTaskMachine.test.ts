import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { playEvents } from './playEvents.ts';
import { putawayEvents as e, putawayTaskMachine } from './putawayTaskMachine.ts';

const toBin = [e.directed, e.travelStarted, e.arrived];

describe('putawayTaskMachine', () => {
  it('is done after a confirming bin scan at the directed bin', () => {
    expect(playEvents(putawayTaskMachine, toBin).value).toBe('atBin');
    const snap = playEvents(putawayTaskMachine, [...toBin, e.confirmed]);
    expect(snap.value).toBe('done');
    expect(snap.status).toBe('done');
  });

  it('rejects a putaway confirmation before the driver is at the bin', () => {
    expect(() => playEvents(putawayTaskMachine, [e.directed, e.travelStarted, e.confirmed])).toThrow(
      /putaway\.confirmed not accepted in "travelling"/,
    );
    expect(() => playEvents(putawayTaskMachine, [e.confirmed])).toThrow(/not accepted in "created"/);
  });

  it('puts away into another bin only after a supervisor approves the override', () => {
    expect(playEvents(putawayTaskMachine, [...toBin, e.overrideRequested]).value).toBe('overridePending');
    expect(() => playEvents(putawayTaskMachine, [...toBin, e.overrideRequested, e.confirmed])).toThrow(
      /not accepted in "overridePending"/,
    );
    expect(playEvents(putawayTaskMachine, [...toBin, e.overrideRequested, e.overrideApproved]).value).toBe(
      'overriding',
    );
    expect(
      playEvents(putawayTaskMachine, [...toBin, e.overrideRequested, e.overrideApproved, e.confirmed]).value,
    ).toBe('done');
  });

  it('sends the driver back to the directed bin when the override is rejected', () => {
    const snap = playEvents(putawayTaskMachine, [...toBin, e.overrideRequested, e.overrideRejected]);
    expect(snap.value).toBe('atBin');
    expect(
      playEvents(putawayTaskMachine, [...toBin, e.overrideRequested, e.overrideRejected, e.confirmed]).value,
    ).toBe('done');
  });

  it('parks a task when no bin is found, and directs it once one is', () => {
    expect(playEvents(putawayTaskMachine, [e.noBinFound]).value).toBe('parked');
    expect(playEvents(putawayTaskMachine, [...toBin, e.noBinFound]).value).toBe('parked');
    expect(playEvents(putawayTaskMachine, [e.noBinFound, ...toBin, e.confirmed]).value).toBe('done');
  });

  it('can be cancelled until the unit leaves staging, not after', () => {
    expect(playEvents(putawayTaskMachine, [e.cancelled]).value).toBe('cancelled');
    expect(playEvents(putawayTaskMachine, [e.noBinFound, e.cancelled]).value).toBe('cancelled');
    expect(playEvents(putawayTaskMachine, [e.directed, e.cancelled]).value).toBe('cancelled');
    expect(() => playEvents(putawayTaskMachine, [e.directed, e.travelStarted, e.cancelled])).toThrow(
      /not accepted in "travelling"/,
    );
  });
});

describe('putaway bin scans judged by the chart’s own guards (the handheld’s driver)', () => {
  const atBin = playEvents(putawayTaskMachine, [e.directed, e.travelStarted, e.arrived]);
  const scan = (snap: typeof atBin, bin: string, approvedBin?: string) =>
    transition(putawayTaskMachine, snap, {
      type: 'putaway.binScanned',
      bin,
      directedBin: 'A-01',
      approvedBin,
    })[0];

  it('the directed bin confirms; another bin is an override request that waits for the supervisor', () => {
    expect(scan(atBin, 'A-01').value).toBe('done');
    const pending = scan(atBin, 'B-07');
    expect(pending.value).toBe('overridePending');
    expect(pending.can({ type: 'putaway.binScanned', bin: 'A-01', directedBin: 'A-01' })).toBe(false);
  });

  it('after an approval only the approved bin confirms: a wrong bin is refused', () => {
    const [overriding] = transition(putawayTaskMachine, scan(atBin, 'B-07'), {
      type: 'putaway.overrideApproved',
    });
    expect(overriding.value).toBe('overriding');
    expect(
      overriding.can({ type: 'putaway.binScanned', bin: 'C-02', directedBin: 'A-01', approvedBin: 'B-07' }),
    ).toBe(false);
    expect(scan(overriding, 'B-07', 'B-07').value).toBe('done');
  });
});
