import { describe, expect, it } from 'vitest';
import { playEvents } from './playEvents.ts';
import { returnEvents as e, returnMachine } from './returnMachine.ts';

const inspected = [e.received, e.quarantined, e.inspected];

describe('returnMachine', () => {
  it('receives against the RMA, quarantines, inspects and ends in one of four dispositions', () => {
    expect(playEvents(returnMachine, [e.received, e.mismatchRecorded]).value).toBe('received');
    expect(playEvents(returnMachine, [e.received, e.quarantined]).value).toBe('quarantined');
    expect(playEvents(returnMachine, inspected).value).toBe('inspected');
    const outcomes = [
      [e.restockDecided, 'restock'],
      [e.reworkDecided, 'rework'],
      [e.vendorReturnDecided, 'vendorReturn'],
      [e.scrapDecided, 'scrap'],
    ] as const;
    for (const [event, state] of outcomes) {
      const snap = playEvents(returnMachine, [...inspected, event]);
      expect(snap.value).toBe(state);
      expect(snap.status).toBe('done');
    }
  });

  it('rejects a disposition before inspection and a cancel once the goods are back', () => {
    expect(() => playEvents(returnMachine, [e.received, e.quarantined, e.restockDecided])).toThrow(
      /return\.restockDecided not accepted in "quarantined"/,
    );
    expect(playEvents(returnMachine, [e.cancelled]).value).toBe('cancelled');
    expect(() => playEvents(returnMachine, [e.received, e.cancelled])).toThrow(/not accepted in "received"/);
  });

  it('holds an unauthorised return until it is authorised late, refused or scrapped', () => {
    const held = [e.received, e.mismatchRecorded, e.held];
    expect(playEvents(returnMachine, held).value).toBe('held');
    expect(playEvents(returnMachine, [...held, e.authorised, e.inspected]).value).toBe('inspected');
    expect(playEvents(returnMachine, [...held, e.refused]).status).toBe('done');
    expect(playEvents(returnMachine, [...held, e.scrapDecided]).value).toBe('scrap');
    expect(() => playEvents(returnMachine, [...held, e.inspected])).toThrow(/not accepted in "held"/);
  });
});
