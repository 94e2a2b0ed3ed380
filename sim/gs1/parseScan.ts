import { parseBinLabel } from './binLocation.ts';
import { hasValidGs1CheckDigit } from './checkDigits.ts';
import type { ElementsResult } from './elementsResult.ts';
import type { Gs1Element } from './gs1Element.ts';
import { gs1Issue, type Gs1Issue } from './gs1Issue.ts';
import { lintContext } from './gs1ParseOptions.ts';
import { findMissingSeparators } from './missingSeparator.ts';
import { parseBracketed } from './parseBracketed.ts';
import { parseDigitalLink, type DigitalLinkOptions } from './parseDigitalLink.ts';
import { parseElementString } from './parseElementString.ts';
import type { ScanFailure, ScanResult } from './scanResult.ts';
import { symbologyId, type Symbology } from './symbology.ts';
import { validateAssociations } from './validateAssociations.ts';

/** Options for parseScan; defaults suit the warehouse: strict, reference year 2026. */
export interface ParseScanOptions extends DigitalLinkOptions {
  /** Check req/ex pairing rules and repeated AIs over the whole scan (default true). */
  readonly validateAssociations?: boolean;
  /** Refuse a scan whose variable-length value seems to swallow a following AI (default true). */
  readonly strictSeparators?: boolean;
}

const DL_PREFIX = /^(https?|HTTPS?):\/\//;

function failure(aim: string | null, errors: readonly Gs1Issue[], shift = 0): ScanFailure {
  const moved = errors.map((e) => (e.position === undefined ? e : { ...e, position: e.position + shift }));
  return { ok: false, aim, errors: moved };
}

// Scan-level checks on GS1 AIs: pairing rules, and (for raw scanner data, where a GS can be
// lost) values that look as if they swallowed the next AI.
function finish(
  aim: string | null,
  symbology: Symbology,
  elements: readonly Gs1Element[],
  dataStr: string,
  options: ParseScanOptions,
  fromScanner: boolean,
): ScanResult {
  const errors = options.validateAssociations === false ? [] : validateAssociations(elements);
  const suspicious = fromScanner ? findMissingSeparators(elements, lintContext(options).referenceYear) : [];
  const strict = options.strictSeparators !== false;
  if (strict) errors.push(...suspicious);
  if (errors.length > 0) return failure(aim, errors);
  return { ok: true, kind: 'gs1', symbology, aim, elements, dataStr, warnings: strict ? [] : suspicious };
}

function fromElements(
  aim: string | null,
  symbology: Symbology,
  parsed: ElementsResult,
  options: ParseScanOptions,
  fromScanner: boolean,
  shift: number,
): ScanResult {
  if (!parsed.ok) return failure(aim, parsed.errors, shift);
  return finish(aim, symbology, parsed.elements, parsed.dataStr, options, fromScanner);
}

// GS1 mode payload: FNC1-in-first is implied by the AIM id, GS separates; `^` would be ambiguous.
function gs1Payload(
  aim: string | null,
  symbology: Symbology,
  payload: string,
  options: ParseScanOptions,
): ScanResult {
  const caret = payload.indexOf('^');
  if (caret >= 0) {
    const issue = gs1Issue('ILLEGAL_CARET', 'Scan data contains "^", which would be read as FNC1', {
      position: caret,
    });
    return failure(aim, [issue], aim?.length ?? 0);
  }
  const parsed = parseElementString(`^${payload.replaceAll('\u001d', '^')}`, options);
  return fromElements(aim, symbology, parsed, options, true, (aim?.length ?? 0) - 1);
}

function eanPayload(
  aim: string,
  symbology: Symbology,
  payload: string,
  length: number,
  options: ParseScanOptions,
): ScanResult {
  const primary = payload.slice(0, length);
  const rest = payload.slice(length);
  const composite = rest.startsWith('|]e0') ? rest.slice(4) : null;
  if (primary.length < length || (composite === null && rest !== '')) {
    const message = `${symbology} data must be ${length} digits, optionally followed by |]e0 and a composite`;
    return failure(aim, [gs1Issue('PRIMARY_WRONG_LENGTH', message)]);
  }
  if (!/^\d+$/.test(primary)) {
    return failure(aim, [gs1Issue('PRIMARY_NOT_NUMERIC', `${symbology} data must be digits`)]);
  }
  if (!hasValidGs1CheckDigit(primary)) {
    return failure(aim, [
      gs1Issue('PRIMARY_CHECK_DIGIT', `${symbology} check digit is incorrect`, { position: 2 + length }),
    ]);
  }
  const gtin: Gs1Element = { ai: '01', value: primary.padStart(14, '0'), title: 'GTIN' };
  if (composite === null) return finish(aim, symbology, [gtin], primary, options, true);
  const cc = parseElementString(`^${composite.replaceAll('\u001d', '^')}`, options);
  if (!cc.ok) return failure(aim, cc.errors, aim.length + length + 3);
  return finish(aim, symbology, [gtin, ...cc.elements], `${primary}|${cc.dataStr}`, options, true);
}

