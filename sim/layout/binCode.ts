/** The parts of a bin code `A-01-02-C`: zone, aisle number, bay number, level (1 = A, floor). */
export interface BinCodeParts {
  zone: string;
  aisle: number;
  bay: number;
  level: number;
}

/** Zone ids: an upper-case letter then up to three letters or digits, so codes stay short on labels. */
export const zoneIdPattern = /^[A-Z][A-Z0-9]{0,3}$/;

const codePattern = /^([A-Z][A-Z0-9]{0,3})-(\d{2,3})-(\d{2,3})-([A-Z])$/;

/** Highest level a code can express: one letter, A..Z. */
export const maxLevel = 26;

/** Level number (1-based, from the floor) to its label letter. */
export function levelLetter(level: number): string {
  if (!Number.isInteger(level) || level < 1 || level > maxLevel) {
    throw new RangeError(`level ${level} is out of range 1..${maxLevel} (A..Z)`);
  }
  return String.fromCharCode(64 + level);
}

function pad(n: number, what: string): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`${what} ${n} is out of range 0..999`);
  return String(n).padStart(2, '0');
}

/** Build a code such as `A-01-02-C`; aisle 0 means a floor area (dock door, staging lane). */
export function formatBinCode(parts: BinCodeParts): string {
  if (!zoneIdPattern.test(parts.zone)) {
    throw new RangeError(`zone id "${parts.zone}" must be an upper-case letter then up to 3 letters/digits`);
  }
  return `${parts.zone}-${pad(parts.aisle, 'aisle')}-${pad(parts.bay, 'bay')}-${levelLetter(parts.level)}`;
}

/** Why a string is not a bin code, or null when it is one. */
export function binCodeError(code: string): string | null {
  if (codePattern.test(code)) return null;
  const parts = code.split('-');
  if (parts.length !== 4) {
    return `bin code "${code}" must have 4 parts zone-aisle-bay-level like "A-01-02-C", got ${parts.length}`;
  }
  const [zone, aisle, bay, level] = parts as [string, string, string, string];
  if (!zoneIdPattern.test(zone)) {
    return `bin code "${code}": zone "${zone}" must be an upper-case letter then up to 3 letters/digits`;
  }
  if (!/^\d{2,3}$/.test(aisle)) return `bin code "${code}": aisle "${aisle}" must be 2-3 digits like "01"`;
  if (!/^\d{2,3}$/.test(bay)) return `bin code "${code}": bay "${bay}" must be 2-3 digits like "02"`;
  return `bin code "${code}": level "${level}" must be one upper-case letter A..Z (A = floor)`;
}

/** True when `code` is a well-formed bin code. */
export function isBinCode(code: string): boolean {
  return codePattern.test(code);
}

/** Split a bin code into its parts; throws a message saying which part is wrong. */
export function parseBinCode(code: string): BinCodeParts {
  const m = codePattern.exec(code);
  if (!m) throw new SyntaxError(binCodeError(code) ?? `bad bin code "${code}"`);
  return {
    zone: m[1] as string,
    aisle: Number(m[2]),
    bay: Number(m[3]),
    level: (m[4] as string).charCodeAt(0) - 64,
  };
}

/**
 * Two-digit check string for the bin label. Derived by hashing the code (FNV-1a) rather
 * than from its digits, so a picker cannot guess it from the location and must read it there.
 */
export function binCheckString(code: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) {
    h ^= code.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return String((h >>> 0) % 100).padStart(2, '0');
}
