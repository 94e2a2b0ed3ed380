import { pointDistance } from '/work/main/sim/routing/distance.ts';
import { rectangularGeometry } from '/work/main/sim/routing/routingGeometry.ts';
import { planTour } from '/work/main/sim/routing/tour.ts';
for (const blocks of [1, 3]) {
  const g = rectangularGeometry({ aisles: 40, spacing: 3, aisleLength: 60, blocks });
  const N = 1 << 16;
  const xs = new Float64Array(N), ys = new Float64Array(N);
  for (let i = 0; i < N; i++) { xs[i] = Math.floor(Math.random() * 40) * 3; ys[i] = Math.random() * 60; }
  let acc = 0;
  const calls = 50_000_000;
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) { const a = i & (N - 1), b = (i * 7919 + 13) & (N - 1); acc += pointDistance(g, xs[a]!, ys[a]!, xs[b]!, ys[b]!); }
  const dt = (performance.now() - t0) / 1000;
  console.log(`blocks=${blocks}: ${(calls / dt / 1e6).toFixed(1)} M calls/s`, acc > 0);
}
const g = rectangularGeometry({ aisles: 10, spacing: 3, aisleLength: 20 });
for (const h of ['return', 's-shape', 'largest-gap', 'nearest-neighbour'] as const) {
  const stops = Array.from({ length: 10 }, () => ({ x: Math.floor(Math.random() * 10) * 3, y: Math.random() * 20 }));
  const t0 = performance.now(); let k = 0;
  for (; k < 100000; k++) planTour(g, g.depot, stops, h);
  console.log(h, ((k / (performance.now() - t0)) * 1000 / 1000).toFixed(0), 'k tours/s (10 stops)');
}
