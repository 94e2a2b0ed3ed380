/**
 * GS1 mod-10 check digit for the digits given (without the check digit): weights 3,1,3,...
 * from the right. Returns -1 if any character is not a digit.
 */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  let weight = 3;
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    sum += d * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of a GTIN/SSCC/GLN/... is the GS1 mod-10 check digit of the rest. */
export function hasValidGs1CheckDigit(key: string): boolean {
  if (key.length < 2) return false;
  return gs1CheckDigit(key.slice(0, -1)) === key.charCodeAt(key.length - 1) - 48;
}

/** CSET 82 in the order that gives each character its value for the alphanumeric check pair. */
const cset82ByWeight = '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

/** CSET 32, the alphabet of the two check characters. */
const cset32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** The first 97 primes: the weights from right to left (data of up to 97 characters). */
const primes = [
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103,
  107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193, 197, 199, 211, 223,
  227, 229, 233, 239, 241, 251, 257, 263, 269, 271, 277, 281, 283, 293, 307, 311, 313, 317, 331, 337, 347,
  349, 353, 359, 367, 373, 379, 383, 389, 397, 401, 409, 419, 421, 431, 433, 439, 443, 449, 457, 461, 463,
  467, 479, 487, 491, 499, 503, 509,
];

/**
 * The GS1 alphanumeric check character pair (AIs 8013, 8014) for `data`: the sum of CSET 82
 * values weighted by primes from the right, modulo 1021, split into two CSET 32 characters.
 * Returns null when the data is too long or holds a character outside CSET 82.
 */
export function gs1CheckCharacterPair(data: string): string | null {
  if (data.length > primes.length) return null;
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const value = cset82ByWeight.indexOf(data.charAt(i));
    if (value < 0) return null;
    sum += value * (primes[data.length - 1 - i] as number);
  }
  sum %= 1021;
  return cset32.charAt(sum >> 5) + cset32.charAt(sum & 31);
}

/** True when `c` is one of the 32 characters a check character pair may use. */
export function isCset32(c: string): boolean {
  return c.length === 1 && cset32.includes(c);
}
