/**
 * GS1 mod-10 check digit for a digit string without its check digit (any GS1 key: GTIN-8/12/13/14,
 * SSCC, GLN). Weights alternate 3,1,3… starting from the rightmost data digit.
 */
export function gs1CheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new SyntaxError(`GS1 key body "${body}" must be digits only`);
  let sum = 0;
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += (body.charCodeAt(i) - 48) * w;
  return (10 - (sum % 10)) % 10;
}

/** True when `key` is all digits and its last digit is the correct GS1 check digit. */
export function isValidGs1Key(key: string): boolean {
  return /^\d{2,}$/.test(key) && gs1CheckDigit(key.slice(0, -1)) === Number(key.slice(-1));
}

/** True for a GTIN-8, -12, -13 or -14 with a valid check digit. */
export function isValidGtin(gtin: string): boolean {
  return [8, 12, 13, 14].includes(gtin.length) && isValidGs1Key(gtin);
}

/** Left-pad a GTIN-8/12/13 to the 14-digit form used in GS1 element strings (AI 01). */
export function toGtin14(gtin: string): string {
  if (!isValidGtin(gtin)) throw new SyntaxError(`"${gtin}" is not a valid GTIN (length or check digit)`);
  return gtin.padStart(14, '0');
}

/**
 * Compose a GTIN-14: indicator digit (packaging level, 0 for the base unit), the 12 digits of
 * company prefix plus zero-padded item reference, then the check digit.
 */
export function makeGtin14(indicator: number, companyPrefix: string, itemReference: number): string {
  if (!Number.isInteger(indicator) || indicator < 0 || indicator > 9)
    throw new RangeError(`indicator ${indicator} must be 0..9`);
  if (!/^\d{6,11}$/.test(companyPrefix))
    throw new RangeError(`GS1 company prefix "${companyPrefix}" must be 6-11 digits`);
  const refDigits = 12 - companyPrefix.length;
  const ref = String(itemReference);
  if (!Number.isInteger(itemReference) || itemReference < 0 || ref.length > refDigits) {
    throw new RangeError(
      `item reference ${itemReference} does not fit in ${refDigits} digits after prefix ${companyPrefix}`,
    );
  }
  const body = `${indicator}${companyPrefix}${ref.padStart(refDigits, '0')}`;
  return body + gs1CheckDigit(body);
}
