import { gs1CheckDigit } from '../gs1/checkDigits.ts';

/** What an EPC identifier (URN, Digital Link or bare code) says in warehouse terms. */
export interface EpcKeys {
  gtin?: string;
  lot?: string;
  serial?: string;
  sscc?: string;
  gln?: string;
  glnExtension?: string;
  /** The identifier in GS1 Digital Link form when it has one (for hashing and export). */
  dl?: string;
}

const DL = 'https://id.gs1.org';

const withCheck = (digits: string): string => digits + gs1CheckDigit(digits);

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * Reads EPC pure-identity URNs (sgtin, sscc, sgln, pgln), class URNs (lgtin, idpat:sgtin) and
 * GS1 Digital Link URIs into GTIN / lot / serial / SSCC / GLN, per the GS1 Tag Data Standard:
 * the indicator digit moves from the item reference to the front and the check digit is added.
 * Returns an empty object for identifiers it does not know (they are kept as they are).
 */
export function epcKeys(id: string): EpcKeys {
  const m = /^urn:epc:(id|class|idpat):([a-z]+):(.*)$/.exec(id);
  if (m) {
    const [, , scheme, rest = ''] = m;
    const parts = rest.split('.');
    const [a = '', b = '', c] = parts;
    switch (scheme) {
      case 'sgtin':
      case 'lgtin': {
        if (!/^\d+$/.test(a) || !/^\d+$/.test(b) || a.length + b.length !== 13) return {};
        const gtin = withCheck(b.charAt(0) + a + b.slice(1));
        if (scheme === 'lgtin' && c !== undefined) {
          const lot = decode(parts.slice(2).join('.'));
          return { gtin, lot, dl: `${DL}/01/${gtin}/10/${encodeURIComponent(lot)}` };
        }
        if (c === undefined || c === '*') return { gtin, dl: `${DL}/01/${gtin}` };
        const serial = decode(parts.slice(2).join('.'));
        return { gtin, serial, dl: `${DL}/01/${gtin}/21/${encodeURIComponent(serial)}` };
      }
      case 'sscc': {
        if (!/^\d+$/.test(a) || !/^\d+$/.test(b) || a.length + b.length !== 17) return {};
        const sscc = withCheck(b.charAt(0) + a + b.slice(1));
        return { sscc, dl: `${DL}/00/${sscc}` };
      }
      case 'sgln': {
        if (!/^\d+$/.test(a + b) || a.length + b.length !== 12) return {};
        const gln = withCheck(a + b);
        const ext = c === undefined ? undefined : decode(parts.slice(2).join('.'));
        if (ext === undefined || ext === '0') return { gln, dl: `${DL}/414/${gln}` };
        return { gln, glnExtension: ext, dl: `${DL}/414/${gln}/254/${encodeURIComponent(ext)}` };
      }
      case 'pgln': {
        if (!/^\d+$/.test(a + b) || a.length + b.length !== 12) return {};
        return { dl: `${DL}/417/${withCheck(a + b)}` };
      }
      default:
        return {};
    }
  }
  const dl = /^https?:\/\/[^/]+(?:\/.*?)?\/(01|00|414)\/([^/?#]+)(.*)$/.exec(id);
  if (dl) {
    const [, ai, key = '', tail = ''] = dl;
    const q: Record<string, string> = {};
    const segs = tail.split(/[?#]/)[0]!.split('/').filter(Boolean);
    for (let i = 0; i + 1 < segs.length; i += 2) q[segs[i]!] = decode(segs[i + 1]!);
    if (ai === '01') {
      const gtin = key.padStart(14, '0');
      const out: EpcKeys = { gtin, dl: id };
      if (q['10'] !== undefined) out.lot = q['10'];
      if (q['21'] !== undefined) out.serial = q['21'];
      return out;
    }
    if (ai === '00') return { sscc: key, dl: id };
    const out: EpcKeys = { gln: key, dl: id };
    if (q['254'] !== undefined) out.glnExtension = q['254'];
    return out;
  }
  return {};
}

/** The Digital Link form of an EPC identifier when it has one, else the identifier unchanged. */
export function canonicalEpc(id: string): string {
  return epcKeys(id).dl ?? id;
}
