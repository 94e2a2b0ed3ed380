/** Attributes and listeners for `h`: strings become attributes, functions `on…` listeners. */
type Attrs = Record<string, string | number | boolean | ((e: Event) => void) | undefined>;

/**
 * Creates an element with attributes and children: a tiny helper instead of a UI framework,
 * since the client has a handful of panels that are rebuilt wholesale.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, '').toLowerCase(), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

/** Replaces all children of an element. */
export function setChildren(el: Element, ...children: (Node | string)[]): void {
  el.replaceChildren(...children);
}
