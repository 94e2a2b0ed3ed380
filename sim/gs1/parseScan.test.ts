import { describe, expect, it } from 'vitest';
import { binCheckString } from '../layout/binCode.ts';
import { parseScan } from './parseScan.ts';
import type { ScanResult } from './scanResult.ts';
import { getNetWeightKg, toWarehouseScan } from './warehouseScan.ts';

const GS = '\u001d';
const GTIN = '09506000134352';

function codes(r: ScanResult): string[] {
  return r.ok ? [] : r.errors.map((e) => e.code);
}

describe('parseScan: bin labels', () => {
  it('reads the site code with or without AIM prefix and a matching check suffix', () => {
    const check = binCheckString('A-01-02-C');
    for (const raw of [
      'A-01-02-C',
      `A-01-02-C ${check}`,
      `A-01-02-C/${check}`,
      ']C0A-01-02-C',
      ']Q1A-01-02-C\r\n',
    ]) {
      const r = parseScan(raw);
      expect(r, raw).toMatchObject({
        ok: true,
        kind: 'location',
        code: 'A-01-02-C',
        zone: 'A',
        aisle: 1,
        bay: 2,
        level: 3,
      });
    }
    expect(parseScan(`A-01-02-C ${check}`)).toMatchObject({ check });
    expect(parseScan('A-01-02-C')).toMatchObject({ check: null });
    expect(parseScan('CH2-12-140-A')).toMatchObject({ kind: 'location', zone: 'CH2', bay: 140, level: 1 });
    expect(toWarehouseScan(parseScan('A-01-02-C'))).toEqual({ binCode: 'A-01-02-C' });
  });

  it('refuses a wrong check suffix and things that only look like bin codes', () => {
    const wrong = String((Number(binCheckString('A-01-02-C')) + 1) % 100).padStart(2, '0');
    expect(codes(parseScan(`A-01-02-C ${wrong}`))).toEqual(['LOCATION_CHECK_MISMATCH']);
    for (const raw of ['a-01-02-C', 'A-1-02-C', 'A-01-02-3', 'A-01-02-C 4', 'TOOLONG-01-02-C']) {
      expect(parseScan(raw).ok, raw).toBe(false);
    }
    // In a plain-data symbology a non-label is accepted as text, not misread as a location.
    expect(parseScan(']C0A-1-02-C')).toMatchObject({ ok: true, kind: 'text', text: 'A-1-02-C' });
  });
});

