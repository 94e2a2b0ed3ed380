/** Reference year used to place two-digit years when the caller gives none; sim/ has no clock. */
export const DEFAULT_REFERENCE_YEAR = 2026;

/** Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1-12) of a given year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Full year for a two-digit YY by the GS1 General Specifications sliding window (7.12): a YY
 * more than 50 years ahead of the reference year belongs to the previous century, one 50 or
 * more years behind it to the next century, anything else to the reference year's century.
 */
export function fullYear(yy: number, referenceYear: number = DEFAULT_REFERENCE_YEAR): number {
  const century = referenceYear - (referenceYear % 100);
  const diff = yy - (referenceYear % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

/** Why a YYMMDD date is not valid (`ILLEGAL_MONTH`, `ILLEGAL_DAY`), or null when it is. */
export function yymmddError(
  value: string,
  allowDayZero: boolean,
  referenceYear: number = DEFAULT_REFERENCE_YEAR,
): 'ILLEGAL_MONTH' | 'ILLEGAL_DAY' | null {
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  if (month < 1 || month > 12) return 'ILLEGAL_MONTH';
  if (day === 0) return allowDayZero ? null : 'ILLEGAL_DAY';
  return day > daysInMonth(fullYear(Number(value.slice(0, 2)), referenceYear), month) ? 'ILLEGAL_DAY' : null;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * ISO date (`2026-01-31`) for a valid GS1 YYMMDD value. Day `00` means the last day of the
 * month (GS1 General Specifications), so `260100` becomes `2026-01-31`. Null if invalid.
 */
export function yymmddToIso(value: string, referenceYear: number = DEFAULT_REFERENCE_YEAR): string | null {
  if (!/^\d{6}$/.test(value) || yymmddError(value, true, referenceYear) !== null) return null;
  const year = fullYear(Number(value.slice(0, 2)), referenceYear);
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6)) || daysInMonth(year, month);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}
