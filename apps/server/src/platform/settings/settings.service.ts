import { SYSTEM_SCOPE, type Database, type Executor } from '../../db/client.js';
import { readSetting, writeSetting } from './settings.repo.js';

/**
 * Platform settings (key → JSON value), shared reference data every module may read through this
 * service (e.g. the wage parameters, the demo flag). Within a caller's transaction use `readIn` /
 * `writeIn`, so a write commits or rolls back with the use case that made it (and its audit entry).
 */
export class SettingsService {
  constructor(private readonly db: Database) {}

  get<T>(key: string): Promise<T | undefined> {
    return this.db.scoped(SYSTEM_SCOPE, (tx) => readSetting<T>(tx, key));
  }

  set(key: string, value: unknown): Promise<void> {
    return this.db.scoped(SYSTEM_SCOPE, (tx) => writeSetting(tx, key, value));
  }

  readIn<T>(tx: Executor, key: string): Promise<T | undefined> {
    return readSetting<T>(tx, key);
  }

  writeIn(tx: Executor, key: string, value: unknown): Promise<void> {
    return writeSetting(tx, key, value);
  }
}
