import { describe, expect, it } from 'vitest';
import { differingFields, fieldDigests } from './feedRecords.ts';

type ScanMessage = Extract<Parameters<typeof fieldDigests>[0], { kind: 'scan' }>['scan'];

const scan: ScanMessage = {
  device: 'rf-1',
  user: 'u',
  role: 'receiver',
  step: 'receive',
  raw: 'A-01',
  clientEventId: 'c1',
  deviceTime: '2026-12-01T10:00:00Z',
};

describe('feed record digests: identity vs transport metadata', () => {
  it('a re-stamped deviceTime is not other content; any identity field is', () => {
    const a = fieldDigests({ kind: 'scan', scan });
    expect(a).not.toHaveProperty('deviceTime');
    expect(
      differingFields(
        a,
        fieldDigests({ kind: 'scan', scan: { ...scan, deviceTime: '2026-12-01T10:00:07Z' } }),
      ),
    ).toEqual([]);
    expect(
      differingFields(a, fieldDigests({ kind: 'scan', scan: { ...scan, raw: 'A-02', qty: 2 } })),
    ).toEqual(['qty', 'raw']);
  });

  it('an EPCIS recordTime is the repository’s: a retry that sets it is the same event', () => {
    const ev = { type: 'ObjectEvent', eventTime: '2026-12-01T10:00:00Z', action: 'ADD' };
    const a = fieldDigests({ kind: 'epcis', event: ev, prefixes: {} });
    const b = fieldDigests({
      kind: 'epcis',
      event: { ...ev, recordTime: '2026-12-01T10:00:09Z' },
      prefixes: {},
    });
    expect(differingFields(a, b)).toEqual([]);
    expect(
      differingFields(a, fieldDigests({ kind: 'epcis', event: { ...ev, eventTime: 'x' }, prefixes: {} })),
    ).toEqual(['eventTime']);
  });

  it('digests from a log written before deviceTime was left out still compare equal on a retry', () => {
    const old = { ...fieldDigests({ kind: 'scan', scan }), deviceTime: 'abcdef012345' };
    expect(
      differingFields(old, fieldDigests({ kind: 'scan', scan: { ...scan, deviceTime: 'later' } })),
    ).toEqual([]);
  });
});
