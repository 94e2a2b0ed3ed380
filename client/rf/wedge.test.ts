import { describe, expect, it } from 'vitest';
import { parseScan, toWarehouseScan } from '../../sim/gs1/index.ts';
import { entryText, GS, viaOfKeys, wedgeKey, wedgeKeys } from './wedge.ts';

/** Types keys into an empty field as the page's keydown handler does; returns the entries submitted. */
function type(keys: readonly { key: string; ctrl?: boolean }[]): string[] {
  let value = '';
  const out: string[] = [];
  for (const k of keys) {
    const s = wedgeKey(value, k.key, k.ctrl ?? false);
    if (s.submit) {
      out.push(entryText(s.value));
      value = '';
    } else if (s.handled) value = s.value;
    else if (k.key.length === 1) value += k.key;
  }
  return out;
}

const GTIN = '09501101530003';

describe('keyboard-wedge entry on the handheld', () => {
  it('a scan with a trailing CR/LF is one entry, without the CR/LF', () => {
    expect(type(wedgeKeys('A-01-02-C\r\n').map((key) => ({ key })))).toEqual(['A-01-02-C']);
    expect(type(wedgeKeys('A-01-02-C\n').map((key) => ({ key })))).toEqual(['A-01-02-C']);
    expect(entryText('x\r\n')).toBe('x');
  });

  it('keeps GS (as itself or Ctrl+]) and the ]C1 / ]d2 prefixes, so the GS1 parser reads every field', () => {
    const raw = `]C101${GTIN}10L1${GS}3010`;
    const asGs = type(wedgeKeys(`${raw}\r`).map((key) => ({ key })));
    const ctrlKeys = [...`]C101${GTIN}10L1`].map((key) => ({ key }));
    const asCtrl = type([
      ...ctrlKeys,
      { key: ']', ctrl: true },
      ...[...'3010'].map((key) => ({ key })),
      { key: 'Enter' },
    ]);
    expect(asGs).toEqual([raw]);
    expect(asCtrl).toEqual([raw]);
    const scan = toWarehouseScan(parseScan(asGs[0]!))!;
    expect(scan.gtin).toBe(GTIN);
    expect(scan.lot).toBe('L1');
    expect(scan.qty).toBe(10);
    const dm = type(wedgeKeys(`]d201${GTIN}10L2\r\n`).map((key) => ({ key })));
    expect(toWarehouseScan(parseScan(dm[0]!))!.lot).toBe('L2');
  });

  it('an Enter on an empty field submits nothing (the LF after a CR)', () => {
    expect(wedgeKey('', 'Enter', false).submit).toBe(false);
    expect(wedgeKey('\r', 'Enter', false).submit).toBe(false);
  });

  it('tells a scan from typing by the gaps between keys', () => {
    expect(viaOfKeys([0, 5, 10, 20, 30])).toBe('scan');
    expect(viaOfKeys([0, 5, 200, 210])).toBe('keyed');
    expect(viaOfKeys([0, 5, 10, 60, 65, 70, 75, 80])).toBe('scan');
    expect(viaOfKeys([0, 5])).toBe('keyed');
  });
});
