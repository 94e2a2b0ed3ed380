/**
 * Undo percent-encoding in a DL path segment or query value. In a query `+` means space; in
 * a path it is a plain `+`. A `%` not followed by two hex digits is kept as it is. Returns
 * null if the result would contain a NUL, which no AI may carry.
 */
export function uriUnescape(text: string, isQuery: boolean): string | null {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      const code = parseInt(text.slice(i + 1, i + 3), 16);
      if (code === 0) return null;
      out += String.fromCharCode(code);
      i += 2;
    } else {
      out += isQuery && c === '+' ? ' ' : c;
    }
  }
  return out;
}

const HEX = '0123456789ABCDEF';

/**
 * Percent-encode an AI value for a DL path segment or query value: the unreserved characters
 * `A-Z a-z 0-9 - . _ ~` pass, a space in a query becomes `+`, everything else becomes `%XX`.
 */
export function uriEscape(value: string, isQuery: boolean): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (/[A-Za-z0-9\-._~]/.test(c)) out += c;
    else if (isQuery && c === ' ') out += '+';
    else {
      const code = value.charCodeAt(i) & 0xff;
      out += `%${HEX.charAt(code >> 4)}${HEX.charAt(code & 15)}`;
    }
  }
  return out;
}
