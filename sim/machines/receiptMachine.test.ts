import { describe, expect, it } from 'vitest';
import { playEvents } from './playEvents.ts';
import { receiptEvents as e, receiptMachine } from './receiptMachine.ts';

const atReceiving = [e.arrived, e.receivingStarted];

describe('receiptMachine', () => {
  it('receives with discrepancies, holds for QC, releases, stages, puts away and closes', () => {
    const snap = playEvents(receiptMachine, [
      ...atReceiving,
      e.lineScanned,
      e.shortRecorded,
      e.damageRecorded,
      e.lineScanned,
      e.inspectionHeld,
      e.released,
      e.staged,
      e.putawayTasksCreated,
    ]);
    expect(snap.value).toBe('putaway');
    const closed = playEvents(receiptMachine, [
      ...atReceiving,
      e.inspectionHeld,
      e.released,
      e.staged,
      e.putawayTasksCreated,
      e.closed,
    ]);
    expect(closed.value).toBe('closed');
    expect(closed.status).toBe('done');
  });

  it('keeps the receipt in receiving for every discrepancy code', () => {
    for (const d of [
      e.shortRecorded,
      e.overRecorded,
      e.damageRecorded,
      e.wrongItemRecorded,
      e.unknownPoRecorded,
    ]) {
      const snap = playEvents(receiptMachine, [...atReceiving, d, d]);
      expect(snap.value, d).toBe('receiving');
      expect(snap.status).toBe('active');
    }
  });

  it('goes straight to staging when no inspection is required', () => {
    expect(playEvents(receiptMachine, [...atReceiving, e.lineScanned, e.staged]).value).toBe('staged');
  });

  it('ends rejected when QC rejects, and nothing can be staged afterwards', () => {
    const snap = playEvents(receiptMachine, [...atReceiving, e.inspectionHeld, e.rejected]);
    expect(snap.value).toBe('rejected');
    expect(snap.status).toBe('done');
    expect(() =>
      playEvents(receiptMachine, [...atReceiving, e.inspectionHeld, e.rejected, e.staged]),
    ).toThrow(/receipt\.staged not accepted in "rejected"/);
  });

  it('ends noShow, cancelled or refused without receiving anything', () => {
    expect(playEvents(receiptMachine, [e.noShowRecorded]).value).toBe('noShow');
    expect(playEvents(receiptMachine, [e.cancelled]).value).toBe('cancelled');
    expect(playEvents(receiptMachine, [e.arrived, e.refused]).value).toBe('refused');
  });

  it('rejects scans before the load is at a door and discrepancies after staging', () => {
    expect(() => playEvents(receiptMachine, [e.lineScanned])).toThrow(/not accepted in "expected"/);
    expect(() => playEvents(receiptMachine, [e.arrived, e.lineScanned])).toThrow(/not accepted in "arrived"/);
    expect(() => playEvents(receiptMachine, [...atReceiving, e.staged, e.shortRecorded])).toThrow(
      /receipt\.shortRecorded not accepted in "staged"/,
    );
    // A receipt that is receiving can no longer be a no-show or be cancelled.
    expect(() => playEvents(receiptMachine, [...atReceiving, e.cancelled])).toThrow(
      /not accepted in "receiving"/,
    );
  });
});
