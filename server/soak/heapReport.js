// Preloaded into the soak's server child (`node --expose-gc --import`): every
// BINTWIN_SOAK_HEAP_MS a forced GC, then one stdout line with the heap still in use, so the soak
// can fit the growth of what the server retains (RSS also moves with V8's heap sizing and
// malloc, and swung 186–321 MB while the retained heap stayed within a few MB).
// BINTWIN_SOAK_SNAPSHOTS="5,20" (minutes) also writes a heap snapshot at each of those minutes
// into BINTWIN_SOAK_SNAPSHOT_DIR, to diff what grows by constructor (server/soak/heapDiff.js).
import { writeHeapSnapshot } from 'node:v8';
import { join } from 'node:path';

const ms = Number(process.env.BINTWIN_SOAK_HEAP_MS);
const gc = globalThis.gc;
if (ms > 0 && typeof gc === 'function') {
  setInterval(() => {
    gc();
    const m = process.memoryUsage();
    process.stdout.write(`${JSON.stringify({ soakHeapBytes: m.heapUsed, soakExternalBytes: m.external })}\n`);
  }, ms).unref();
}
const dir = process.env.BINTWIN_SOAK_SNAPSHOT_DIR;
for (const m of (process.env.BINTWIN_SOAK_SNAPSHOTS ?? '').split(',').filter(Boolean)) {
  const minutes = Number(m);
  if (!(minutes >= 0) || !dir) continue;
  setTimeout(() => {
    const file = writeHeapSnapshot(join(dir, `soak-${minutes}min.heapsnapshot`));
    process.stderr.write(`heap snapshot ${file}\n`);
  }, minutes * 60_000).unref();
}
