// Preloaded into the soak's server child (`node --expose-gc --import`): every
// BINTWIN_SOAK_HEAP_MS a forced GC, then one stdout line with the heap still in use, so the soak
// can fit the growth of what the server retains (RSS also moves with V8's heap sizing and
// malloc, and swung 186–321 MB while the retained heap stayed within a few MB).
const ms = Number(process.env.BINTWIN_SOAK_HEAP_MS);
const gc = globalThis.gc;
if (ms > 0 && typeof gc === 'function') {
  setInterval(() => {
    gc();
    process.stdout.write(`${JSON.stringify({ soakHeapBytes: process.memoryUsage().heapUsed })}\n`);
  }, ms).unref();
}
