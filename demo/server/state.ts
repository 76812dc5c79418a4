import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OfficeData } from './backoffice.ts';

/** The demo tenant on one hub: its API key (shown once by the hub) and the store's data. */
export interface DemoTenant {
  tenantId: string;
  apiKey: string;
  name: string;
  office?: OfficeData;
}

/**
 * The demo's state file (`.aviso/demo.json`): one demo tenant per hub URL, so pointing the demo at
 * another hub makes a tenant there and coming back finds the first one again. It holds an API key,
 * so it is written for its owner only.
 */
export class DemoState {
  constructor(
    readonly file: string,
    private readonly hubUrl: string,
  ) {}

  private readAll(): Record<string, DemoTenant> {
    try {
      return existsSync(this.file) ? JSON.parse(readFileSync(this.file, 'utf8')) : {};
    } catch {
      // A damaged file costs a new demo tenant, not a demo that cannot start.
      return {};
    }
  }

  /** The tenant saved for this hub, if any. */
  load(): DemoTenant | undefined {
    const saved = this.readAll()[this.hubUrl];
    return saved && typeof saved.apiKey === 'string' ? saved : undefined;
  }

  /** Saves this hub's tenant, leaving the other hubs' entries as they are. */
  save(tenant: DemoTenant): void {
    const all = this.readAll();
    all[this.hubUrl] = tenant;
    mkdirSync(dirname(this.file), { recursive: true });
    // Written aside then renamed: a crash mid-write never leaves half a file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(all, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
