import type { World } from '../engine/world.ts';
import type { JournalEventBody } from '../journal/journalEvent.ts';
import { parseScan } from '../gs1/parseScan.ts';
import { toWarehouseScan } from '../gs1/warehouseScan.ts';
import { REJECTED, step as stepMachine } from '../machines/compileMachine.ts';
import { applyFeedTransaction } from './applyFeedTransaction.ts';
import { mirrorState, recordException } from './mirrorState.ts';
import { STEP_PLANS, stepTable, type Milestone, type ScanStep } from './scanSteps.ts';
import { binOf, itemByGtin } from './siteLookup.ts';
import { binSignature } from '../flows/counting/binStock.ts';
import { takeScannedCount } from './scanCount.ts';
import { receive, isReceivingLocation } from './scanReceive.ts';
import type { Fail, ScanMessage, ScanReply, ScanSession } from './scanTypes.ts';

export type { Fail, ScanMessage, ScanReply, ScanSession } from './scanTypes.ts';

function sessions(w: World): Record<string, ScanSession> {
  const s = mirrorState(w) as ReturnType<typeof mirrorState> & { sessions?: Record<string, ScanSession> };
  return (s.sessions ??= {});
}

/**
 * Takes one scan of a device's sequence: location, item (GTIN with lot, count or keyed
 * quantity), quantity, destination. Each milestone sends the step's statechart events; a scan
 * the statechart or the system ledger cannot accept (out of sequence, wrong bin, unknown item,
 * lot not in the bin, more than the system holds) is recorded as an exception and answered
 * with the reason, and the sequence stays where it was. A complete sequence is committed as
 * one transaction (all or nothing).
 */
export function takeScan(w: World, m: ScanMessage, key: string): ScanReply {
  const all = sessions(w);
  let s = all[m.device];
  if (!s || s.step !== m.step) s = all[m.device] = startSession(m.step);
  const fail = (kind: string, reason: string, bin?: string): ScanReply => ({
    ok: false,
    exception: recordException(w, {
      source: 'scan',
      key,
      kind,
      reason,
      device: m.device,
      message: m,
      ...(bin ? { bin } : {}),
    }),
  });
  const send = (ms: Milestone): string | null => {
    const table = stepTable(m.step);
    let st = s.state;
    for (const ev of STEP_PLANS[m.step].events[ms] ?? []) {
      const n = stepMachine(table, st, table.event(ev));
      if (n === REJECTED) return `${ev} is not accepted in state ${table.states[st]}`;
      st = n;
    }
    s.state = st;
    return null;
  };
  const raw = m.raw.trim() === '' ? null : parseScan(m.raw);
  if (raw && !raw.ok) return fail('bad-barcode', raw.errors.map((e) => e.message).join('; '));
  const scan = raw ? toWarehouseScan(raw) : null;
  const plan = STEP_PLANS[m.step];
  const expect = (): string =>
    s.from === undefined
      ? 'location'
      : s.sku === undefined
        ? 'item'
        : s.qty === undefined
          ? 'quantity'
          : 'destination';
  // A location: the source (or receiving location) first, the destination last.
  const locId =
    scan?.binCode ??
    (raw?.ok && raw.kind === 'text' ? raw.text : undefined) ??
    (scan?.gln ? `urn:gln:${scan.gln}` : undefined);
  const bin =
    scan?.binCode !== undefined || (raw?.ok && raw.kind === 'text')
      ? binOf(w, locId ?? '')
      : scan?.glnExtension
        ? binOf(w, scan.glnExtension)
        : undefined;
  const isLocation =
    scan?.binCode !== undefined || (raw?.ok && raw.kind === 'text') || scan?.gln !== undefined;
  if (isLocation) {
    if (bin === undefined) return fail('unknown-location', `unknown location ${locId ?? m.raw}`);
    if (m.step === 'receive' && !isReceivingLocation(w, bin))
      return fail(
        'not-receiving-location',
        `${bin} is not a dock, staging or QC location: receive at the dock`,
        bin,
      );
    if (m.step === 'count' && !w.site.binIndex.has(bin))
      return fail('not-countable', `${bin} is equipment, not a bin: count bins`, bin);
    if (plan.needsTo && s.qty !== undefined) {
      const err = send('to');
      if (err) return fail('out-of-sequence', `${m.step}: ${err}`, bin);
      return commit(w, m, s, bin, key, fail, all);
    }
    if (s.sku !== undefined && s.from !== bin)
      return fail('out-of-sequence', `${m.step}: expected the ${expect()}, got location ${bin}`, bin);
    if (s.from === undefined) {
      const err = send('from');
      if (err) return fail('out-of-sequence', `${m.step}: ${err}`, bin);
    }
    s.from = bin;
    if (m.step === 'count') s.signature = binSignature(w.system, bin);
    return { ok: true, accepted: 'from', next: 'item' };
  }
  if (scan?.gtin !== undefined || scan?.sscc !== undefined) {
    if (s.from === undefined) return fail('out-of-sequence', `${m.step}: scan the location first`);
    if (scan.gtin === undefined)
      return fail(
        'unknown-item',
        `SSCC ${scan.sscc}: the twin does not know this pallet's contents; scan the GTIN`,
      );
    const hit = itemByGtin(w, scan.gtin);
    if (!hit) return fail('unknown-item', `GTIN ${scan.gtin} is not in the item master`, s.from);
    let lot = scan.lot ?? '';
    if (m.step !== 'receive') {
      const here = w.system
        .recordsIn(s.from)
        .filter((r) => r.sku === hit.item.sku && r.status === 'available');
      // A count may find what the system does not book there; every other step takes stock.
      if (here.length === 0 && m.step === 'count') {
        if (hit.item.lotControlled && lot === '')
          return fail('lot-required', `${hit.item.sku} is lot controlled: scan the lot (AI 10)`, s.from);
      } else if (here.length === 0)
        return fail('wrong-bin', `${s.from} holds no available ${hit.item.sku} in the system`, s.from);
      if (lot !== '' && !here.some((r) => r.lot === lot))
        return fail(
          'lot-not-in-bin',
          `lot ${lot} of ${hit.item.sku} is not in ${s.from} (lots: ${here.map((r) => r.lot || '-').join(', ')})`,
          s.from,
        );
      if (lot === '' && hit.item.lotControlled && here.length > 0) {
        if (here.length > 1)
          return fail(
            'lot-required',
            `${hit.item.sku} has ${here.length} lots in ${s.from}: scan the lot`,
            s.from,
          );
        lot = here[0]!.lot;
      }
    } else if (hit.item.lotControlled && lot === '')
      return fail('lot-required', `${hit.item.sku} is lot controlled: scan the lot (AI 10)`, s.from);
    const err = send('item');
    if (err) return fail('out-of-sequence', `${m.step}: ${err}`, s.from);
    s.sku = hit.item.sku;
    s.lot = lot;
    s.factor = hit.factor;
    s.uom = hit.uom;
    const keyed = scan.qty ?? m.qty;
    if (keyed === undefined) return { ok: true, accepted: 'item', next: 'quantity' };
    return quantity(w, m, s, keyed, key, fail, send, all);
  }
  if (raw === null && m.qty !== undefined) {
    if (s.sku === undefined)
      return fail('out-of-sequence', `${m.step}: expected the ${expect()}, got a quantity`, s.from);
    return quantity(w, m, s, m.qty, key, fail, send, all);
  }
  return fail(
    'unrecognised',
    `${m.step}: expected the ${expect()}; the scan is neither a location nor an item`,
  );
}

