import { fail, firstNotIn, isDigit, lintGcp, type LintContext, type LintFailure } from './lintFailure.ts';
import { yymmddError } from './gs1Date.ts';

/**
 * Walks a coupon code field by field. Each step either advances or reports why the data
 * stops making sense, mirroring the order of checks of the GS1 reference linters.
 */
class CouponReader {
  pos = 0;
  constructor(readonly data: string) {}

  get atEnd(): boolean {
    return this.pos >= this.data.length;
  }

  // A method, not a getter, so TypeScript does not narrow it across advances of `pos`.
  peek(): string {
    return this.data.charAt(this.pos);
  }

  // Truncation is reported on the remaining data, or on everything when nothing remains.
  truncated(code: string): LintFailure {
    return this.atEnd ? fail(code, 0, this.data.length) : fail(code, this.pos, this.data.length - this.pos);
  }

  missing(code: string): LintFailure {
    return fail(code, 0, this.data.length);
  }

  /** A length indicator digit in [lo, hi] (plus `extra` values), giving length `digit + add`. */
  vli(lo: string, hi: string, add: number, missing: string, invalid: string): number | LintFailure {
    if (this.atEnd) return this.missing(missing);
    const c = this.peek();
    if (c < lo || c > hi) return fail(invalid, this.pos, 1);
    this.pos++;
    return Number(c) + add;
  }

  /** Skip `n` characters of a field, or report it truncated. */
  take(n: number, truncated: string): LintFailure | null {
    if (this.data.length - this.pos < n) return this.truncated(truncated);
    this.pos += n;
    return null;
  }

  /** A GCP of `n` digits following its length indicator. */
  gcp(n: number, truncated: string): LintFailure | null {
    if (this.data.length - this.pos < n) return this.truncated(truncated);
    const bad = lintGcp(this.data.slice(this.pos, this.pos + n));
    if (bad) return fail(bad.code, this.pos, n);
    this.pos += n;
    return null;
  }
}

function digitsOnly(data: string): LintFailure | null {
  const bad = firstNotIn(data, isDigit);
  return bad < 0 ? null : fail('NON_DIGIT_CHARACTER', bad, 1);
}

function purchase(r: CouponReader, n: '1ST' | '2ND' | '3RD'): LintFailure | null {
  const len = r.vli(
    '1',
    '5',
    0,
    `COUPON_MISSING_${n}_PURCHASE_REQUIREMENT_VLI`,
    `COUPON_INVALID_${n}_PURCHASE_REQUIREMENT_LENGTH`,
  );
  if (typeof len !== 'number') return len;
  const t = r.take(len, `COUPON_TRUNCATED_${n}_PURCHASE_REQUIREMENT`);
  if (t) return t;
  if (r.atEnd) return r.missing(`COUPON_MISSING_${n}_PURCHASE_REQUIREMENT_CODE`);
  if (r.peek() > '4' && r.peek() !== '9')
    return fail(`COUPON_INVALID_${n}_PURCHASE_REQUIREMENT_CODE`, r.pos, 1);
  r.pos++;
  return r.take(3, `COUPON_TRUNCATED_${n}_PURCHASE_FAMILY_CODE`);
}

function purchaseGcp(r: CouponReader, n: '2ND' | '3RD'): LintFailure | null {
  if (r.atEnd) return r.missing(`COUPON_MISSING_${n}_PURCHASE_GCP_VLI`);
  const c = r.peek();
  if (c > '6' && c !== '9') return fail(`COUPON_INVALID_${n}_PURCHASE_GCP_LENGTH`, r.pos, 1);
  r.pos++;
  return c === '9' ? null : r.gcp(Number(c) + 6, `COUPON_TRUNCATED_${n}_PURCHASE_GCP`);
}

function couponDate(
  r: CouponReader,
  tooShort: string,
  invalid: string,
  ctx: LintContext,
): string | LintFailure {
  if (r.data.length - r.pos < 6) return r.truncated(tooShort);
  const date = r.data.slice(r.pos, r.pos + 6);
  if (yymmddError(date, false, ctx.referenceYear) !== null) return fail(invalid, r.pos, 6);
  r.pos += 6;
  return date;
}

