import type { Migration, MigrationProvider } from 'kysely';
import * as core from './20261125T0800-core.js';
import * as phone from './20261203T0900-phone.js';

/** Every migration, by name; names sort in the order they run. Append, never edit or reorder. */
const migrations: Record<string, Migration> = {
  '20261125T0800-core': core,
  '20261203T0900-phone': phone,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