function quantity(
  w: World,
  m: ScanMessage,
  s: ScanSession,
  keyed: number,
  key: string,
  fail: Fail,
  send: (ms: Milestone) => string | null,
  all: Record<string, ScanSession>,
): ScanReply {
  let factor = s.factor ?? 1;
  let uom = s.uom ?? 'EA';
  if (m.uom !== undefined && m.uom !== uom) {
    const level = w.site.items.find((i) => i.sku === s.sku)?.uoms.find((u) => u.uom === m.uom);
    if (!level) return fail('bad-uom', `unit ${m.uom} is not a packaging level of ${s.sku}`, s.from);
    factor = level.factor;
    uom = level.uom;
  }
  const base = keyed * factor;
  if (!Number.isInteger(base) || (base <= 0 && m.step !== 'count') || base < 0)
    return fail('bad-quantity', `${keyed} ${uom} is not a whole positive quantity`, s.from);
  if (m.step !== 'receive' && m.step !== 'count') {
    const have = w.system.qty(s.from!, s.sku!, s.lot ?? '', 'available');
    if (base > have)
      return fail(
        'over-quantity',
        `${s.from} holds ${have} available ${s.sku} in the system; ${base} scanned`,
        s.from,
      );
  }
  const err = send('qty');
  if (err) return fail('out-of-sequence', `${m.step}: ${err}`, s.from);
  s.qty = base;
  s.uom = uom;
  if (STEP_PLANS[m.step].needsTo) return { ok: true, accepted: 'qty', next: 'destination' };
  return commit(w, m, s, m.step === 'pick' ? w.site.packBin : undefined, key, fail, all);
}

function commit(
  w: World,
  m: ScanMessage,
  s: ScanSession,
  to: string | undefined,
  key: string,
  fail: Fail,
  all: Record<string, ScanSession>,
): ScanReply {
  const site = w.site.name;
  const actor = { worker: m.user, role: m.role, device: m.device };
  const base = {
    site,
    actor,
    sku: s.sku!,
    qty: s.qty!,
    uom: s.uom ?? 'EA',
    reason: `scan:${key} at:${m.deviceTime}`,
  };
  if (m.step === 'count') {
    const c = takeScannedCount(w, s.from!, s.sku!, s.lot ?? '', s.qty!, s.signature ?? '', actor);
    delete all[m.device];
    const next = c.outcome === 'recount' ? 'recount' : c.outcome === 'voided' ? 'count again' : 'location';
    const status = c.outcome === 'recount' ? 'recount-required' : c.outcome;
    return { ok: true, accepted: 'line', next, eventIds: c.eventIds, status, count: c.count };
  }
  if (m.step === 'receive') return receive(w, m, s, base, key, fail, all);
  const lot = s.lot ? { lot: s.lot } : {};
  const bodies: JournalEventBody[] = [
    {
      type: `scan.${m.step}`,
      ...base,
      ...lot,
      bin: s.from!,
      toBin: to!,
      baseQty: s.qty!,
      statusFrom: 'available',
      statusTo: 'available',
    },
  ];
  const r = applyFeedTransaction(w, bodies);
  if (!r.ok) return fail(r.kind, r.reason, r.bin);
  delete all[m.device];
  return { ok: true, accepted: 'line', next: 'location', eventIds: r.eventIds };
}

function startSession(step: ScanStep): ScanSession {
  const table = stepTable(step);
  let state = table.initial;
  for (const ev of STEP_PLANS[step].events.start ?? []) state = stepMachine(table, state, table.event(ev));
  return { step, state };
}