/** `couponcode`: the North American Coupon Code carried in AI (8110). */
export function lintCouponCode(data: string, ctx: LintContext): LintFailure | null {
  const nonDigit = digitsOnly(data);
  if (nonDigit) return nonDigit;
  const r = new CouponReader(data);
  const gcpLen = r.vli('0', '6', 6, 'COUPON_MISSING_GCP_VLI', 'COUPON_INVALID_GCP_LENGTH');
  if (typeof gcpLen !== 'number') return gcpLen;
  const steps: (() => LintFailure | null)[] = [
    () => r.gcp(gcpLen, 'COUPON_TRUNCATED_GCP'),
    () => r.take(6, 'COUPON_TRUNCATED_OFFER_CODE'),
    () => {
      const len = r.vli('1', '5', 0, 'COUPON_MISSING_SAVE_VALUE_VLI', 'COUPON_INVALID_SAVE_VALUE_LENGTH');
      return typeof len === 'number' ? r.take(len, 'COUPON_TRUNCATED_SAVE_VALUE') : len;
    },
    () => purchase(r, '1ST'),
  ];
  for (const step of steps) {
    const bad = step();
    if (bad) return bad;
  }
  if (!r.atEnd && r.peek() === '1') {
    r.pos++;
    if (r.atEnd) return r.missing('COUPON_MISSING_ADDITIONAL_PURCHASE_RULES_CODE');
    if (r.peek() > '3') return fail('COUPON_INVALID_ADDITIONAL_PURCHASE_RULES_CODE', r.pos, 1);
    r.pos++;
    const bad = purchase(r, '2ND') ?? purchaseGcp(r, '2ND');
    if (bad) return bad;
  }
  if (!r.atEnd && r.peek() === '2') {
    r.pos++;
    const bad = purchase(r, '3RD') ?? purchaseGcp(r, '3RD');
    if (bad) return bad;
  }
  let expiry: string | null = null;
  if (!r.atEnd && r.peek() === '3') {
    r.pos++;
    const d = couponDate(r, 'COUPON_TOO_SHORT_FOR_EXPIRATION_DATE', 'COUPON_INVALID_EXIPIRATION_DATE', ctx);
    if (typeof d !== 'string') return d;
    expiry = d;
  }
  if (!r.atEnd && r.peek() === '4') {
    r.pos++;
    const start = couponDate(r, 'COUPON_TOO_SHORT_FOR_START_DATE', 'COUPON_INVALID_START_DATE', ctx);
    if (typeof start !== 'string') return start;
    // YYMMDD strings compare as dates within one century, as the reference linter does.
    if (expiry !== null && start > expiry) return fail('COUPON_EXPIRATION_BEFORE_START', r.pos - 14, 14);
  }
  if (!r.atEnd && r.peek() === '5') {
    r.pos++;
    if (r.atEnd) return r.missing('COUPON_MISSING_SERIAL_NUMBER_VLI');
    const len = Number(r.peek()) + 6;
    r.pos++;
    const bad = r.take(len, 'COUPON_TRUNCATED_SERIAL_NUMBER');
    if (bad) return bad;
  }
  if (!r.atEnd && r.peek() === '6') {
    r.pos++;
    const len = r.vli(
      '1',
      '7',
      6,
      'COUPON_MISSING_RETAILER_GCP_OR_GLN_VLI',
      'COUPON_INVALID_RETAILER_GCP_OR_GLN_LENGTH',
    );
    if (typeof len !== 'number') return len;
    const bad = r.gcp(len, 'COUPON_TRUNCATED_RETAILER_GCP_OR_GLN');
    if (bad) return bad;
  }
  if (!r.atEnd && r.peek() === '9') {
    r.pos++;
    if (r.atEnd) return r.missing('COUPON_MISSING_SAVE_VALUE_CODE');
    if (!'01256'.includes(r.peek())) return fail('COUPON_INVALID_SAVE_VALUE_CODE', r.pos, 1);
    r.pos++;
    if (r.atEnd) return r.missing('COUPON_MISSING_SAVE_VALUE_APPLIES_TO_ITEM');
    if (r.peek() > '2') return fail('COUPON_INVALID_SAVE_VALUE_APPLIES_TO_ITEM', r.pos, 1);
    r.pos++;
    if (r.atEnd) return r.missing('COUPON_MISSING_STORE_COUPON_FLAG');
    r.pos++;
    if (r.atEnd) return r.missing('COUPON_MISSING_DONT_MULTIPLY_FLAG');
    if (r.peek() !== '0' && r.peek() !== '1') return fail('COUPON_INVALID_DONT_MULTIPLY_FLAG', r.pos, 1);
    r.pos++;
  }
  return r.atEnd ? null : fail('COUPON_EXCESS_DATA', r.pos, data.length - r.pos);
}

/** `couponposoffer`: the positive offer file coupon code carried in AI (8112). */
export function lintCouponPosOffer(data: string): LintFailure | null {
  const nonDigit = digitsOnly(data);
  if (nonDigit) return nonDigit;
  const r = new CouponReader(data);
  if (r.atEnd) return r.missing('COUPON_MISSING_FORMAT_CODE');
  if (r.peek() !== '0' && r.peek() !== '1') return fail('COUPON_INVALID_FORMAT_CODE', 0, 1);
  r.pos++;
  const funder = r.vli('0', '6', 6, 'COUPON_MISSING_FUNDER_VLI', 'COUPON_INVALID_FUNDER_LENGTH');
  if (typeof funder !== 'number') return funder;
  const bad =
    r.take(funder, 'COUPON_TRUNCATED_FUNDER') ??
    r.take(6, 'COUPON_TRUNCATED_OFFER_CODE') ??
    (r.atEnd ? r.missing('COUPON_MISSING_SERIAL_NUMBER_VLI') : null);
  if (bad) return bad;
  const serial = Number(r.peek()) + 6;
  r.pos++;
  const truncated = r.take(serial, 'COUPON_TRUNCATED_SERIAL_NUMBER');
  if (truncated) return truncated;
  return r.atEnd ? null : fail('COUPON_EXCESS_DATA', r.pos, data.length - r.pos);
}
