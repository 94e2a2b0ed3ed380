/** ASCII group separator: the FNC1 a GS1 scan carries between variable-length fields. */
export const GS = '\u001d';

/** Longest gap between two keys of one scan: a wedge scanner types far faster than a person. */
export const WEDGE_GAP_MS = 35;

/** What a key does to the field: the new value, and whether the entry is complete (Enter). */
export interface WedgeStep {
  value: string;
  submit: boolean;
}

/**
 * One keydown on the handheld's entry field, as a keyboard-wedge scanner or a person types it.
 * Enter (the scanner's CR, or its LF) completes the entry; a CR followed by LF completes it
 * once, since the field is empty again after the first. A group separator arrives as the GS
 * character itself or, from scanners that type it as a control key, as Ctrl+]; either is kept
 * in the value (the GS1 parser splits fields on it). Other keys (shifts, arrows) change nothing
 * here: the browser edits the field itself.
 */
export function wedgeKey(value: string, key: string, ctrl: boolean): WedgeStep & { handled: boolean } {
  if (key === 'Enter') return { value, submit: value.replace(/[\r\n]+$/, '') !== '', handled: true };
  if (key === GS || (ctrl && (key === ']' || key === '5')))
    return { value: value + GS, submit: false, handled: true };
  return { value, submit: false, handled: false };
}

/** An entry as sent: trailing CR/LF stripped (GS and the `]C1`/`]d2` symbology prefix kept for the parser). */
export function entryText(value: string): string {
  return value.replace(/[\r\n]+$/, '');
}

/**
 * Whether keys arrived as a scan (at least 4 keys, their mean gap under WEDGE_GAP_MS: one late
 * key on a busy device does not make a scan typed) or were typed: the `via` of the handheld
 * action (scan compliance tells scanned from keyed entries).
 */
export function viaOfKeys(times: readonly number[]): 'scan' | 'keyed' {
  if (times.length < 4) return 'keyed';
  const mean = (times[times.length - 1]! - times[0]!) / (times.length - 1);
  return mean < WEDGE_GAP_MS ? 'scan' : 'keyed';
}

/** A wedge scanner's keys for `scan`: each character a key, CR and LF as Enter, GS as itself. */
export function wedgeKeys(scan: string): string[] {
  return [...scan].map((c) => (c === '\r' || c === '\n' ? 'Enter' : c));
}
