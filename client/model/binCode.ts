/** The parts of a bin code `ZONE-AISLE-BAY-LEVEL` (`F-01-02-C`), as far as the client needs them. */
export interface BinCodeParts {
  zone: string;
  aisle: number;
  bay: number;
  /** 1 for level A. */
  level: number;
}

const CODE = /^([A-Z][A-Z0-9]{0,3})-(\d+)-(\d+)-([A-Z])$/;

/**
 * Parses a bin code; null when it does not follow the pattern (explicit layouts may use any
 * code). The client only uses this to place the bins that share one floor point side by side.
 */
export function parseBinCode(code: string): BinCodeParts | null {
  const m = CODE.exec(code);
  if (!m) return null;
  return { zone: m[1]!, aisle: Number(m[2]), bay: Number(m[3]), level: m[4]!.charCodeAt(0) - 64 };
}

/** The location part of a code (`F-01-02` for `F-01-02-C`), the label shown per bay. */
export function locationOf(code: string): string {
  const dash = code.lastIndexOf('-');
  return dash > 0 ? code.slice(0, dash) : code;
}
