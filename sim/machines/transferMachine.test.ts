import { describe, expect, it } from 'vitest';
import { playEvents } from './playEvents.ts';
import { transferEvents as e, transferMachine } from './transferMachine.ts';

const atReceiving = [e.shipped, e.arrived, e.receivingStarted];

describe('transferMachine', () => {
  it('ships, travels and is received in full at the other site', () => {
    expect(playEvents(transferMachine, [e.shipped]).value).toBe('inTransit');
    const snap = playEvents(transferMachine, [...atReceiving, e.lineScanned, e.receivedInFull]);
    expect(snap.value).toBe('received');
    expect(snap.status).toBe('done');
  });

  it('reviews a receipt with discrepancies, and a lost shipment, before reconciling', () => {
    const review = [
      ...atReceiving,
      e.lineScanned,
      e.shortRecorded,
      e.damageRecorded,
      e.receivedWithDiscrepancy,
    ];
    expect(playEvents(transferMachine, review.slice(0, -1)).value).toBe('receiving');
    expect(playEvents(transferMachine, review).value).toBe('discrepancyReview');
    expect(playEvents(transferMachine, [...review, e.discrepancyResolved]).value).toBe('reconciled');
    expect(playEvents(transferMachine, [e.shipped, e.declaredLost, e.discrepancyResolved]).value).toBe(
      'reconciled',
    );
  });

  it('cancels only before shipping and rejects receiving scans while in transit', () => {
    expect(playEvents(transferMachine, [e.cancelled]).value).toBe('cancelled');
    expect(() => playEvents(transferMachine, [e.shipped, e.cancelled])).toThrow(
      /not accepted in "inTransit"/,
    );
    expect(() => playEvents(transferMachine, [e.shipped, e.lineScanned])).toThrow(
      /transfer\.lineScanned not accepted in "inTransit"/,
    );
  });
});
