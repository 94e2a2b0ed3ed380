import type { World } from '../engine/world.ts';
import type { JournalEventBody } from '../journal/journalEvent.ts';
import { parseScan } from '../gs1/parseScan.ts';
import { toWarehouseScan } from '../gs1/warehouseScan.ts';
import { step as stepMachine } from '../machines/compileMachine.ts';
import { applyFeedTransaction } from './applyFeedTransaction.ts';
import { mirrorState, recordException } from './mirrorState.ts';
import { stepTable, type Milestone, type ScanStep } from './scanSteps.ts';
import { expectedAt, nextName, scanPlan, type ScanPlan, type ScanPosition } from './scanPlan.ts';
import { itemFits, positionOf, sendAt } from './scanProgress.ts';
import { binOf, itemByGtin } from './siteLookup.ts';
import { binSignature } from '../flows/counting/binStock.ts';
import { takeScannedCount } from './scanCount.ts';
import { receive, isReceivingLocation } from './scanReceive.ts';
import { isReturnsLocation, receiveReturn } from './scanReturn.ts';
import type { Fail, ScanMessage, ScanReply, ScanSession } from './scanTypes.ts';

export type { Fail, ScanMessage, ScanReply, ScanSession } from './scanTypes.ts';

function sessions(w: World): Record<string, ScanSession> {
  const s = mirrorState(w) as ReturnType<typeof mirrorState> & { sessions?: Record<string, ScanSession> };
  return (s.sessions ??= {});
}

/**
 * Takes one scan of a device's sequence. What a step expects next, and which chart events each
 * scan sends, is read from the step's statechart (its task-step meta, walked by scanPlan.ts):
 * the state the device's task is in says the kind of scan (bin label, GS1 item, quantity), the
 * prompt and the exits; a scan of another kind is refused naming what the step expects. A scan
 * the statechart or the system ledger cannot accept (out of sequence, wrong bin, unknown item,
 * lot not in the bin, more than the system holds) is recorded as an exception and answered
 * with the reason, and the sequence stays where it was. A complete sequence is committed as
 * one transaction (all or nothing).
 */
export function takeScan(w: World, m: ScanMessage, key: string): ScanReply {
  const all = sessions(w);
  let s = all[m.device];
  if (!s || s.step !== m.step) s = all[m.device] = startSession(m.step);
  // A refused message changes nothing: not the part of it taken before the refusal (an item whose
  // quantity is refused), nor the chart steps of a sequence whose commit the ledger refuses.
  const saved = { ...s };
  const r = scanInto(w, m, key, s, all);
  if (!r.ok) all[m.device] = saved;
  return r;
}

function scanInto(
  w: World,
  m: ScanMessage,
  key: string,
  s: ScanSession,
  all: Record<string, ScanSession>,
): ScanReply {
  const plan = scanPlan(m.step);
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
  const send = (ms: Milestone): string | null => sendAt(m.step, s, plan, ms);
  const at = (): ScanPosition | undefined => positionOf(plan, s);
  const refuse = (got: string, bin?: string): ScanReply =>
    fail('out-of-sequence', `${m.step}: expected ${expectedAt(at())}, got ${got}`, bin);
  const raw = m.raw.trim() === '' ? null : parseScan(m.raw);
  if (raw && !raw.ok) return fail('bad-barcode', raw.errors.map((e) => e.message).join('; '));
  const scan = raw ? toWarehouseScan(raw) : null;
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
    if (m.step === 'return' && !isReturnsLocation(w, bin))
      return fail(
        'not-returns-location',
        `${bin} is not a returns, QC or staging location: receive returns there`,
        bin,
      );
    if (m.step === 'receive' && !isReceivingLocation(w, bin))
      return fail(
        'not-receiving-location',
        `${bin} is not a dock, staging or QC location: receive at the dock`,
        bin,
      );
    if (m.step === 'count' && !w.site.binIndex.has(bin))
      return fail('not-countable', `${bin} is equipment, not a bin: count bins`, bin);
    const here = at();
    if (here?.milestone === 'to') {
      const err = send('to');
      if (err) return fail('out-of-sequence', `${m.step}: ${err}`, bin);
      return commit(w, m, s, bin, key, fail, all);
    }
    // Before the item the source may be scanned again (the person moved); after it, only itself.
    if (s.sku !== undefined && s.from !== bin) return refuse(`location ${bin}`, bin);
    if (s.from === undefined) {
      if (here?.milestone !== 'from') return refuse(`location ${bin}`, bin);
      const err = send('from');
      if (err) return fail('out-of-sequence', `${m.step}: ${err}`, bin);
    }
    s.from = bin;
    if (m.step === 'count') s.signature = binSignature(w.system, bin);
    return accepted('from', plan, s);
  }
  if (scan?.gtin !== undefined || scan?.sscc !== undefined) {
    if (s.from === undefined || !itemFits(plan, s))
      return refuse(scan.gtin ? `GTIN ${scan.gtin}` : 'an SSCC', s.from);
    if (scan.gtin === undefined)
      return fail(
        'unknown-item',
        `SSCC ${scan.sscc}: the twin does not know this pallet's contents; scan the GTIN`,
      );
    const hit = itemByGtin(w, scan.gtin);
    if (!hit) return fail('unknown-item', `GTIN ${scan.gtin} is not in the item master`, s.from);
    let lot = scan.lot ?? '';
    if (m.step !== 'receive' && m.step !== 'return') {
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
    if (keyed === undefined) return accepted('item', plan, s);
    return quantity(w, m, s, keyed, key, fail, send, all);
  }
  if (raw === null && m.qty !== undefined) {
    if (at()?.milestone !== 'qty') return refuse('a quantity', s.from);
    return quantity(w, m, s, m.qty, key, fail, send, all);
  }
  return fail(
    'unrecognised',
    `${m.step}: expected ${expectedAt(at())}; the scan is neither a location nor an item`,
  );
}

/** The answer to a taken scan that leaves more to scan: what comes next and its prompt (from the chart). */
function accepted(ms: Milestone, plan: ScanPlan, s: ScanSession): ScanReply {
  const next = positionOf(plan, s);
  return { ok: true, accepted: ms, next: nextName(next), ...(next ? { prompt: next.prompt } : {}) };
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
  if (m.step !== 'receive' && m.step !== 'count' && m.step !== 'return') {
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
  const plan = scanPlan(m.step);
  if (plan.needsTo) return accepted('qty', plan, s);
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
  if (m.step === 'return') return receiveReturn(w, m, s, base, fail, all);
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
  for (const x of scanPlan(step).start) state = stepMachine(table, state, x.event, x.mask);
  return { step, state };
}
