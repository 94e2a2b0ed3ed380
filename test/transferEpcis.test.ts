import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../sim/index.ts';
import { loadNetwork } from '../server/networkLoader.ts';
import { createNetwork } from '../sim/network/networkRun.ts';
import { epcisMapper } from '../server/feeds/epcis/journalToEpcis.ts';
import { BINTWIN_NS } from '../sim/mirrorApi.ts';
import { mapEpcisEvent } from '../sim/mirror/epcisMapping.ts';

const HOUR = 3_600_000;

describe('transfer events in EPCIS', () => {
  const { network } = loadNetwork('demo-network');
  const journal: JournalEvent[] = [];
  const run = createNetwork(network, { journal: (site, e) => site === 'DC1' && journal.push(e) });
  run.runUntil(10 * HOUR);
  const dc1 = run.sites[0]!.engine;
  const toEpcis = epcisMapper(dc1.site().items, { run: 'net' });

  it('a shipped transfer names both ends as owning party and location, and maps back to the same posting', () => {
    const types = ['transfer.allocated', 'transfer.picked', 'transfer.shipped', 'transfer.closed'];
    for (const type of types) {
      const e = journal.find((x) => x.type === type);
      expect(e, type).toBeDefined();
      const ev = toEpcis(e!)!;
      expect(ev, type).not.toBeNull();
      const m = /from=(\S+) to=(\S+)/.exec(e!.reason!)!;
      expect(ev['sourceList']).toContainEqual({
        type: 'owning_party',
        source: `https://bintwin.dev/site/${m[1]}`,
      });
      expect(ev['destinationList']).toContainEqual({
        type: 'owning_party',
        destination: `https://bintwin.dev/site/${m[2]}`,
      });
      const back = mapEpcisEvent(dc1.world, ev, { bintwin: BINTWIN_NS });
      expect(back.ok, `${type}: ${JSON.stringify(back)}`).toBe(true);
      if (!back.ok) continue;
      const b = back.bodies[0]!;
      expect([b.type, b.bin, b.toBin, b.sku, b.baseQty, b.statusFrom, b.statusTo], type).toEqual([
        e!.type,
        e!.bin,
        e!.toBin,
        e!.sku,
        e!.baseQty,
        e!.statusFrom,
        e!.statusTo,
      ]);
    }
    const shipped = toEpcis(journal.find((x) => x.type === 'transfer.shipped')!)!;
    expect(shipped['bizStep']).toBe('shipping');
    expect(shipped['disposition']).toBe('in_transit');
  });
});