describe('parseScan: GS1 data', () => {
  it('splits fixed-length AIs without GS and variable ones at GS', () => {
    const r = parseScan(`]C101${GTIN}10ABC${GS}17261231`);
    expect(r).toMatchObject({ ok: true, kind: 'gs1', symbology: 'GS1_128_CCA' });
    expect(toWarehouseScan(r)).toEqual({ gtin: GTIN, lot: 'ABC', expiry: '2026-12-31' });
  });

  it('missing-GS trap: an expiry run into the lot is refused, not read as part of the lot', () => {
    const r = parseScan(`]C101${GTIN}10ABC17261231`);
    expect(codes(r)).toEqual(['SUSPECTED_MISSING_SEPARATOR']);
    expect(r.ok ? '' : r.errors[0]?.message).toContain('(10)ABC(17)261231');
    // Lenient mode keeps the literal reading but warns.
    const lenient = parseScan(`]C101${GTIN}10ABC17261231`, { strictSeparators: false });
    expect(lenient).toMatchObject({ ok: true, warnings: [{ code: 'SUSPECTED_MISSING_SEPARATOR' }] });
    // When the swallowed data makes the lot too long, the syntax alone catches it (as the reference engine does).
    expect(codes(parseScan(`]C101${GTIN}10ABCDEFGHIJKLMNOPQ17261231`))).toEqual(['VALUE_TOO_LONG']);
    // An invalid "date" at the end of a lot is just lot text.
    expect(parseScan(`]C101${GTIN}10ABC17261331`)).toMatchObject({ ok: true });
  });

  it('catch weight: the last digit of 310n is the number of decimals', () => {
    for (const [n, kg] of [
      [0, 1234],
      [1, 123.4],
      [2, 12.34],
      [3, 1.234],
      [4, 0.1234],
      [5, 0.01234],
    ] as const) {
      const r = parseScan(`]C101${GTIN}310${n}001234`);
      expect(getNetWeightKg(r)).toBe(kg);
      expect(toWarehouseScan(r)?.weightKg).toBe(kg);
    }
    expect(parseScan(`]C101${GTIN}3106001234`).ok).toBe(false);
  });

  it('Feb 29 only in leap years, month 13 never, day 00 only where the dictionary allows it', () => {
    expect(parseScan(`]C101${GTIN}17280229`).ok).toBe(true);
    expect(codes(parseScan(`]C101${GTIN}17270229`))).toEqual(['ILLEGAL_DAY']);
    expect(parseScan(`]C101${GTIN}17000229`).ok).toBe(true); // 2000 was a leap year
    expect(codes(parseScan(`]C101${GTIN}17000229`, { referenceYear: 2060 }))).toEqual(['ILLEGAL_DAY']); // 2100 is not
    expect(codes(parseScan(`]C101${GTIN}17261301`))).toEqual(['ILLEGAL_MONTH']);
    expect(toWarehouseScan(parseScan(`]C101${GTIN}17260200`))?.expiry).toBe('2026-02-28');
    expect(codes(parseScan('(00)095060001343520000(4326)261200'))).toEqual(['ILLEGAL_DAY']); // yymmdd: no day 00
  });

  it('checks check digits, character sets and pairing rules', () => {
    expect(codes(parseScan(`]C10109506000134353`))).toEqual(['INCORRECT_CHECK_DIGIT']);
    expect(codes(parseScan(`]d2010950600013435210A B`))).toEqual(['INVALID_CSET82_CHARACTER']);
    expect(codes(parseScan(']C110ABC'))).toEqual(['REQUIRED_AI_MISSING']);
    expect(codes(parseScan(`]C101${GTIN}02${GTIN}`))).toContain('INVALID_AI_PAIR');
    expect(codes(parseScan(`(01)${GTIN}(10)A(10)B`))).toEqual(['DUPLICATE_AI']);
    expect(parseScan(']C110ABC', { validateAssociations: false }).ok).toBe(true);
  });

  it('reads an SSCC label with count, PO and ship-to location', () => {
    const r = parseScan(
      `]C100095060001343520000${GS}0209506000134352378${GS}400PO-4711${GS}4149506000134352254DOCK3`,
    );
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(toWarehouseScan(r)).toEqual({
      sscc: '095060001343520000',
      gtin: GTIN,
      qty: 8,
      po: 'PO-4711',
      gln: '9506000134352',
      glnExtension: 'DOCK3',
    });
  });

  it('turns EAN-13 / EAN-8 into a GTIN-14 and accepts bare GTINs from keyboard-mode scanners', () => {
    expect(toWarehouseScan(parseScan(']E09506000134352'))).toEqual({ gtin: GTIN });
    expect(toWarehouseScan(parseScan(']E402345673'))).toEqual({ gtin: '00000002345673' });
    expect(toWarehouseScan(parseScan('9506000134352\r'))).toEqual({ gtin: GTIN });
    expect(parseScan('9506000134353').ok).toBe(false);
  });

  it('reads Digital Link URIs, bracketed data and FNC1-first strings without AIM prefix', () => {
    const dl = parseScan(`https://id.gs1.org/01/${GTIN}/10/ABC?17=260101`);
    expect(dl).toMatchObject({ ok: true, kind: 'digitalLink', stem: 'https://id.gs1.org' });
    expect(toWarehouseScan(dl)).toEqual({ gtin: GTIN, lot: 'ABC', expiry: '2026-01-01' });
    expect(toWarehouseScan(parseScan(`(01)${GTIN}(10)ABC(17)260101`))).toEqual(toWarehouseScan(dl));
    expect(toWarehouseScan(parseScan(`${GS}01${GTIN}10ABC${GS}17260101`))).toEqual(toWarehouseScan(dl));
    expect(codes(parseScan(`https://id.gs1.org/01/${GTIN}?10=ABC`))).toEqual(['DL_AI_BELONGS_IN_PATH']);
  });

  it('never throws, whatever arrives', () => {
    let seed = 12345;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const alphabet = ']CdQEe0123456789(^)\u001d|/?&=%-ABCxyz:. \\';
    for (let i = 0; i < 5000; i++) {
      let s = [']C1', ']E0', ']Q1', '(', 'https://a/', ''][next() % 6] as string;
      const len = next() % 40;
      for (let j = 0; j < len; j++) s += alphabet.charAt(next() % alphabet.length);
      const r = parseScan(s);
      expect(typeof r.ok).toBe('boolean');
      expect(r.ok || r.errors.length > 0).toBe(true);
    }
  });
});
