import { fnc1Required, isDlDataAttribute, lookupAi } from './aiLookup.ts';
import { dlQualifierSequences, isDlPrimaryKey } from './dlKeyQualifiers.ts';
import type { Gs1Element } from './gs1Element.ts';
import { gs1Issue, type Gs1Issue } from './gs1Issue.ts';
import { uriEscape } from './uriEscape.ts';

/** The canonical GS1 resolver stem, used when no brand domain is given. */
export const CANONICAL_DL_STEM = 'https://id.gs1.org';

/** A built DL URI, or why the elements cannot be expressed as one. */
export type BuildDigitalLinkResult =
  { readonly ok: true; readonly uri: string } | { readonly ok: false; readonly errors: readonly Gs1Issue[] };

/**
 * Build a GS1 Digital Link URI from elements, as the reference engine does: the first AI that
 * is a primary key starts the path, followed by the qualifiers present from the qualifier
 * sequence that matches most of them; every other AI goes to the query string, predefined-
 * length AIs first, each in the order given. Each query AI must be a DL data attribute.
 */
export function buildDigitalLink(
  elements: readonly Gs1Element[],
  stem: string = CANONICAL_DL_STEM,
): BuildDigitalLinkResult {
  const key = elements.find((e) => isDlPrimaryKey(e.ai));
  if (!key) {
    return {
      ok: false,
      errors: [gs1Issue('DL_NO_PRIMARY_KEY_TO_BUILD', 'No AI here can be a DL primary key')],
    };
  }
  const present = new Set(elements.map((e) => e.ai));
  let qualifiers: readonly string[] = [];
  for (const sequence of dlQualifierSequences(key.ai)) {
    const matched = sequence.filter((ai) => present.has(ai));
    if (matched.length > qualifiers.length) qualifiers = matched;
  }
  const pathAis = [key.ai, ...qualifiers];
  let uri = stem.endsWith('/') ? stem.slice(0, -1) : stem;
  for (const ai of pathAis) {
    const element = elements.find((e) => e.ai === ai) as Gs1Element;
    uri += `/${ai}/${uriEscape(element.value, false)}`;
  }
  const params: string[] = [];
  const done = new Set(pathAis);
  for (const fixedFirst of [true, false]) {
    for (const { ai, value } of elements) {
      const entry = lookupAi(ai, { permitUnknownAIs: true });
      if (done.has(ai) || !entry || fnc1Required(entry) === fixedFirst) continue;
      if (!isDlDataAttribute(entry)) {
        return {
          ok: false,
          errors: [gs1Issue('DL_NOT_A_DATA_ATTRIBUTE', `AI (${ai}) cannot go in a DL query`, { ai })],
        };
      }
      done.add(ai);
      params.push(`${ai}=${uriEscape(value, true)}`);
    }
  }
  return { ok: true, uri: params.length > 0 ? `${uri}?${params.join('&')}` : uri };
}
