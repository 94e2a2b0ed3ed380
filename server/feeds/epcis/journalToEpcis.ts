import { transactionSpec, type Item, type JournalEvent } from '../../../sim/index.ts';
import { BINTWIN_NS } from '../../../sim/mirrorApi.ts';

/** Wall-clock start the export maps sim time 0 to: a Monday, as sim time 0 is Monday 00:00. */
export const DEFAULT_EPOCH = '2024-01-01T00:00:00.000Z';

/** Options of the EPCIS export. */
export interface ExportOptions {
  /** Run id, used in event ids (`urn:bintwin:<run>:E12`). */
  run: string;
  /** ISO time of sim time 0. */
  epoch?: string;
  /** ISO creation date of the document (defaults to the epoch: exports are reproducible). */
  creationDate?: string;
  /** Leave out opening stock (a mirror imports it separately). */
  skipOpening?: boolean;
}

/** A bin as an EPCIS location URI. */
export function binUri(site: string, bin: string): string {
  return `https://bintwin.dev/site/${encodeURIComponent(site)}/bin/${encodeURIComponent(bin)}`;
}

/**
 * The stock-moving events of a journal as an EPCIS 2.0 document: one ObjectEvent per journal
 * event, the item as a class-level EPC (`lgtin` with the lot, else `idpat:sgtin`) of its base
 * GTIN with the base quantity, source and destination bins as `location` lists, the business
 * step and disposition the transaction catalogue gives its type (a CBV step where one fits, else
 * a bintwin step URI), and `bintwin:` fields with the journal type and statuses so the twin
 * replays it exactly. Events that move no stock, and types the catalogue does not export, are left out.
 */
export function journalToEpcis(
  events: Iterable<JournalEvent>,
  items: readonly Item[],
  o: ExportOptions,
): unknown {
  const toEpcis = epcisMapper(items, o);
  const eventList: Record<string, unknown>[] = [];
  for (const e of events) {
    const ev = toEpcis(e);
    if (ev) eventList.push(ev);
  }
  return { ...epcisDocumentHead(o), epcisBody: { eventList } };
}

/** The document fields before `epcisBody` (the streamed export writes them first). */
export function epcisDocumentHead(o: ExportOptions): Record<string, unknown> {
  return {
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { bintwin: BINTWIN_NS }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: o.creationDate ?? new Date(Date.parse(o.epoch ?? DEFAULT_EPOCH)).toISOString(),
  };
}

/** One journal event as an EPCIS ObjectEvent (see `journalToEpcis`), or null when it moves no stock. */
export function epcisMapper(
  items: readonly Item[],
  o: ExportOptions,
): (e: JournalEvent) => Record<string, unknown> | null {
  const bySku = new Map(items.map((i) => [i.sku, i]));
  const epoch = Date.parse(o.epoch ?? DEFAULT_EPOCH);
  return (e) => {
    if (e.baseQty === undefined || e.sku === undefined) return null;
    const spec = transactionSpec(e.type);
    if (!('bizStep' in spec.epcis)) return null;
    if (o.skipOpening && spec.openingStock) return null;
    const item = bySku.get(e.sku);
    const gtin = item?.uoms.find((u) => u.factor === 1)?.gtin ?? item?.uoms[0]?.gtin;
    if (!gtin) return null;
    const ev: Record<string, unknown> = {
      type: 'ObjectEvent',
      eventID: `urn:bintwin:${o.run}:${e.id}`,
      eventTime: new Date(epoch + e.t).toISOString(),
      eventTimeZoneOffset: '+00:00',
      epcList: [],
      action:
        e.statusTo !== undefined && e.statusFrom === undefined
          ? 'ADD'
          : e.statusTo === undefined
            ? 'DELETE'
            : 'OBSERVE',
      bizStep: spec.epcis.bizStep,
      quantityList: [{ epcClass: epcClass(gtin, e.lot), quantity: e.baseQty }],
    };
    if (spec.epcis.disposition !== null) ev['disposition'] = spec.epcis.disposition;
    const here = e.statusTo !== undefined ? (e.toBin ?? e.bin) : e.bin;
    if (here !== undefined) ev['bizLocation'] = { id: binUri(e.site, here) };
    if (e.statusFrom !== undefined && e.bin !== undefined)
      ev['sourceList'] = [{ type: 'location', source: binUri(e.site, e.bin) }];
    if (e.statusTo !== undefined && here !== undefined)
      ev['destinationList'] = [{ type: 'location', destination: binUri(e.site, here) }];
    addTransferParties(ev, e);
    ev['bintwin:type'] = e.type;
    if (e.statusFrom !== undefined) ev['bintwin:statusFrom'] = e.statusFrom;
    if (e.statusTo !== undefined) ev['bintwin:statusTo'] = e.statusTo;
    if (e.reason !== undefined) ev['bintwin:reason'] = e.reason;
    return ev;
  };
}

/** A site as an EPCIS party / location URI (the whole site, not one of its bins). */
export function siteUri(site: string): string {
  return `https://bintwin.dev/site/${encodeURIComponent(site)}`;
}

/**
 * A transfer between two sites (its `reason` names both ends: `from=DC1 to=BR1`) is a business
 * transfer in CBV terms: the source and destination lists gain the owning party at each end
 * (`owning_party` source/destination type), beside the bin-level `location` entries the
 * movement itself has.
 */
function addTransferParties(ev: Record<string, unknown>, e: JournalEvent): void {
  if (!e.type.startsWith('transfer.') || e.reason === undefined) return;
  const m = /from=(\S+) to=(\S+)/.exec(e.reason);
  if (!m) return;
  const [, from, to] = m as unknown as [string, string, string];
  const sources = (ev['sourceList'] as { type: string; source: string }[] | undefined) ?? [];
  const dests = (ev['destinationList'] as { type: string; destination: string }[] | undefined) ?? [];
  // Owning parties only: the `location` entries stay the bins the stock moved between (a site
  // URI as a location would name no place a mirror can book to).
  sources.push({ type: 'owning_party', source: siteUri(from) });
  dests.push({ type: 'owning_party', destination: siteUri(to) });
  ev['sourceList'] = sources;
  ev['destinationList'] = dests;
}

/** Class-level EPC of a GTIN-14 (company prefix length 7 assumed: we only need a valid, reversible URN). */
function epcClass(gtin: string, lot: string | undefined): string {
  // GTIN-14 = indicator + company prefix + item reference + check digit.
  const indicator = gtin.charAt(0);
  const company = gtin.slice(1, 8);
  const itemRef = indicator + gtin.slice(8, 13);
  return lot
    ? `urn:epc:class:lgtin:${company}.${itemRef}.${encodeURIComponent(lot)}`
    : `urn:epc:idpat:sgtin:${company}.${itemRef}.*`;
}
