import { gs1CheckCharacterPair, gs1CheckDigit, isCset32 } from './checkDigits.ts';
import {
  AIDC_MEDIA_TYPES,
  ISO3166_ALPHA2,
  ISO3166_NUMERIC,
  ISO4217_NUMERIC,
  PACKAGE_TYPE_CODES,
} from './codeLists.ts';
import { lintCouponCode, lintCouponPosOffer } from './couponLinters.ts';
import { daysInMonth, yymmddError } from './gs1Date.ts';
import { fail, firstNotIn, isDigit, lintGcp, type Linter, type LintFailure } from './lintFailure.ts';

const CSET82 = '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
const CSET39 = '#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CSET64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const IMPORTER_INDEX = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

function charset(alphabet: string, code: string): Linter {
  return (data) => {
    const bad = firstNotIn(data, (c) => alphabet.includes(c));
    return bad < 0 ? null : fail(code, bad, 1);
  };
}

// Base64url: optional '=' padding, at most two, and only when it rounds the length up to a
// multiple of three as the reference linter requires.
function cset64(data: string): LintFailure | null {
  let len = data.length;
  while (len > 0 && data.charAt(len - 1) === '=') len--;
  const pads = data.length - len;
  if (pads > 2 || (pads > 0 && data.length % 3 !== 0)) return fail('INVALID_CSET64_PADDING', len, pads);
  const bad = firstNotIn(data.slice(0, len), (c) => CSET64.includes(c));
  return bad < 0 ? null : fail('INVALID_CSET64_CHARACTER', bad, 1);
}

function fixedLength(data: string, n: number, short: string, long: string): LintFailure | null {
  if (data.length < n) return fail(short, 0, data.length);
  if (data.length > n) return fail(long, 0, data.length);
  const bad = firstNotIn(data, isDigit);
  return bad < 0 ? null : fail('NON_DIGIT_CHARACTER', bad, 1);
}

function dateLinter(allowDayZero: boolean): Linter {
  return (data, ctx) => {
    const bad = fixedLength(data, 6, 'DATE_TOO_SHORT', 'DATE_TOO_LONG');
    if (bad) return bad;
    const err = yymmddError(data, allowDayZero, ctx.referenceYear);
    return err === null ? null : fail(err, err === 'ILLEGAL_MONTH' ? 2 : 4, 2);
  };
}

function rangeLinter(n: number, max: number, tooShort: string, tooLong: string, illegal: string): Linter {
  return (data) =>
    fixedLength(data, n, tooShort, tooLong) ?? (Number(data) > max ? fail(illegal, 0, n) : null);
}

function inList(list: ReadonlySet<string>, code: string): Linter {
  return (data) => (list.has(data) ? null : fail(code, 0, data.length));
}

function oneOf(allowed: string, code: string): Linter {
  return (data) => (data.length === 1 && allowed.includes(data) ? null : fail(code, 0, data.length));
}

function csum(data: string): LintFailure | null {
  const bad = firstNotIn(data, isDigit);
  if (bad >= 0) return fail('NON_DIGIT_CHARACTER', bad, 1);
  if (data.length === 0) return fail('TOO_SHORT_FOR_CHECK_DIGIT', 0, 0);
  return gs1CheckDigit(data.slice(0, -1)) === Number(data.slice(-1))
    ? null
    : fail('INCORRECT_CHECK_DIGIT', data.length - 1, 1);
}

function csumalpha(data: string): LintFailure | null {
  if (data.length < 2) return fail('TOO_SHORT_FOR_CHECK_PAIR', 0, data.length);
  if (data.length - 2 > 97) return fail('TOO_LONG_FOR_CHECK_PAIR_IMPLEMENTATION', 0, data.length);
  const bad = firstNotIn(data.slice(0, -2), (c) => CSET82.includes(c));
  if (bad >= 0) return fail('INVALID_CSET82_CHARACTER', bad, 1);
  for (let i = data.length - 2; i < data.length; i++) {
    if (!isCset32(data.charAt(i))) return fail('INVALID_CSET32_CHARACTER', i, 1);
  }
  return gs1CheckCharacterPair(data.slice(0, -2)) === data.slice(-2)
    ? null
    : fail('INCORRECT_CHECK_PAIR', data.length - 2, 2);
}

