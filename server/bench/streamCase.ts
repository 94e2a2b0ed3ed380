import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { startLiveServer } from '../live/liveServer.ts';
import { peakRssMb, round, type BenchCase } from './benchCase.ts';

const VIEWERS = 200;
const WARMUP_S = 3;
const SECONDS = 20;
const SWARM = fileURLToPath(new URL('./viewerSwarm.ts', import.meta.url));

/**
 * 200 socket.io-client viewers (a child process) watching demo-dc live at ×60, 10 Hz, from
 * 07:00 (a busy hour): the server's CPU, bytes per second per viewer, and the delay from the
 * engine tick to each viewer's receipt of its delta (same machine, same clock).
 */
export const streamCase: BenchCase = {
  name: 'stream',
  description: `${VIEWERS} viewers on demo-dc at ×60, 10 Hz, ${SECONDS} s: server CPU, bytes/s per viewer, p99 tick→receipt`,
  async run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'bintwin-bench-stream-'));
    const server = await startLiveServer({
      scenario: 'demo-dc',
      pacing: { speed: 60, paused: false, until: null },
      port: 0,
      host: '127.0.0.1',
      dataDir,
      clientDir: join(dataDir, 'none'),
      log: pino({ level: 'silent' }),
      env: { BINTWIN_ADMIN_TOKEN: 'bench' },
    });
    try {
      await server.runner.control({ type: 'control.jump', simTime: 7 * 3_600_000 });
      const tickAt = new Map<number, number>();
      server.runner.onTick((out) => tickAt.set(out.view.seq, performance.timeOrigin + out.at));
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          SWARM,
          `http://127.0.0.1:${server.port}`,
          String(VIEWERS),
          String(WARMUP_S),
          String(SECONDS),
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      // CPU over the measured window only (the swarm's warm-up includes 200 snapshots).
      let cpu0 = process.cpuUsage();
      let wall0 = performance.now();
      const mark = setTimeout(() => {
        cpu0 = process.cpuUsage();
        wall0 = performance.now();
      }, WARMUP_S * 1000);
      await new Promise<void>((resolve, reject) => {
        child.on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`viewer swarm exited ${code}`)),
        );
      });
      clearTimeout(mark);
      const cpu = process.cpuUsage(cpu0);
      const wall = (performance.now() - wall0) / 1000;
      const r = JSON.parse(out) as {
        connected: number;
        snapshots: number;
        seconds: number;
        bytesPerViewerPerSec: number;
        receipts: number[];
      };
      const delays: number[] = [];
      for (let i = 0; i < r.receipts.length; i += 2) {
        const t = tickAt.get(r.receipts[i]!);
        if (t !== undefined) delays.push(r.receipts[i + 1]! - t);
      }
      delays.sort((a, b) => a - b);
      const q = (p: number): number =>
        round(delays[Math.min(delays.length - 1, Math.floor(p * delays.length))] ?? NaN, 1);
      return {
        viewers: VIEWERS,
        connected: r.connected,
        seconds: round(r.seconds, 1),
        bytesPerViewerPerSec: Math.round(r.bytesPerViewerPerSec),
        serverCpuPercent: round(((cpu.user + cpu.system) / 1e6 / wall) * 100, 1),
        deltasReceived: delays.length,
        delayMsP50: q(0.5),
        delayMsP99: q(0.99),
        delayMsMax: q(1),
        peakRssMb: peakRssMb(),
      };
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