function digitalLink(
  aim: string | null,
  symbology: Symbology,
  uri: string,
  options: ParseScanOptions,
): ScanResult {
  const dl = parseDigitalLink(uri, options);
  if (!dl.ok) return failure(aim, dl.errors);
  const checked = finish(aim, symbology, dl.elements, dl.dataStr, options, false);
  return checked.ok ? { ...checked, kind: 'digitalLink', uri, stem: dl.stem, dataStr: uri } : checked;
}

// Data from a symbology in plain (non-GS1) mode: a DL URI, a bin label or free text.
function plainPayload(
  aim: string | null,
  symbology: Symbology,
  payload: string,
  options: ParseScanOptions,
): ScanResult | null {
  if (DL_PREFIX.test(payload)) return digitalLink(aim, symbology, payload, options);
  const location = parseBinLabel(payload);
  if (location && 'message' in location) return failure(aim, [location], aim?.length ?? 0);
  if (location)
    return {
      ok: true,
      kind: 'location',
      symbology,
      aim,
      elements: [],
      dataStr: payload,
      warnings: [],
      ...location,
    };
  return null;
}

// The reference engine escapes plain data that starts like GS1 data: "^" -> "\^", "\^" -> "\\^".
function escapePlain(text: string): string {
  return /^\\*\^/.test(text) ? `\\${text}` : text;
}

function withoutAim(raw: string, options: ParseScanOptions): ScanResult {
  if (raw.startsWith('(')) return fromElements(null, 'NONE', parseBracketed(raw, options), options, false, 0);
  if (raw.startsWith('\u001d') || raw.startsWith('^')) {
    return fromElements(
      null,
      'NONE',
      parseElementString(`^${raw.slice(1).replaceAll('\u001d', '^')}`, options),
      options,
      true,
      0,
    );
  }
  const plain = plainPayload(null, 'NONE', raw, options);
  if (plain) return plain;
  // A bare EAN/UPC/GTIN from a scanner in keyboard mode without AIM identifiers.
  if (/^(\d{8}|\d{12,14})$/.test(raw) && hasValidGs1CheckDigit(raw)) {
    const gtin = raw.padStart(14, '0');
    return finish(null, 'NONE', [{ ai: '01', value: gtin, title: 'GTIN' }], `^01${gtin}`, options, false);
  }
  const message =
    'Not a recognised scan: no AIM symbology identifier, and not a GS1 Digital Link URI, ' +
    'bracketed AI data, FNC1-first element string, GTIN or bin label';
  return failure(null, [gs1Issue('MISSING_SYMBOLOGY_ID', message, { position: 0 })]);
}

/**
 * Parse one scan exactly as the scanner sent it and never throw. Understands AIM symbology
 * identifiers (`]C1` GS1-128, `]d2` GS1 DataMatrix, `]Q3` GS1 QR, `]J1` GS1 DotCode, `]e0`
 * DataBar/composite, `]E0` EAN-13/UPC-A, `]E4` EAN-8, and plain `]C0` `]A0` `]d1` `]Q1` `]J0`),
 * GS-separated element strings, GS1 Digital Link URIs, bracketed AI data and the site's bin
 * labels (`A-01-02-C`, optionally `A-01-02-C 47` with its check). GS1 data is length-, charset-
 * and linter-checked (check digits, dates, ...) against the GS1 Barcode Syntax Dictionary, then
 * pairing rules; a trailing CR/LF from keyboard-wedge scanners is ignored.
 */
export function parseScan(input: string, options: ParseScanOptions = {}): ScanResult {
  const raw = input.replace(/[\r\n]+$/, '');
  if (raw === '') return failure(null, [gs1Issue('NO_DATA', 'Nothing was scanned')]);
  if (!raw.startsWith(']')) return withoutAim(raw, options);
  if (raw.length < 3) {
    return failure(null, [
      gs1Issue('MISSING_SYMBOLOGY_ID', 'Symbology identifier is cut short', { position: 0 }),
    ]);
  }
  const aim = raw.slice(0, 3);
  const id = symbologyId(raw.slice(1, 3));
  if (!id)
    return failure(aim, [
      gs1Issue('UNSUPPORTED_SYMBOLOGY_ID', `Unsupported symbology identifier ${aim}`, { position: 0 }),
    ]);
  const payload = raw.slice(3);
  switch (id.mode) {
    case 'gs1':
      return gs1Payload(aim, id.symbology, payload, options);
    case 'ean13':
      return eanPayload(aim, id.symbology, payload, 13, options);
    case 'ean8':
      return eanPayload(aim, id.symbology, payload, 8, options);
    case 'plain': {
      const parsed = plainPayload(aim, id.symbology, payload, options);
      if (parsed) return parsed;
      return {
        ok: true,
        kind: 'text',
        symbology: id.symbology,
        aim,
        elements: [],
        dataStr: escapePlain(payload),
        warnings: [],
        text: payload,
      };
    }
  }
}
