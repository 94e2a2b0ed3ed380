import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformancePath } from '../../../test/conformance/conformancePath.ts';
import { validateEpcisDocument } from './epcisValidator.ts';

const epcis = conformancePath('epcis');
const files = (dir: string): string[] =>
  readdirSync(join(epcis, dir))
    .filter((f) => f.endsWith('.json') || f.endsWith('.jsonld'))
    .sort();
const load = (dir: string, f: string): unknown => JSON.parse(readFileSync(join(epcis, dir, f), 'utf8'));

describe('EPCIS validation against the official schema', () => {
  const examples = files('examples');
  const valid = files('openepcis/valid');
  const invalid = files('openepcis/invalid');

  it('finds every conformance file', () => {
    expect(examples.length).toBe(19);
    expect(valid.length).toBe(13);
    expect(invalid.length).toBe(15);
  });

  it.each(examples)('accepts official example %s', (f) => {
    expect(validateEpcisDocument(load('examples', f))).toEqual({ ok: true });
  });

  it.each(valid)('accepts OpenEPCIS valid %s', (f) => {
    expect(validateEpcisDocument(load('openepcis/valid', f))).toEqual({ ok: true });
  });

  it.each(invalid)('rejects OpenEPCIS invalid %s with path and reason', (f) => {
    const r = validateEpcisDocument(load('openepcis/invalid', f));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) {
      expect(p.path.startsWith('/')).toBe(true);
      expect(p.message.length).toBeGreaterThan(5);
    }
  });

  it('rejects an AggregationEvent ADD without parentID (a rule the schema omits)', () => {
    const doc = load('examples', 'Example_9.6.3-AggregationEvent.jsonld') as {
      epcisBody: { eventList: Record<string, unknown>[] };
    };
    const agg = doc.epcisBody.eventList.find((e) => e['type'] === 'AggregationEvent');
    expect(agg).toBeDefined();
    agg!['action'] = 'ADD';
    delete agg!['parentID'];
    const r = validateEpcisDocument(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.some((p) => p.path.endsWith('/parentID'))).toBe(true);
  });
});
