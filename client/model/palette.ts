/**
 * Colours of the floor view, as 0xRRGGBB. Chosen for a dark background and to stay apart for
 * the common colour-vision deficiencies (problems are warm, activity cool, "fine" muted).
 */
export const Colour = {
  background: 0x0d1117,
  ok: 0x2e7d4f,
  empty: 0x30363d,
  belowMin: 0xf0a030,
  overCapacity: 0xe5484d,
  onHold: 0xa371f7,
  counting: 0x39c5cf,
  variance: 0xff5fa2,
  zoneOutline: 0x8b949e,
  dock: 0x58a6ff,
  staging: 0x3fb950,
  qc: 0xa371f7,
  cold: 0x4aa8ff,
  hazmat: 0xff8c1a,
  ambient: 0x484f58,
  noData: 0x21262d,
} as const;

/** Colour of a worker marker by role; unknown roles get a stable colour from their name. */
export function roleColour(role: string): number {
  const known: Record<string, number> = {
    picker: 0xffd33d,
    putaway: 0x58a6ff,
    driver: 0x58a6ff,
    replenisher: 0x3fb950,
    counter: 0x39c5cf,
    receiver: 0xf778ba,
    packer: 0xd2a8ff,
    loader: 0xffa657,
    controller: 0xffffff,
  };
  const hit = known[role];
  if (hit !== undefined) return hit;
  let h = 0;
  for (let i = 0; i < role.length; i++) h = (h * 31 + role.charCodeAt(i)) >>> 0;
  return hslToRgb((h % 360) / 360, 0.7, 0.6);
}

/** Linear mix of two colours, t in [0, 1]. */
export function mix(a: number, b: number, t: number): number {
  const u = Math.max(0, Math.min(1, t));
  const ch = (s: number): number => Math.round(((a >> s) & 255) * (1 - u) + ((b >> s) & 255) * u);
  return (ch(16) << 16) | (ch(8) << 8) | ch(0);
}

/** A colour ramp through evenly spaced stops, t in [0, 1]. */
export function ramp(stops: readonly number[], t: number): number {
  if (stops.length === 0) return 0;
  if (stops.length === 1) return stops[0]!;
  const u = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(u));
  return mix(stops[i]!, stops[i + 1]!, u - i);
}

/** Heat ramp (dark → purple → orange → yellow) for frequencies and ages. */
export const HEAT = [0x1b1f3a, 0x5b2a86, 0xc2417a, 0xf28c38, 0xfde74c] as const;
/** Fill ramp (empty blue-grey → green → yellow); over capacity is drawn apart. */
export const FILL = [0x263447, 0x2b6f8f, 0x2e9e6a, 0xb8c93a, 0xf2d13a] as const;
/** Age ramp (fresh green → amber → red). */
export const AGE = [0x2e9e6a, 0xb8c93a, 0xf0a030, 0xe5484d] as const;

/** CSS hex text of a colour. */
export function css(c: number): string {
  return '#' + c.toString(16).padStart(6, '0');
}

function hslToRgb(h: number, s: number, l: number): number {
  const f = (n: number): number => {
    const k = (n + h * 12) % 12;
    const a = s * Math.min(l, 1 - l);
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return (f(0) << 16) | (f(8) << 8) | f(4);
}
