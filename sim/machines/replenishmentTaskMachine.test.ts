import { describe, expect, it } from 'vitest';
import { playEvents } from './playEvents.ts';
import { replenishmentEvents as e, replenishmentTaskMachine } from './replenishmentTaskMachine.ts';

const toReserve = [e.assigned, e.travelStarted];
const toForward = [e.forwardTravelStarted, e.dropped];

describe('replenishmentTaskMachine', () => {
  it('moves stock from reserve to the forward face and is done at the forward bin scan', () => {
    expect(playEvents(replenishmentTaskMachine, [...toReserve, e.reservePicked]).value).toBe(
      'pickedFromReserve',
    );
    expect(playEvents(replenishmentTaskMachine, [...toReserve, e.reservePicked, ...toForward]).value).toBe(
      'droppedAtForward',
    );
    const snap = playEvents(replenishmentTaskMachine, [
      ...toReserve,
      e.reservePicked,
      ...toForward,
      e.confirmed,
    ]);
    expect(snap.value).toBe('done');
    expect(snap.status).toBe('done');
  });

  it('handles a short at reserve: another reserve bin, a partial pick, or closed short', () => {
    expect(playEvents(replenishmentTaskMachine, [...toReserve, e.shortAtReserve]).value).toBe(
      'shortAtReserve',
    );
    expect(playEvents(replenishmentTaskMachine, [...toReserve, e.shortAtReserve, e.redirected]).value).toBe(
      'travellingToReserve',
    );
    expect(
      playEvents(replenishmentTaskMachine, [
        ...toReserve,
        e.shortAtReserve,
        e.reservePicked,
        ...toForward,
        e.confirmed,
      ]).value,
    ).toBe('done');
    const short = playEvents(replenishmentTaskMachine, [...toReserve, e.shortAtReserve, e.abandoned]);
    expect(short.value).toBe('closedShort');
    expect(short.status).toBe('done');
  });

  it('returns to triggered when unassigned', () => {
    expect(playEvents(replenishmentTaskMachine, [e.assigned, e.unassigned]).value).toBe('triggered');
  });

  it('can be cancelled until stock is picked from reserve, not after', () => {
    expect(playEvents(replenishmentTaskMachine, [e.cancelled]).value).toBe('cancelled');
    expect(playEvents(replenishmentTaskMachine, [...toReserve, e.cancelled]).value).toBe('cancelled');
    expect(() => playEvents(replenishmentTaskMachine, [...toReserve, e.reservePicked, e.cancelled])).toThrow(
      /replenishment\.cancelled not accepted in "pickedFromReserve"/,
    );
  });

  it('rejects a drop at the forward face before anything was picked', () => {
    expect(() => playEvents(replenishmentTaskMachine, [...toReserve, e.dropped])).toThrow(
      /not accepted in "travellingToReserve"/,
    );
  });
});
