import { describe, expect, it } from 'vitest';
import { createEngine } from '../engineApi.ts';
import { smallSite } from '../flows/replenishment/testScenario.ts';
import { ledgerShape } from '../journal/ledgerShape.ts';
import { TRANSACTIONS, TRANSACTION_TYPES, type TransactionType } from '../journal/transactionCatalogue.ts';
import { EFFECT_SHAPES } from '../journal/transactionSpec.ts';
import { BINTWIN_NS, mapEpcisEvent, reversalOf } from './epcisMapping.ts';

const w = createEngine(smallSite()).world;
const rec = w.system.state().find((r) => r.status === 'available' && r.lot === '')!;
const other = w.site.layout!.bins.find((b) => b.code !== rec.bin && b.type === 'reserve')!.code;
const gtin = w.site.items.find((i) => i.sku === rec.sku)!.uoms.find((u) => u.factor === 1)!.gtin;
const prefixes = { bintwin: BINTWIN_NS };

/** One ObjectEvent of a unit of the record's item, from its bin to another. */
function event(bizStep: string | undefined, action: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'ObjectEvent',
    action,
    ...(bizStep === undefined ? {} : { bizStep }),
    eventTime: '2024-01-01T08:00:00.000Z',
    eventTimeZoneOffset: '+00:00',
    epcList: [],
    quantityList: [{ epcClass: `https://id.gs1.org/01/${gtin}`, quantity: rec.qty + 1 }],
    bizLocation: { id: rec.bin },
    sourceList: [{ type: 'location', source: rec.bin }],
    destinationList: [{ type: 'location', destination: other }],
    ...extra,
  };
}

/** Maps an event and checks that every body is of `type` and does what the catalogue says. */
function expectMapped(e: Record<string, unknown>, type: TransactionType) {
  const m = mapEpcisEvent(w, e, prefixes);
  expect(m.ok, JSON.stringify(m)).toBe(true);
  const bodies = m.ok ? m.bodies : [];
  expect(bodies.length, type).toBeGreaterThan(0);
  for (const b of bodies) {
    expect(b.type).toBe(type);
    expect(EFFECT_SHAPES[TRANSACTIONS[type].ledger], `${type}: ${ledgerShape(b)}`).toContain(ledgerShape(b));
  }
  return bodies;
}

describe('EPCIS events become catalogue transactions', () => {
  const byStep = TRANSACTION_TYPES.filter((t) => {
    const x = TRANSACTIONS[t].epcis;
    return t === `epcis.${'bizStep' in x ? x.bizStep : ''}`;
  });

  it.each(byStep)('%s: a CBV step maps to its own type with the declared ledger effect', (type) => {
    const step = type.slice('epcis.'.length);
    expectMapped(event(step, TRANSACTIONS[type].ledger === 'inflow' ? 'ADD' : 'OBSERVE'), type);
  });

  it('covers every step the mapper has a rule for', () => {
    expect(byStep.length).toBe(21);
  });

  it('a DELETE on a step that keeps stock is booked as a removal', () => {
    expectMapped(event('storing', 'DELETE'), 'epcis.delete');
  });

  it('an event without a step is named by its action; an unknown step is epcis.other', () => {
    expectMapped(event(undefined, 'ADD', { 'bintwin:statusTo': 'damaged' }), 'epcis.add');
    expectMapped(
      event(undefined, 'OBSERVE', { 'bintwin:statusFrom': 'available', 'bintwin:statusTo': 'damaged' }),
      'epcis.observe',
    );
    const bodies = expectMapped(
      event('repairing', 'OBSERVE', { 'bintwin:statusFrom': 'available', 'bintwin:statusTo': 'available' }),
      'epcis.other',
    );
    for (const r of reversalOf(bodies)) {
      expect(r.type).toBe('epcis.corrected');
      expect(EFFECT_SHAPES[TRANSACTIONS['epcis.corrected'].ledger]).toContain(ledgerShape(r));
    }
  });

  it('keeps a bintwin type and refuses one that is not in the catalogue', () => {
    expectMapped(event('picking', 'OBSERVE', { 'bintwin:type': 'pick.confirmed' }), 'pick.confirmed');
    const m = mapEpcisEvent(w, event('picking', 'OBSERVE', { 'bintwin:type': 'pick.confirmd' }), prefixes);
    expect(m).toMatchObject({ ok: false, kind: 'unknown-type' });
  });
});
