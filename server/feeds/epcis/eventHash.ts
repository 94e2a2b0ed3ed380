import { createHash } from 'node:crypto';
import { canonicalEpc } from '../../../sim/mirrorApi.ts';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type Ev = Record<string, Json>;

const CBV = 'https://ref.gs1.org/cbv/';
const VOCAB: Record<string, string> = {
  bizStep: 'BizStep-',
  disposition: 'Disp-',
  set: 'Disp-',
  unset: 'Disp-',
};
const EPC_LISTS = ['epcList', 'parentID', 'inputEPCList', 'childEPCs'] as const;
const QTY_LISTS = ['quantityList', 'childQuantityList', 'inputQuantityList'] as const;
/** Not part of the hash: identity and bookkeeping fields. */
const IGNORED = new Set(['eventID', 'recordTime', 'type', '@context', 'certificationInfo']);

/** A bare CBV word (`shipping`) or an old URN becomes the CBV 2.0 web URI; other values stay. */
function vocab(field: string, v: string): string {
  const prefix = VOCAB[field];
  if (!prefix) return v;
  if (/^[a-z_]+$/.test(v)) return CBV + prefix + v;
  const urn = /^urn:epcglobal:cbv:(bizstep|disp):(.+)$/.exec(v);
  return urn ? CBV + prefix + urn[2]! : v;
}

/** Numbers lose trailing zeros and a `.0`; identifiers become Digital Link URIs. */
function canonValue(v: Json): string {
  if (typeof v === 'number') return String(v);
  const s = String(v).trim();
  if (/^[+-]?\d+(\.\d+)?$/.test(s) && !/^0\d/.test(s)) return String(Number(s));
  return canonicalEpc(s);
}

/** eventTime to UTC at millisecond precision with a `Z`. */
function utcMs(t: string): string {
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? t : d.toISOString();
}

/**
 * The canonical pre-hash string of one event, after the EPCIS event hash ID algorithm
 * (RalphTro/epcis-event-hash-generator; CBV 2.0 §8.9): fields in a fixed order, each as
 * name=value with no separators, identifiers in Digital Link form, CBV words as web URIs,
 * repeated values sorted, then user extensions with their namespace expanded, sorted.
 */
