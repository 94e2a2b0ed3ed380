import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { io } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import type { DeltaMessage } from '../../sim/view/protocol.ts';
import { startLiveServer } from '../live/liveServer.ts';
import { peakRssMb, round, type BenchCase } from './benchCase.ts';

const DEVICES = 8;
const BATCH = 100;
const WARMUP_S = 2;
const SECONDS = 10;
const GS = '\u001d';

/**
 * Sustained raw-scan ingest into a paused demo-dc twin over loopback: 8 devices each posting putaway
 * sequences (dock, item, bin) 75 scans a request back to back (every scan acknowledged once the journal
 * and the feed log are fsynced), with one socket.io viewer connected. Figures: accepted scans/s,
 * and the delay from a POST to the viewer's receipt of the delta holding its last transaction.
 * The load generator shares the server's process (a lower bound on what the server alone does).
 */
export const ingestCase: BenchCase = {
  name: 'ingest',
  description: `${DEVICES} devices × requests of ${(BATCH / 4) * 3} putaway scans, ${SECONDS} s, durable acks: scans/s, p99 POST→viewer`,
  async run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'bintwin-bench-ingest-'));
    const server = await startLiveServer({
      scenario: 'demo-dc',
      pacing: { speed: 1, paused: true, until: null },
      port: 0,
      host: '127.0.0.1',
      dataDir,
      clientDir: join(dataDir, 'none'),
      log: pino({ level: 'silent' }),
      env: { BINTWIN_ADMIN_TOKEN: 'bench' },
    });
    const url = `http://127.0.0.1:${server.port}`;
    const viewer = io(url, { parser: msgpackParser, transports: ['websocket'], reconnection: false });
    try {
      const engine = server.runner.applyExternal((e) => e);
      const site = engine.site();
      const dock = site.bins.find((b) => b.type === 'dock' || b.type === 'staging')!.code;
      // The bulkiest item without lot control: a few units visibly change a bin's fill.
      const vol = (i: (typeof site.items)[number]): number =>
        i.uoms[0]!.lengthCm * i.uoms[0]!.widthCm * i.uoms[0]!.heightCm;
      const item = site.items.filter((i) => !i.lotControlled).sort((a, b) => vol(b) - vol(a))[0]!;
      const gtin = item.uoms[0]!.gtin;
      // View seq → journal events it covers (server side), and → viewer receipt time.
      const published: { seq: number; journal: number }[] = [];
      server.runner.onTick((out) =>
        published.push({ seq: out.view.seq, journal: engine.journalCommitted() }),
      );
      const received = new Map<number, number>();
      viewer.on('state.delta', (m: DeltaMessage) => received.set(m.delta.seq, performance.now()));
      await new Promise<void>((resolve, reject) => {
        viewer.once('connect', () => resolve());
        viewer.once('connect_error', reject);
      });
      const lot = item.lotControlled ? `10LOTX${GS}` : '';
      const reserve = site.bins.filter((b) => b.type === 'reserve');
      const storage = reserve.map((b) => b.code);
      // Enough units to move a reserve bin's fill by about 2% (the view shows fill in 0.5% steps).
      const units = Math.max(1, Math.ceil((0.02 * reserve[0]!.capacity.volumeL * 1000) / vol(item)));
      const itemRaw = `]C1${'01' + gtin}${lot}30${units}`;
      // Stock at the dock for every device to put away from, one unit at a time, into storage
      // bins the floor view shows (each putaway changes a bin's quantity on the viewer).
      let n = 0;
      const tokens: string[] = [];
      for (let d = 0; d < DEVICES; d++) {
        const r = await fetch(`${url}/api/devices`, {
          method: 'POST',
          headers: { authorization: 'Bearer bench' },
          body: JSON.stringify({ id: `rf-${d}`, steps: ['receive', 'putaway'] }),
        });
        tokens.push(((await r.json()) as { token: string }).token);
      }
      const post = async (d: number, scans: unknown[]) => {
        const res = await fetch(`${url}/api/scans`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[d]}` },
          body: JSON.stringify({ scans }),
        });
        return (await res.json()) as { results: { ok: boolean; eventIds?: string[]; reason?: string }[] };
      };
      const msg = (d: number, step: string, raw: string, role = 'receiver') => ({
        device: `rf-${d}`,
        user: 'u',
        role,
        step,
        raw,
        clientEventId: `b${++n}`,
        deviceTime: new Date().toISOString(),
      });
      const pre = await post(0, [
        msg(0, 'receive', dock),
        msg(0, 'receive', `]C1${'01' + gtin}${lot}3099999999`),
      ]);
      if (!pre.results.every((r) => r.ok)) throw new Error(`cannot stock the dock: ${JSON.stringify(pre)}`);
      let measuring = false;
      let stop = false;
      let accepted = 0;
      let refused = 0;
      const requests: { t0: number; lastSeq: number }[] = [];
      const device = async (d: number): Promise<void> => {
        let k = d;
        while (!stop) {
          // Putaway sequences: dock, item (one unit), destination bin — three scans, one move.
          const scans = [];
          for (let i = 0; i < BATCH / 4; i++) {
            const to = storage[k++ % storage.length]!;
            scans.push(msg(d, 'putaway', dock, 'putaway'), msg(d, 'putaway', itemRaw, 'putaway'));
            scans.push(msg(d, 'putaway', to, 'putaway'));
          }
          const t0 = performance.now();
          const body = await post(d, scans);
          if (!measuring) continue;
          let last = 0;
          for (const r of body.results) {
            if (r.ok) accepted++;
            else refused++;
            for (const id of r.eventIds ?? []) last = Math.max(last, Number(id.slice(1)));
          }
          if (last > 0) requests.push({ t0, lastSeq: last });
        }
      };
      const runs = Array.from({ length: DEVICES }, (_x, d) => device(d));
      await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
      measuring = true;
      const cpu0 = process.cpuUsage();
      const w0 = performance.now();
      await new Promise((r) => setTimeout(r, SECONDS * 1000));
      stop = true;
      const wall = (performance.now() - w0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      await Promise.all(runs);
      await new Promise((r) => setTimeout(r, 300));
      const delays: number[] = [];
      let pi = 0;
      requests.sort((a, b) => a.lastSeq - b.lastSeq);
      for (const q of requests) {
        while (pi < published.length && published[pi]!.journal < q.lastSeq) pi++;
        const p = published[pi];
        const at = p && received.get(p.seq);
        if (at !== undefined) delays.push(at - q.t0);
      }
      delays.sort((a, b) => a - b);
      const pct = (p: number): number =>
        round(delays[Math.min(delays.length - 1, Math.floor(p * delays.length))] ?? NaN, 1);
      return {
        devices: DEVICES,
        scansPerRequest: (BATCH / 4) * 3,
        seconds: round(wall, 1),
        scansPerSec: Math.round(accepted / wall),
        refused,
        publishes: published.length,
        delayMsP50: pct(0.5),
        delayMsP99: pct(0.99),
        delayMsMax: pct(1),
        requestsMeasured: delays.length,
        cpuPercent: round(((cpu.user + cpu.system) / 1e6 / wall) * 100, 1),
        peakRssMb: peakRssMb(),
      };
    } finally {
      viewer.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
