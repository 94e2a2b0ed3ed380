import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import type { DeltaMessage } from '../../sim/view/protocol.ts';

// Child process of the `stream` bench: N viewers connected to one live server, measuring what
// arrives. Kept out of the server's process so its CPU figure is the server's alone.
// Usage: viewerSwarm.ts <url> <viewers> <warmupSeconds> <seconds>; prints one JSON line.

const [url = '', nRaw = '200', warmRaw = '3', secRaw = '20'] = process.argv.slice(2);
const n = Number(nRaw);
const now = (): number => performance.timeOrigin + performance.now();
let measuring = false;
let bytes = 0;
let snapshots = 0;
const receipts: number[] = [];
let connected = 0;

for (let i = 0; i < n; i++) {
  const s = io(url, { parser: msgpackParser, transports: ['websocket'], reconnection: false });
  s.on('connect', () => connected++);
  s.io.engine?.on('packet', () => {});
  s.io.on('open', () => {
    s.io.engine.on('packet', (p: { data?: unknown }) => {
      if (!measuring) return;
      const d = p.data;
      bytes +=
        typeof d === 'string'
          ? Buffer.byteLength(d)
          : d instanceof ArrayBuffer
            ? d.byteLength
            : ArrayBuffer.isView(d)
              ? d.byteLength
              : 0;
    });
  });
  s.on('state.snapshot', () => snapshots++);
  s.on('state.delta', (m: DeltaMessage) => {
    if (measuring) receipts.push(m.delta.seq, now());
  });
}

setTimeout(
  () => {
    measuring = true;
    const t0 = now();
    setTimeout(
      () => {
        measuring = false;
        const seconds = (now() - t0) / 1000;
        process.stdout.write(
          JSON.stringify({
            viewers: n,
            connected,
            snapshots,
            seconds,
            bytesPerViewerPerSec: bytes / n / seconds,
            receipts,
          }) + '\n',
          () => process.exit(0),
        );
      },
      Number(secRaw) * 1000,
    );
  },
  Number(warmRaw) * 1000,
);