function iban(data: string): LintFailure | null {
  if (data.length < 4) return fail('IBAN_TOO_SHORT', 0, data.length);
  if (!ISO3166_ALPHA2.has(data.slice(0, 2))) return fail('ILLEGAL_IBAN_COUNTRY_CODE', 0, 2);
  if (data.length > 34) return fail('IBAN_TOO_LONG', 0, data.length);
  if (data.length <= 10) return fail('IBAN_TOO_SHORT', 0, data.length);
  // ISO 13616 mod 97-10 over the rearranged string (characters 5.. then 1-4), letters as 10-35.
  let sum = 0;
  for (let k = 0; k < data.length; k++) {
    const pos = (k + 4) % data.length;
    const c = data.charAt(pos);
    const value = isDigit(c) ? Number(c) : c >= 'A' && c <= 'Z' ? c.charCodeAt(0) - 55 : -1;
    if (value < 0) return fail('INVALID_IBAN_CHARACTER', pos, 1);
    sum = (sum * (value < 10 ? 10 : 100) + value) % 97;
  }
  return sum === 1 ? null : fail('INCORRECT_IBAN_CHECKSUM', 2, 2);
}

function pieceOfTotal(data: string): LintFailure | null {
  const bad = fixedLength(data, 4, 'PIECE_OF_TOTAL_TOO_SHORT', 'PIECE_OF_TOTAL_TOO_LONG');
  if (bad) return bad;
  const piece = Number(data.slice(0, 2));
  const total = Number(data.slice(2));
  if (piece === 0) return fail('ZERO_PIECE_NUMBER', 0, 2);
  if (total === 0) return fail('ZERO_TOTAL_PIECES', 2, 2);
  return piece > total ? fail('PIECE_NUMBER_EXCEEDS_TOTAL', 0, 4) : null;
}

function posInSeqSlash(data: string): LintFailure | null {
  const m = /^(\d+)\/(\d+)$/.exec(data);
  if (!m) return fail('POSITION_IN_SEQUENCE_MALFORMED', 0, data.length);
  const [, pos = '', end = ''] = m;
  if (pos.startsWith('0')) return fail('ILLEGAL_ZERO_PREFIX', 0, pos.length);
  if (end.startsWith('0')) return fail('ILLEGAL_ZERO_PREFIX', pos.length + 1, end.length);
  const exceeds = pos.length > end.length || (pos.length === end.length && pos > end);
  return exceeds ? fail('POSITION_EXCEEDS_END', 0, data.length) : null;
}

function yyyymmdd(data: string): LintFailure | null {
  const bad = fixedLength(data, 8, 'DATE_TOO_SHORT', 'DATE_TOO_LONG');
  if (bad) return bad;
  const month = Number(data.slice(4, 6));
  const day = Number(data.slice(6));
  if (month < 1 || month > 12) return fail('ILLEGAL_MONTH', 4, 2);
  return day < 1 || day > daysInMonth(Number(data.slice(0, 4)), month) ? fail('ILLEGAL_DAY', 6, 2) : null;
}