export function eventPreHash(event: Ev, context: Record<string, string> = {}): string {
  const e = event;
  let out = `eventType=${String(e['type'])}`;
  if (typeof e['eventTime'] === 'string') out += `eventTime=${utcMs(e['eventTime'])}`;
  if (typeof e['eventTimeZoneOffset'] === 'string') out += `eventTimeZoneOffset=${e['eventTimeZoneOffset']}`;
  const done = new Set<string>(['eventTime', 'eventTimeZoneOffset']);
  const epcs = (name: string, v: Json | undefined): string => {
    if (typeof v === 'string') return `${name}=${canonicalEpc(v)}`;
    if (!Array.isArray(v) || v.length === 0) return '';
    return (
      name +
      v
        .map((x) => `epc=${canonicalEpc(String(x))}`)
        .sort()
        .join('')
    );
  };
  const qty = (name: string, v: Json | undefined): string => {
    if (!Array.isArray(v) || v.length === 0) return '';
    const items = v.map((q) => {
      const o = q as Ev;
      let s = `epcClass=${canonicalEpc(String(o['epcClass']))}`;
      if (o['quantity'] !== undefined) s += `quantity=${canonValue(o['quantity'])}`;
      if (o['uom'] !== undefined) s += `uom=${String(o['uom'])}`;
      return 'quantityElement' + s;
    });
    return name + items.sort().join('');
  };
  const typed = (name: string, valueKey: string, v: Json | undefined, prefix: string): string => {
    if (!Array.isArray(v) || v.length === 0) return '';
    const items = v.map((x) => {
      const o = x as Ev;
      const t = o['type'] === undefined ? '' : String(o['type']);
      const type = t === '' ? '' : `type=${/^[a-z_]+$/.test(t) ? CBV + prefix + t : t}`;
      return type + `${valueKey}=${canonValue(o[valueKey] ?? '')}`;
    });
    return name + items.sort().join('');
  };
  for (const f of ['epcList', 'parentID', 'inputEPCList', 'childEPCs'] as const) {
    if (f === 'parentID') continue;
    out += epcs(f, e[f]);
    done.add(f);
    if (f === 'epcList') {
      out += epcs('parentID', e['parentID']);
      done.add('parentID');
    }
  }
  for (const f of QTY_LISTS) {
    out += qty(f, e[f]);
    done.add(f);
  }
  out += epcs('outputEPCList', e['outputEPCList']) + qty('outputQuantityList', e['outputQuantityList']);
  done.add('outputEPCList').add('outputQuantityList');
  for (const f of ['action', 'transformationID', 'bizStep', 'disposition'] as const) {
    if (typeof e[f] === 'string') out += `${f}=${vocab(f, e[f])}`;
    done.add(f);
  }
  const pd = e['persistentDisposition'] as Ev | undefined;
  if (pd && typeof pd === 'object') {
    const parts = (['set', 'unset'] as const).map((k) =>
      Array.isArray(pd[k])
        ? (pd[k] as Json[])
            .map((x) => `${k}=${vocab(k, String(x))}`)
            .sort()
            .join('')
        : '',
    );
    if (parts.join('')) out += 'persistentDisposition' + parts.join('');
  }
  done.add('persistentDisposition');
  for (const f of ['readPoint', 'bizLocation'] as const) {
    const v = e[f] as Ev | undefined;
    if (v && typeof v['id'] === 'string') out += `${f}id=${canonicalEpc(v['id'])}`;
    done.add(f);
  }
  out += typed('bizTransactionList', 'bizTransaction', e['bizTransactionList'], 'BTT-');
  out += typed('destinationList', 'destination', e['destinationList'], 'SDT-');
  out += typed('sourceList', 'source', e['sourceList'], 'SDT-');
  done.add('bizTransactionList').add('destinationList').add('sourceList');
  const rest: string[] = [];
  for (const [k, v] of Object.entries(e)) {
    if (done.has(k) || IGNORED.has(k) || EPC_LISTS.includes(k as never)) continue;
    rest.push(...generic(expand(k, context), v, context));
  }
  return out + rest.sort().join('');
}

/** `example:myField` → `{https://ns.example.com/epcis/}myField` using the document's context. */
function expand(key: string, context: Record<string, string>): string {
  const i = key.indexOf(':');
  if (i <= 0) return key;
  const ns = context[key.slice(0, i)];
  return ns ? `{${ns}}${key.slice(i + 1)}` : key;
}

function generic(name: string, v: Json, context: Record<string, string>): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => generic(name, x, context));
  if (v !== null && typeof v === 'object') {
    const kids = Object.entries(v)
      .flatMap(([k, x]) => generic(expand(k, context), x, context))
      .sort();
    return [name + kids.join('')];
  }
  if (v === null) return [name];
  return [`${name}=${canonValue(v)}`];
}

/** The prefixes a document's `@context` declares (`{"example": "https://…"}` entries). */
export function contextPrefixes(doc: unknown): Record<string, string> {
  const ctx = (doc as { '@context'?: unknown } | null)?.['@context'];
  const list = Array.isArray(ctx) ? ctx : [ctx];
  const out: Record<string, string> = {};
  for (const c of list)
    if (c && typeof c === 'object')
      for (const [k, v] of Object.entries(c as Record<string, unknown>))
        if (typeof v === 'string') out[k] = v;
  return out;
}

/** The event hash ID (`ni:///sha-256;…?ver=CBV2.0`) of one event. */
export function eventHashId(event: Record<string, unknown>, context: Record<string, string> = {}): string {
  const pre = eventPreHash(event as Ev, context);
  return `ni:///sha-256;${createHash('sha256').update(pre, 'utf8').digest('hex')}?ver=CBV2.0`;
}
