import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { openJsonStore } from '../live/openJsonStore.ts';
import type { Low } from 'lowdb';

/** Schema version of devices.json. */
export const DEVICES_SCHEMA_VERSION = 1;

/** A registered scanner or WMS connection; only the token's hash is stored. */
export interface DeviceEntry {
  id: string;
  label: string;
  sha256: string;
  /** Roles its users may act in (receiver, putaway, picker …); empty = any. */
  roles: string[];
  /** Task steps it may send (receive, putaway, pick, replenish, move, count, epcis). */
  steps: string[];
  revoked: boolean;
  createdAt: string;
  /** The site of a network run it works at (its scans go there unless they name another site's location). */
  site?: string;
}

interface DevicesData {
  schemaVersion: number;
  devices: DeviceEntry[];
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** The device registry (lowdb, like the server's settings): register, revoke, authenticate. */
export class DeviceRegistry {
  private byHash = new Map<string, DeviceEntry>();
  private readonly retired: ((id: string) => void)[] = [];

  private constructor(private readonly db: Low<DevicesData>) {
    this.index();
  }

  /** Opens devices.json (created empty). */
  static async open(file: string): Promise<DeviceRegistry> {
    const db = await openJsonStore<DevicesData>(file, {
      schemaVersion: DEVICES_SCHEMA_VERSION,
      devices: [],
    });
    if (db.data.schemaVersion !== DEVICES_SCHEMA_VERSION)
      throw new Error(
        `${file}: schemaVersion ${String(db.data.schemaVersion)} is not ${DEVICES_SCHEMA_VERSION}`,
      );
    await db.write();
    return new DeviceRegistry(db);
  }

  private index(): void {
    this.byHash = new Map(this.db.data.devices.map((d) => [d.sha256, d]));
  }

  /** Registers (or re-keys) a device and returns its new token, shown once; `site`: a network run's site. */
  async register(
    id: string,
    steps: string[],
    roles: string[] = [],
    label = id,
    site?: string,
  ): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    const entry: DeviceEntry = {
      id,
      label,
      sha256: sha256(token),
      roles,
      steps,
      revoked: false,
      createdAt: new Date().toISOString(),
      ...(site === undefined ? {} : { site }),
    };
    const existed = this.db.data.devices.some((d) => d.id === id);
    this.db.data.devices = [...this.db.data.devices.filter((d) => d.id !== id), entry];
    await this.db.write();
    this.index();
    // Re-keying retires the old token: connections opened with it must not carry on.
    if (existed) this.announce(id);
    return token;
  }

  /** Revokes a device's token; false when the id is unknown. */
  async revoke(id: string): Promise<boolean> {
    const d = this.db.data.devices.find((x) => x.id === id);
    if (!d) return false;
    d.revoked = true;
    await this.db.write();
    this.index();
    this.announce(id);
    return true;
  }

  /** Calls `listener(id)` whenever a device's token stops being valid (revoked or re-keyed). */
  onRetired(listener: (id: string) => void): void {
    this.retired.push(listener);
  }

  private announce(id: string): void {
    for (const l of this.retired) l(id);
  }

  /** The device a token belongs to, or null for an unknown or revoked token. */
  authenticate(token: unknown): DeviceEntry | null {
    if (typeof token !== 'string' || token === '') return null;
    const h = sha256(token);
    const d = this.byHash.get(h);
    if (!d || d.revoked) return null;
    return timingSafeEqual(Buffer.from(d.sha256), Buffer.from(h)) ? d : null;
  }

  /** A device by id (revoked ones too), or undefined. */
  get(id: string): DeviceEntry | undefined {
    return this.db.data.devices.find((d) => d.id === id);
  }

  /** Every device (without token hashes). */
  list(): Omit<DeviceEntry, 'sha256'>[] {
    return this.db.data.devices.map(({ sha256: _h, ...rest }) => rest);
  }
}
