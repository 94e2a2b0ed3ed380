import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformancePath } from '../../../test/conformance/conformancePath.ts';
import { contextPrefixes, eventHashId, eventPreHash } from './eventHash.ts';
import { eventsOf } from './epcisValidator.ts';

const dir = conformancePath('epcis', 'event-hash');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonld'))
  .map((f) => f.replace(/\.jsonld$/, ''));

describe('EPCIS event hash ID', () => {
  it('has the reference vectors', () => expect(names.length).toBe(3));

  it.each(names)('reproduces the pre-hash strings and hashes of %s', (name) => {
    const doc = JSON.parse(readFileSync(join(dir, `${name}.jsonld`), 'utf8')) as unknown;
    const ctx = contextPrefixes(doc);
    const lines = (ext: string): string[] =>
      readFileSync(join(dir, `${name}.${ext}`), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '');
    const events = eventsOf(doc);
    expect(events.map((e) => eventPreHash(e as never, ctx))).toEqual(lines('prehashes'));
    expect(events.map((e) => eventHashId(e, ctx))).toEqual(lines('hashes'));
  });
});
