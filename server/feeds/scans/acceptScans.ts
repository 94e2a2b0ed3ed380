import type { ScanMessage } from '../../../sim/mirrorApi.ts';
import type { DeviceEntry } from '../devices.ts';
import { requireStep } from '../feedAuth.ts';
import type { FeedCore } from '../feedContext.ts';
import { timeProblem } from '../feedPolicy.ts';
import { HttpError } from '../../http/httpErrors.ts';

/** The answer for one scan, as sent to the device. */
export type ScanAnswer = Record<string, unknown> & { clientEventId: string; ok: boolean; duplicate: boolean };

/**
 * Checks every scan of a request against the device (its id, steps and roles: 403), then
 * submits them in order to the group-commit ingest; resolves when all are durable.
 */
export async function acceptScans(
  ctx: FeedCore,
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
  // A device clock outside the window is flagged, not refused: the scan is real work done now
  // (the journal orders by arrival), only the device's clock is wrong.
  const now = Date.now();
  return acks.map((a, i) => {
    const clock = timeProblem(scans[i]!.deviceTime, ctx.policy, now);
    if (clock)
      ctx.log.warn(
        { device: device.id, clientEventId: scans[i]!.clientEventId, clock },
        'device clock outside the window',
      );
    return {
      ...(a.reply as ScanAnswer),
      duplicate: a.duplicate,
      ...(clock ? { clockWarning: `deviceTime ${clock}` } : {}),
    };
  });
}
