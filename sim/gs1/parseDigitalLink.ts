import type { AiEntry } from './aiEntry.ts';
import { fnc1Required, isDlDataAttribute, lookupAi } from './aiLookup.ts';
import { isDlPrimaryKey, isValidDlPath } from './dlKeyQualifiers.ts';
import type { Gs1Element } from './gs1Element.ts';
import { gs1Issue, type Gs1Issue } from './gs1Issue.ts';
import { lintContext, type Gs1ParseOptions } from './gs1ParseOptions.ts';
import { uriUnescape } from './uriEscape.ts';
import { checkValueLength, lintAiValue } from './validateValue.ts';

/** Options for reading GS1 Digital Link URIs; the permissive ones are off, as in the reference engine. */
export interface DigitalLinkOptions extends Gs1ParseOptions {
  /** Accept the deprecated convenience alphas (`/gtin/...`, `/ser/...`) in the path. */
  readonly permitConvenienceAlphas?: boolean;
  /** Pad a GTIN-8/12/13 given for AI (01) to GTIN-14, as some legacy encoders wrote them. */
  readonly permitZeroSuppressedGtin?: boolean;
  /** With permitUnknownAIs: also accept unknown AIs as query data attributes. */
  readonly unknownAiAsDlAttribute?: boolean;
}

/** A parsed DL URI: its AIs, their `^` form and the stem (scheme, domain, any path prefix). */
export type DigitalLinkResult =
  | {
      readonly ok: true;
      readonly elements: readonly Gs1Element[];
      readonly dataStr: string;
      readonly stem: string;
    }
  | { readonly ok: false; readonly errors: readonly Gs1Issue[] };

