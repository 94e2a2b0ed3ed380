const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/**
 * FNV-1a, 64 bits, over the UTF-8 bytes of a string, as 16 hex digits. Pure JS (sim/ may not use
 * node:crypto) and stable across platforms and releases: it names build-dependent definitions in
 * saved files, so the same text must always give the same hash. Not a cryptographic hash: it
 * detects accidental change, not tampering.
 */
export function fnv1a64(text: string): string {
  let h = OFFSET;
  const byte = (b: number): void => {
    h = ((h ^ BigInt(b)) * PRIME) & MASK;
  };
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) byte(c);
    else if (c < 0x800) {
      byte(0xc0 | (c >> 6));
      byte(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      byte(0xe0 | (c >> 12));
      byte(0x80 | ((c >> 6) & 0x3f));
      byte(0x80 | (c & 0x3f));
    } else {
      byte(0xf0 | (c >> 18));
      byte(0x80 | ((c >> 12) & 0x3f));
      byte(0x80 | ((c >> 6) & 0x3f));
      byte(0x80 | (c & 0x3f));
    }
  }
  return h.toString(16).padStart(16, '0');
}
