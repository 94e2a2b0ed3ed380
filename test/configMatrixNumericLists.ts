import { exceptionRatesSchema } from '../sim/exceptions/exceptionSchema.ts';

/**
 * The hand-written part of the numeric configuration matrix (test/configMatrixNumeric.test.ts):
 * every entry names a schema option and says why; the matrix fails on an entry whose option the
 * schema no longer has, and on one whose reason stops being true.
 */

/** Options not run, with the reason (each is covered elsewhere or has no meaning to vary). */
export const NUMERIC_EXEMPT: Record<string, string> = {
  // An override's rates are exceptionRatesSchema itself (partial): each rate is run above as
  // `exceptions.rates.*`; what an override adds is whom it applies to (sim/exceptions/exceptionRate.test.ts).
  ...Object.fromEntries(
    Object.keys(exceptionRatesSchema.shape).map((k) => [
      `exceptions.overrides.[].rates.${k}`,
      'the same rate as exceptions.rates.' +
        k +
        ', run there; overrides choose whom it applies to (exceptionRate.test.ts)',
    ]),
  ),
};

/** Each velocity class needs a number, so the other two get their defaults (abc weights 12/4/1, tolerance 1/3/5 %). */
function allClasses(key: 'abcWeights' | 'tolerancePct', defaults: Record<string, number>) {
  return (s: Record<string, unknown>): void => {
    const c = s['counting'] as Record<string, Record<string, number>>;
    c[key] = { ...defaults, ...c[key] };
  };
}

/** What a value needs beside itself (a refinement of the schema, or a flow to act on). */
export const NUMERIC_NEEDS: Record<string, (s: Record<string, unknown>, value: unknown) => void> = {
  ...Object.fromEntries(
    ['A', 'B', 'C'].map((c) => [`counting.abcWeights.${c}`, allClasses('abcWeights', { A: 12, B: 4, C: 1 })]),
  ),
  ...Object.fromEntries(
    ['A', 'B', 'C'].map((c) => [
      `counting.tolerancePct.${c}`,
      allClasses('tolerancePct', { A: 1, B: 3, C: 5 }),
    ]),
  ),
  // Demand that stops before the shift starts makes no orders at all: stop it mid-shift instead.
  'demand.stopAfterHours': (s) => void ((s['demand'] as Record<string, unknown>)['stopAfterHours'] = 9),
};

/** Sets one returns discrepancy share to 1 (the section is created if the base has none). */
function discrepancyShare(key: 'damagedShare' | 'noRmaShare') {
  return (s: Record<string, unknown>): void => {
    const r = s['returns'] as Record<string, Record<string, unknown>>;
    r['discrepancies'] = { ...r['discrepancies'], [key]: 1 };
  };
}

/**
 * A flow an option acts on that the small base leaves off: applied to the case's scenario AND to
 * the run it is compared with (the base plus the same context, option at its default), so the
 * "changes" assertion is about the option, not about the context switched on for it.
 */
// One function per context, so the matrix runs each context's comparison base once.
const damagedReturns = discrepancyShare('damagedShare');
// Unauthorised returns, decided within the hour (unless the case sets the decision time), so
// the shift has enough decisions for a change of weights to show.
const unauthorisedReturns = (s: Record<string, unknown>): void => {
  discrepancyShare('noRmaShare')(s);
  const d = (s['returns'] as Record<string, Record<string, Record<string, unknown>>>)['discrepancies']!;
  d['noRma'] = { decisionHours: { kind: 'triangular', min: 0.1, mode: 0.3, max: 1 }, ...d['noRma'] };
};

export const NUMERIC_CONTEXT: Record<string, (s: Record<string, unknown>) => void> = {
  ...Object.fromEntries(
    ['rework', 'vendorReturn', 'scrap'].map((k) => [
      `returns.discrepancies.damagedDispositions.${k}`,
      damagedReturns,
    ]),
  ),
  ...Object.fromEntries(
    ['accept', 'refuse', 'scrap', 'decisionHours'].map((k) => [
      `returns.discrepancies.noRma.${k}`,
      unauthorisedReturns,
    ]),
  ),
};

/** Known failures, each run as `it.fails` (so the fix makes it pass and the entry must go). */
export const NUMERIC_KNOWN: Record<string, string> = {
  'inbound.supplierErrors.wrongItem':
    'at a ~50% wrong-item rate the engine throws "negative stock" in a staging bin (S-00-01-A) with cross-dock on; not investigated (issue 13)',
};

