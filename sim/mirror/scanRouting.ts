// What a network run's feed router asks of a site's engine and of a raw scan (read only).
import type { Engine } from '../engineApi.ts';
import { worldOf } from '../engineWorld.ts';
import { parseScan } from '../gs1/parseScan.ts';
import { toWarehouseScan } from '../gs1/warehouseScan.ts';
import { mirror } from './mirrorState.ts';
import type { ScanSession } from './scanTypes.ts';

/**
 * Whether a device has a scan sequence under way at this engine's site (a location taken, the
 * rest to come): a network run routes the device's next item or quantity scan there. Reads only:
 * a world that never had a feed gets no mirror state from the question.
 */
export function scanInProgress(engine: Engine, device: string): boolean {
  const st = mirror.peek(worldOf(engine)) as { sessions?: Record<string, ScanSession> } | undefined;
  return st?.sessions?.[device]?.from !== undefined;
}

/**
 * The location a raw scan names, read as the scan session reads it (scanSession.ts): a GLN (AI
 * 414, with the bin in AI 254 when given), a bare bin label or text, or null for an item, a
 * keyed quantity or an unreadable scan. A network run routes a scan by it.
 */
export function scanLocation(raw: string): { gln?: string; bin?: string } | null {
  if (raw.trim() === '') return null;
  const r = parseScan(raw);
  if (!r.ok) return null;
  const s = toWarehouseScan(r);
  if (s?.gln !== undefined)
    return { gln: s.gln, ...(s.glnExtension === undefined ? {} : { bin: s.glnExtension }) };
  if (s?.binCode !== undefined) return { bin: s.binCode };
  return r.kind === 'text' ? { bin: r.text } : null;
}
