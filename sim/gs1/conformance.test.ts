import { describe, expect, it } from 'vitest';
import vectors from '../../test/conformance/gs1/gs1-syntax-engine-vectors.json' with { type: 'json' };
import { parseBracketed } from './parseBracketed.ts';
import { parseDigitalLink, type DigitalLinkOptions } from './parseDigitalLink.ts';
import { parseElementString } from './parseElementString.ts';
import { parseScan } from './parseScan.ts';

// The reference unit tests (src/c-lib/dl.c) switch engine options on around some calls; the
// vectors keep only the line, so these are the options in force at those lines.
const alphas: DigitalLinkOptions = { permitConvenienceAlphas: true };
const zeroSuppressed: DigitalLinkOptions = { permitZeroSuppressedGtin: true };
const dlOptionsByLine: Readonly<Record<number, DigitalLinkOptions>> = {
  1437: alphas,
  1438: alphas,
  1439: alphas,
  ...Object.fromEntries(
    [1449, 1459, 1469, 1484, 1494, 1635, 1641, 1669, 1679, 1689, 1699].map((line) => [line, zeroSuppressed]),
  ),
  1763: { permitUnknownAIs: true },
  1767: { permitUnknownAIs: true, unknownAiAsDlAttribute: true },
};

// Vectors deliberately not supported, by `file:line`, with the reason. None at present.
const skipped: Readonly<Record<string, string>> = {};

function label(v: { file: string; line: number }, input: string): string {
  return `${v.file}:${v.line} ${JSON.stringify(input)}`;
}

function run<T extends { file: string; line: number }>(
  name: string,
  list: readonly T[],
  input: (v: T) => string,
  check: (v: T) => void,
): void {
  describe(name, () => {
    for (const v of list) {
      const key = `${v.file}:${v.line}`;
      const reason = skipped[key];
      if (reason !== undefined) it.skip(`${label(v, input(v))} (${reason})`, () => {});
      else it(label(v, input(v)), () => check(v));
    }
  });
}

describe('gs1-syntax-engine conformance vectors', () => {
  run(
    'processScanData → parseScan',
    vectors.processScanData,
    (v) => v.scanData,
    (v) => {
      const r = parseScan(v.scanData);
      expect(r.ok, JSON.stringify(r)).toBe(v.ok);
      if (r.ok) {
        expect(r.symbology).toBe(v.symbology);
        expect(r.dataStr).toBe(v.expectDataStr);
      }
    },
  );

  run(
    'parseBracketedAIdata → parseBracketed',
    vectors.parseBracketedAIdata,
    (v) => v.bracketed,
    (v) => {
      const r = parseBracketed(v.bracketed);
      expect(r.ok, JSON.stringify(r)).toBe(v.ok);
      if (r.ok) expect(r.dataStr).toBe(v.expectDataStr);
    },
  );

  run(
    'processAIdata → parseElementString',
    vectors.processAIdata,
    (v) => v.dataStr,
    (v) => {
      const r = parseElementString(v.dataStr);
      expect(r.ok, JSON.stringify(r)).toBe(v.ok);
    },
  );

  run(
    'parseDLuri → parseDigitalLink',
    vectors.parseDLuri,
    (v) => v.uri,
    (v) => {
      const r = parseDigitalLink(v.uri, dlOptionsByLine[v.line] ?? {});
      expect(r.ok, JSON.stringify(r)).toBe(v.ok);
      if (r.ok) expect(r.dataStr).toBe(v.expectDataStr);
    },
  );

  describe('linters → parseBracketed', () => {
    it.each(vectors.linters)('$bracketed → $expect', ({ bracketed, expect: code }) => {
      const r = parseBracketed(bracketed);
      if (code === 'GS1_LINTER_OK') expect(r.ok, JSON.stringify(r)).toBe(true);
      else expect(r.ok ? 'OK' : `GS1_LINTER_${r.errors[0]?.code}`).toBe(code);
    });
  });

  it('covers every vector in the file', () => {
    const total =
      vectors.processScanData.length +
      vectors.parseBracketedAIdata.length +
      vectors.processAIdata.length +
      vectors.parseDLuri.length +
      vectors.linters.length;
    expect(total).toBe(374);
    expect(Object.keys(skipped)).toHaveLength(0);
  });
});