/** Options one shift of the small base cannot show (neither the journal nor the KPIs change), and why. */
export const NUMERIC_UNOBSERVED: Record<string, string> = {
  // By design (soakbound): the windows bound memory only; every KPI reads exact running
  // aggregates, so no window size may change the journal or the KPIs (test/boundedRecords.test.ts).
  'retention.countRecords': 'a retention window never changes the journal or the KPIs, by design',
  'retention.inboundSamples': 'a retention window never changes the journal or the KPIs, by design',
  'retention.truthEvents': 'a retention window never changes the journal or the KPIs, by design',
  'counting.maxAdjustmentValue': 'no count variance reached review in the run',
  'counting.review.approvalLimit': 'no count variance reached review in the run',
  'counting.review.investigationAccuracy': 'no count variance reached review in the run',
  'counting.review.supervisorApproveShare': 'no count variance reached review in the run',
  'counting.review.supervisorTime': 'no count variance reached review in the run',
  'counting.review.time': 'no count variance reached review in the run',
  'counting.riskFactor': 'it weighs the risk count policy; the base counts by abc',
  'counting.sweeps.[].everyDays': 'a sweep every 1 or every 2 days starts the same on the first day',
  'counting.tolerancePct.A': 'no count variance reached review in the run',
  'counting.tolerancePct.B': 'no count variance reached review in the run',
  'demand.backorderCancelHours': 'no backorder gets 72 h old in a 12 h run',
  'demand.customerClasses.[].promiseHours':
    'not observed in the run (no on-time or priority difference); cause not investigated',
  'demand.promiseHours':
    'not observed in the run (no on-time or priority difference); cause not investigated',
  'exceptions.fromHours': 'work starts at 05:00: no error is drawn before 01:00 either way',
  'exceptions.rates.emergencyReservePick': 'not observed in the run; cause not investigated',
  'exceptions.rates.transferOverLoad':
    'a transfer rate: a single site ships no transfers (the network runs transfers)',
  'exceptions.rates.transferReceiptLate': 'a transfer rate: a single site receives no transfers',
  'exceptions.rates.transitDamage': 'a transfer rate: a single site ships no transfers',
  'exceptions.rates.transitLoss': 'a transfer rate: a single site ships no transfers',
  'feeds.overReceiptPct': 'read by the scanner-feed mirror (server/feeds), not by the engine',
  'horizon.days': 'the matrix runs to a fixed hour; the horizon only ends a CLI or live run',
  'horizon.hours': 'the matrix runs to a fixed hour; the horizon only ends a CLI or live run',
  'inbound.arrivalProfile.[]':
    'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'inbound.asnShare': 'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'inbound.casesPerLine': 'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'inbound.crossDock.maxWaitMinutes': 'no cross-dock waited 60 minutes for a driver in the run',
  'inbound.discrepancyNotice':
    'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'inbound.discrepancyNotice.damaged':
    'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'inbound.discrepancyNotice.labelling':
    'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'inbound.discrepancyNotice.noPo':
    'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'inbound.discrepancyNotice.over':
    'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'inbound.discrepancyNotice.short':
    'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'inbound.discrepancyNotice.wrongItem':
    'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'inbound.linesPerPo': 'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'inbound.overrideApprovalTime':
    'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'inbound.overrideApproveShare':
    'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'inbound.qc.inspectionTime':
    'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'inbound.qc.rejectShare':
    'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'inbound.relabelTime': 'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'inbound.retryMinutes': 'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'inbound.trucksPerDay.[]':
    'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'packing.cartonsL.[]': 'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'people.supervisors': 'one supervisor had no queue in the run',
  'picking.batchSize': 'the base picks discrete: batch size is for batch and cluster picking',
  'picking.sortTime': 'the base picks discrete: sort time is for batch and cluster picking',
  'release.waveMinutes': 'the base releases immediately: wave minutes are for wave release',
  'returns.qcReject.decisionHours': 'no QC-rejected receipt in the run',
  'returns.qcReject.vendorReturnShare': 'no QC-rejected receipt in the run',
  'returns.retryMinutes': 'every restock found a bin at once in the run',
  'rules.storageCategories.{}.maxPallets':
    'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'stock.reservePallets': 'not observed in 12 h of the small base (at 14 h some are); cause not investigated',
  'stock.reserves.byClass.C': 'C items are consigned in the base, and consigned items hold no reserve',
  'stock.reserves.units.{}':
    'SKU-000001 holds no reserve in the base (consigned or without a face); not checked further',
  warmupHours: 'warm-up trims the CLI report, not the engine KPIs or journal',
};

/** Network options a 16 h demo-network run cannot show, and why. */
export const NET_UNOBSERVED: Record<string, string> = {
  'horizon.days': 'the matrix runs to a fixed hour; the horizon only ends a CLI or live run',
  'transfers.orders.[].atHours': "demo-network's one listed order is due at 30 h (60 h here): after the run",
  'transfers.orders.[].qty': "demo-network's one listed order is due at 30 h: after the run",
};
