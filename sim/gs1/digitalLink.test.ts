import { describe, expect, it } from 'vitest';
import { buildDigitalLink } from './buildDigitalLink.ts';
import type { Gs1Element } from './gs1Element.ts';
import { parseDigitalLink } from './parseDigitalLink.ts';
import { uriEscape, uriUnescape } from './uriEscape.ts';

const el = (ai: string, value: string): Gs1Element => ({ ai, value, title: '' });

describe('GS1 Digital Link', () => {
  it('builds the path from the key and its best qualifier sequence, the rest as query', () => {
    const elements = [
      el('17', '260101'),
      el('01', '09506000134352'),
      el('21', 'S/1'),
      el('10', 'AB+C'),
      el('3103', '001234'),
    ];
    const built = buildDigitalLink(elements);
    expect(built).toEqual({
      ok: true,
      uri: 'https://id.gs1.org/01/09506000134352/10/AB%2BC/21/S%2F1?17=260101&3103=001234',
    });
    const parsed = built.ok ? parseDigitalLink(built.uri) : null;
    expect(parsed?.ok && parsed.elements.map((e) => [e.ai, e.value])).toEqual([
      ['01', '09506000134352'],
      ['10', 'AB+C'],
      ['21', 'S/1'],
      ['17', '260101'],
      ['3103', '001234'],
    ]);
  });

  it('uses a brand stem and the 235 alternative, and refuses what a URI cannot carry', () => {
    expect(
      buildDigitalLink([el('01', '09506000134352'), el('235', 'TPX1')], 'https://brand.example/'),
    ).toEqual({
      ok: true,
      uri: 'https://brand.example/01/09506000134352/235/TPX1',
    });
    expect(buildDigitalLink([el('10', 'ABC')]).ok).toBe(false);
    expect(buildDigitalLink([el('00', '095060001343520000'), el('8020', 'REF')]).ok).toBe(false);
  });

  it('percent-encodes: + is a space only in the query', () => {
    expect(uriEscape('A B+/', false)).toBe('A%20B%2B%2F');
    expect(uriEscape('A B', true)).toBe('A+B');
    expect(uriUnescape('A+B%2f', false)).toBe('A+B/');
    expect(uriUnescape('A+B', true)).toBe('A B');
    expect(uriUnescape('A%4gB%2', false)).toBe('A%4gB%2');
    expect(uriUnescape('A%00', false)).toBeNull();
  });
});
