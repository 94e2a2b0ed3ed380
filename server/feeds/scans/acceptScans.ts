import type { ScanMessage } from '../../../sim/mirror/scanSession.ts';
import type { DeviceEntry } from '../devices.ts';
import { requireStep } from '../feedAuth.ts';
import type { FeedContext } from '../feedContext.ts';
import { HttpError } from '../../http/httpErrors.ts';

/** The answer for one scan, as sent to the device. */
export type ScanAnswer = Record<string, unknown> & { clientEventId: string; ok: boolean; duplicate: boolean };

/**
 * Checks every scan of a request against the device (its id, steps and roles: 403), then
 * submits them in order to the group-commit ingest; resolves when all are durable.
 */
export async function acceptScans(
  ctx: FeedContext,
  device: DeviceEntry,
  scans: ScanMessage[],
): Promise<ScanAnswer[]> {
  for (const s of scans) {
    if (s.device !== device.id)
      throw new HttpError(
        403,
        `scan ${s.clientEventId} names device ${s.device}, but the token is of ${device.id}`,
      );
    requireStep(device, s.step, s.role);
  }
  const acks = await Promise.all(
    scans.map((s) => ctx.ingest.submit(`scan:${s.device}:${s.clientEventId}`, { kind: 'scan', scan: s })),
  );
  return acks.map((a) => ({ ...(a.reply as ScanAnswer), duplicate: a.duplicate }));
}