/** Linters by the name the Syntax Dictionary uses; `cset:N` etc. are the character-set checks. */
export const LINTERS: Readonly<Record<string, Linter>> = {
  'cset:N': charset('0123456789', 'NON_DIGIT_CHARACTER'),
  'cset:X': charset(CSET82, 'INVALID_CSET82_CHARACTER'),
  'cset:Y': charset(CSET39, 'INVALID_CSET39_CHARACTER'),
  'cset:Z': cset64,
  csum,
  csumalpha,
  gcppos1: lintGcp,
  gcppos2: (data) => {
    if (data.length < 5) return fail('TOO_SHORT_FOR_GCP', 0, data.length);
    const bad = lintGcp(data.slice(1));
    return bad ? fail(bad.code, bad.position + 1, bad.length) : null;
  },
  hasnondigit: (data) =>
    firstNotIn(data, isDigit) < 0 ? fail('REQUIRES_NON_DIGIT_CHARACTER', 0, data.length) : null,
  yymmd0: dateLinter(true),
  yymmdd: dateLinter(false),
  yyyymmdd,
  hh: rangeLinter(2, 23, 'HOUR_TOO_SHORT', 'HOUR_TOO_LONG', 'ILLEGAL_HOUR'),
  mi: rangeLinter(2, 59, 'MINUTE_TOO_SHORT', 'MINUTE_TOO_LONG', 'ILLEGAL_MINUTE'),
  ss: rangeLinter(2, 59, 'SECOND_TOO_SHORT', 'SECOND_TOO_LONG', 'ILLEGAL_SECOND'),
  hhmi: (data) => {
    const bad = fixedLength(data, 4, 'TIME_TOO_SHORT', 'TIME_TOO_LONG');
    if (bad) return bad;
    if (Number(data.slice(0, 2)) > 23) return fail('ILLEGAL_HOUR', 0, 2);
    return Number(data.slice(2)) > 59 ? fail('ILLEGAL_MINUTE', 2, 2) : null;
  },
  iso3166: inList(ISO3166_NUMERIC, 'NOT_ISO3166'),
  iso3166999: (data) =>
    data === '999' || ISO3166_NUMERIC.has(data) ? null : fail('NOT_ISO3166_OR_999', 0, data.length),
  iso3166alpha2: inList(ISO3166_ALPHA2, 'NOT_ISO3166_ALPHA2'),
  iso4217: inList(ISO4217_NUMERIC, 'NOT_ISO4217'),
  iso5218: oneOf('0129', 'INVALID_BIOLOGICAL_SEX_CODE'),
  mediatype: inList(AIDC_MEDIA_TYPES, 'INVALID_MEDIA_TYPE'),
  packagetype: inList(PACKAGE_TYPE_CODES, 'INVALID_PACKAGE_TYPE'),
  iban,
  importeridx: (data) => {
    if (data.length !== 1) return fail('IMPORTER_IDX_MUST_BE_ONE_CHARACTER', 0, data.length);
    return IMPORTER_INDEX.includes(data) ? null : fail('INVALID_IMPORT_IDX_CHARACTER', 0, 1);
  },
  latitude: rangeLinter(
    10,
    1800000000,
    'LATITUDE_INVALID_LENGTH',
    'LATITUDE_INVALID_LENGTH',
    'INVALID_LATITUDE',
  ),
  longitude: rangeLinter(
    10,
    3600000000,
    'LONGITUDE_INVALID_LENGTH',
    'LONGITUDE_INVALID_LENGTH',
    'INVALID_LONGITUDE',
  ),
  nonzero: (data) => (/^0*$/.test(data) ? fail('ILLEGAL_ZERO_VALUE', 0, data.length) : null),
  zero: oneOf('0', 'NOT_ZERO'),
  nozeroprefix: (data) =>
    data.length > 1 && data.startsWith('0') ? fail('ILLEGAL_ZERO_PREFIX', 0, 1) : null,
  winding: oneOf('019', 'INVALID_WINDING_DIRECTION'),
  yesno: oneOf('01', 'NOT_ZERO_OR_ONE'),
  hyphen: (data) => {
    const bad = firstNotIn(data, (c) => c === '-');
    return bad < 0 ? null : fail('NOT_HYPHEN', bad, 1);
  },
  pcenc: (data) => {
    for (let i = 0; i < data.length; i++) {
      if (data.charAt(i) !== '%') continue;
      if (i + 2 >= data.length) return fail('INVALID_PERCENT_SEQUENCE', i, data.length - i);
      if (!/^[0-9A-Fa-f]{2}$/.test(data.slice(i + 1, i + 3))) return fail('INVALID_PERCENT_SEQUENCE', i, 3);
      i += 2;
    }
    return null;
  },
  pieceoftotal: pieceOfTotal,
  posinseqslash: posInSeqSlash,
  couponcode: lintCouponCode,
  couponposoffer: lintCouponPosOffer,
};
