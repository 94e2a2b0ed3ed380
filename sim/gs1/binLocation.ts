import { binCheckString, isBinCode, parseBinCode, type BinCodeParts } from '../layout/binCode.ts';
import { gs1Issue, type Gs1Issue } from './gs1Issue.ts';

/** A bin label read: the site code (`A-01-02-C`), its parts and the check digits printed with it. */
export interface BinLocation extends BinCodeParts {
  /** The bin code without the check suffix. */
  readonly code: string;
  /** The two-digit check printed after the code (`A-01-02-C 47` or `A-01-02-C/47`), if any. */
  readonly check: string | null;
}

const LABEL = /^(.+?)(?:[ /](\d{2}))?$/;

/**
 * Read a bin label in the site's code format (see sim/layout/binCode.ts). A check suffix must
 * match the layout's check string for that code, so a mis-keyed or misread label is refused
 * rather than sending stock to the wrong bin. Returns null when the text is not a bin label.
 */
export function parseBinLabel(text: string): BinLocation | Gs1Issue | null {
  const m = LABEL.exec(text);
  const code = m?.[1];
  if (code === undefined || !isBinCode(code)) return null;
  const check = m?.[2] ?? null;
  if (check !== null && check !== binCheckString(code)) {
    return gs1Issue('LOCATION_CHECK_MISMATCH', `Bin label ${code}: check ${check} does not match this bin`, {
      position: code.length + 1,
    });
  }
  return { code, ...parseBinCode(code), check };
}