const URI_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
const BAD_DOMAIN_CHARACTERS = /[_~?#@!$&'()*+,;=%]/;

const CONVENIENCE_ALPHAS: Readonly<Record<string, string>> = {
  cpid: '8010',
  cpsn: '8011',
  cpv: '22',
  gcn: '255',
  gdti: '253',
  giai: '8004',
  ginc: '401',
  gln: '414',
  glnx: '254',
  gmn: '8013',
  grai: '8003',
  gsin: '402',
  gsrn: '8018',
  gsrnp: '8017',
  gtin: '01',
  itip: '8006',
  lot: '10',
  party: '417',
  refno: '8020',
  ser: '21',
  srin: '8019',
  sscc: '00',
};

function fail(code: Parameters<typeof gs1Issue>[0], message: string, ai?: string): DigitalLinkResult {
  return { ok: false, errors: [gs1Issue(code, message, ai === undefined ? {} : { ai })] };
}

function pathEntry(segment: string, options: DigitalLinkOptions): AiEntry | undefined {
  if (options.permitConvenienceAlphas && /^[a-z]{3,5}$/.test(segment)) {
    const ai = CONVENIENCE_ALPHAS[segment];
    if (ai !== undefined) return lookupAi(ai);
  }
  return lookupAi(segment, options);
}

// Legacy encoders wrote AI (01) as GTIN-8/12/13; pad to GTIN-14 only when asked to.
function padGtin(entry: AiEntry, value: string, options: DigitalLinkOptions): string {
  const short = value.length === 8 || value.length === 12 || value.length === 13;
  return options.permitZeroSuppressedGtin && entry.ai === '01' && short ? value.padStart(14, '0') : value;
}

/**
 * Parse a GS1 Digital Link URI into AIs, as the GS1 reference engine does: the rightmost
 * primary-key AI in the path starts the DL path info, which must be a valid key-qualifier
 * sequence; numeric query parameters are AIs (unknown numeric ones are errors), others are
 * ignored; query AIs must be DL data attributes, must not repeat and must not be qualifiers
 * that belong in the path. Every value is then length-checked and linted.
 */
export function parseDigitalLink(uri: string, options: DigitalLinkOptions = {}): DigitalLinkResult {
  if (!URI_CHARACTERS.test(uri)) return fail('URI_ILLEGAL_CHARACTERS', 'URI contains illegal characters');
  const scheme = /^(https?|HTTPS?):\/\//.exec(uri);
  if (!scheme) return fail('URI_ILLEGAL_SCHEME', 'URI must start http:// or https:// (all one case)');
  const rest = uri.slice(scheme[0].length);
  const slash = rest.indexOf('/');
  if (slash < 1) return fail('URI_MISSING_DOMAIN_OR_PATH', 'URI has no domain or no path');
  if (BAD_DOMAIN_CHARACTERS.test(rest.slice(0, slash))) {
    return fail('DOMAIN_ILLEGAL_CHARACTERS', 'Domain contains illegal characters');
  }
  const afterDomain = rest.slice(slash).split('#')[0] as string;
  const queryAt = afterDomain.indexOf('?');
  const path = queryAt < 0 ? afterDomain : afterDomain.slice(0, queryAt);
  const query = queryAt < 0 ? '' : afterDomain.slice(queryAt + 1);

  // Walk /AI/value pairs back from the end of the path until a primary key: anything that
  // is not an AI before then means this is not DL path info.
  const segments = path.split('/');
  let keyAt = -1;
  for (let i = segments.length - 2; i >= 1; i -= 2) {
    const entry = pathEntry(segments[i] as string, options);
    if (!entry) break;
    if (isDlPrimaryKey(entry.ai)) {
      keyAt = i;
      break;
    }
  }
  if (keyAt < 0) return fail('DL_NO_PRIMARY_KEY', 'No GS1 Digital Link primary key AI found in the path');
  const stem = scheme[0] + rest.slice(0, slash) + segments.slice(0, keyAt).join('/');

  const found: { entry: AiEntry; value: string; inPath: boolean }[] = [];
  for (let i = keyAt; i < segments.length; i += 2) {
    const entry = pathEntry(segments[i] as string, options) as AiEntry;
    const raw = segments[i + 1] as string;
    if (raw === '') return fail('DL_EMPTY_VALUE', `AI (${entry.ai}) has an empty path value`, entry.ai);
    const value = uriUnescape(raw, false);
    if (value === null) return fail('DL_ILLEGAL_NULL', `AI (${entry.ai}) value decodes to a NUL`, entry.ai);
    found.push({ entry, value: padGtin(entry, value, options), inPath: true });
  }
  for (const param of query.split('&')) {
    const eq = param.indexOf('=');
    // Singletons and non-numeric keys are other applications' parameters: skip them.
    if (eq < 0 || !/^\d+$/.test(param.slice(0, eq))) continue;
    const key = param.slice(0, eq);
    const entry = lookupAi(key, options);
    if (!entry) return fail('DL_UNKNOWN_QUERY_AI', `Query parameter ${key} is numeric but not a known AI`);
    if (eq === param.length - 1) return fail('DL_EMPTY_VALUE', `AI (${key}) has an empty query value`, key);
    const value = uriUnescape(param.slice(eq + 1), true);
    if (value === null) return fail('DL_ILLEGAL_NULL', `AI (${key}) value decodes to a NUL`, key);
    found.push({ entry, value: padGtin(entry, value, options), inPath: false });
  }
  for (const { entry, value } of found) {
    const bad = checkValueLength(entry, value);
    if (bad) return { ok: false, errors: [bad] };
  }

  const pathAis = found.filter((f) => f.inPath).map((f) => f.entry.ai);
  if (!isValidDlPath(pathAis)) {
    return fail(
      'DL_INVALID_KEY_QUALIFIER_SEQUENCE',
      `Path AIs ${pathAis.join('/')} are not a valid key-qualifier sequence`,
    );
  }
  for (let i = pathAis.length; i < found.length; i++) {
    const { entry } = found[i] as (typeof found)[number];
    const ai = entry.ai;
    if (found.slice(0, i).some((f) => f.entry.ai === ai))
      return fail('DUPLICATE_AI', `AI (${ai}) is repeated`, ai);
    const attribute = entry.vivified ? options.unknownAiAsDlAttribute === true : isDlDataAttribute(entry);
    if (!attribute) return fail('DL_NOT_A_DATA_ATTRIBUTE', `AI (${ai}) is not a valid DL data attribute`, ai);
    for (let j = 1; j <= pathAis.length; j++) {
      if (isValidDlPath([...pathAis.slice(0, j), ai, ...pathAis.slice(j)])) {
        return fail('DL_AI_BELONGS_IN_PATH', `AI (${ai}) is a key qualifier and belongs in the path`, ai);
      }
    }
  }

  const ctx = lintContext(options);
  const elements: Gs1Element[] = [];
  let dataStr = '';
  let fnc1 = true;
  for (const { entry, value } of found) {
    const lint = lintAiValue(entry, value, ctx);
    if ('issue' in lint) return { ok: false, errors: [lint.issue] };
    if (lint.consumed < value.length)
      return fail('VALUE_TOO_LONG', `AI (${entry.ai}) value is too long`, entry.ai);
    elements.push({ ai: entry.ai, value, title: entry.title });
    dataStr += `${fnc1 ? '^' : ''}${entry.ai}${value}`;
    fnc1 = fnc1Required(entry);
  }
  return { ok: true, elements, dataStr, stem };
}
