/** One series of a line chart. */
export interface Series {
  label: string;
  points: [number, number][];
}

/**
 * A small self-contained SVG line chart (no library: a few dozen lines, and the file opens in any
 * browser). Axes from the data's range; y is clamped to [yMin, yMax] when given.
 */
export function lineChartSvg(
  title: string,
  xLabel: string,
  yLabel: string,
  series: Series[],
  yMin?: number,
  yMax?: number,
): string {
  const W = 720;
  const H = 360;
  const m = { l: 60, r: 20, t: 36, b: 44 };
  const all = series.flatMap((s) => s.points);
  const x0 = Math.min(...all.map((p) => p[0]), 0);
  const x1 = Math.max(...all.map((p) => p[0]), 1);
  const y0 = yMin ?? Math.min(...all.map((p) => p[1]));
  const y1 = yMax ?? Math.max(...all.map((p) => p[1]));
  const sx = (x: number): number => m.l + ((x - x0) / (x1 - x0 || 1)) * (W - m.l - m.r);
  const sy = (y: number): number => H - m.b - ((y - y0) / (y1 - y0 || 1)) * (H - m.t - m.b);
  const colours = ['#2a6fdb', '#d9534f', '#5cb85c', '#f0ad4e'];
  const ticks = 5;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="15">${escape(title)}</text>`,
  ];
  for (let i = 0; i <= ticks; i++) {
    const y = y0 + ((y1 - y0) * i) / ticks;
    const x = x0 + ((x1 - x0) * i) / ticks;
    parts.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${sy(y)}" y2="${sy(y)}" stroke="#eee"/>`);
    parts.push(`<text x="${m.l - 6}" y="${sy(y) + 4}" text-anchor="end">${fmt(y)}</text>`);
    parts.push(`<text x="${sx(x)}" y="${H - m.b + 16}" text-anchor="middle">${fmt(x)}</text>`);
  }
  parts.push(`<text x="${W / 2}" y="${H - 8}" text-anchor="middle">${escape(xLabel)}</text>`);
  parts.push(
    `<text x="14" y="${H / 2}" transform="rotate(-90 14 ${H / 2})" text-anchor="middle">${escape(yLabel)}</text>`,
  );
  series.forEach((s, i) => {
    const c = colours[i % colours.length]!;
    const d = s.points
      .map(
        (p, k) =>
          `${k === 0 ? 'M' : 'L'}${sx(p[0]).toFixed(1)},${sy(Math.min(Math.max(p[1], y0), y1)).toFixed(1)}`,
      )
      .join('');
    parts.push(`<path d="${d}" fill="none" stroke="${c}" stroke-width="2"/>`);
    parts.push(
      `<text x="${W - m.r - 4}" y="${m.t + 14 + i * 16}" text-anchor="end" fill="${c}">${escape(s.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(1) : x.toFixed(3);
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
