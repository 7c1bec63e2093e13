//! The local database behind a `SqliteDriver`: opening and migrating it, the one-row `meta`
//! (client id, workspace, cursor, next outbox seq, HLC state, key check), the `entities`
//! mirror, the `outbox` and `rejected` tables. Every use runs in one transaction, one at a
//! time (`Serial`), so a pulled page, its cursor and the advanced clock commit together.
//! Content columns go through the `Sealer` (encryption at rest when a key is set).
import type { EntityKind } from '../generated/contract.js';
import type { SyncOp } from '../generated/graphql.js';
import type { JsonObject } from '../generated/json.js';
import type { HlcState } from './hlc.js';
import type { EntityRecord, PendingMutation, RejectedMutation } from './record.js';
import { SCHEMA, SCHEMA_VERSION } from './schema.js';
import { AesGcmSealer, newSalt, PlainText, WrongKeyError } from './seal.js';
import type { EncryptionKey, Sealer } from './seal.js';
import type { SqliteDriver, SqlValue } from './driver.js';
import { Serial } from './serial.js';

/** The device's identity and sync position. */
export interface Meta {
  readonly clientId: string;
  readonly workspaceId: string | null;
  readonly cursor: string | null;
  readonly nextSeq: number;
  readonly hlc: HlcState;
}

/** The local file is not a mirror this engine can read. */
export class CorruptStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptStoreError';
  }
}

const KEY_CHECK = 'lifeos-mirror-key-check';
const ENTITY_COLUMNS = 'entity_type, id, created_at, updated_at, deleted_at, version, fields';
const MUTATION_COLUMNS = 'seq, mutation_id, entity_type, entity_id, op, fields, base_version, hlc, client_updated_at';

type Row = Record<string, SqlValue>;

const text = (row: Row, column: string): string => {
  const value = row[column];
  if (typeof value !== 'string') throw new CorruptStoreError(`column ${column} is not text`);
  return value;
};
const maybeText = (row: Row, column: string): string | null => (row[column] === null ? null : text(row, column));
const integer = (row: Row, column: string): number => {
  const value = row[column];
  if (typeof value !== 'number') throw new CorruptStoreError(`column ${column} is not an integer`);
  return value;
};
const maybeInteger = (row: Row, column: string): number | null => (row[column] === null ? null : integer(row, column));

function parseObject(json: string): JsonObject {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CorruptStoreError('fields are not a JSON object');
  return value as JsonObject;
}

/** The store as one transaction sees it. */
export class StoreTx {
  constructor(
    private readonly driver: SqliteDriver,
    private readonly sealer: Sealer,
  ) {}

  async meta(): Promise<Meta> {
    const [row] = await this.driver.all('SELECT client_id, workspace_id, cursor, next_seq, hlc_millis, hlc_counter FROM meta WHERE singleton = 1');
    if (!row) throw new CorruptStoreError('the meta row is missing');
    return {
      clientId: text(row, 'client_id'),
      workspaceId: maybeText(row, 'workspace_id'),
      cursor: maybeText(row, 'cursor'),
      nextSeq: integer(row, 'next_seq'),
      hlc: { millis: integer(row, 'hlc_millis'), counter: integer(row, 'hlc_counter') },
    };
  }

  async setCursor(cursor: string | null): Promise<void> {
    await this.driver.run('UPDATE meta SET cursor = ? WHERE singleton = 1', [cursor]);
  }

  async setWorkspace(workspaceId: string): Promise<void> {
    await this.driver.run('UPDATE meta SET workspace_id = ? WHERE singleton = 1', [workspaceId]);
  }

  async setClock(nextSeq: number, hlc: HlcState): Promise<void> {
    await this.driver.run('UPDATE meta SET next_seq = ?, hlc_millis = ?, hlc_counter = ? WHERE singleton = 1', [nextSeq, hlc.millis, hlc.counter]);
  }

  // --- the mirror ---

  private async entity(row: Row): Promise<EntityRecord> {
    const [entityType, id] = [text(row, 'entity_type') as EntityKind, text(row, 'id')];
    return {
      entityType,
      id,
      createdAt: text(row, 'created_at'),
      updatedAt: text(row, 'updated_at'),
      deletedAt: maybeText(row, 'deleted_at'),
      version: integer(row, 'version'),
      fields: parseObject(await this.sealer.open(text(row, 'fields'), `entity:${entityType}:${id}`)),
      pending: 0,
    };
  }

  async getEntity(kind: EntityKind, id: string): Promise<EntityRecord | null> {
    const [row] = await this.driver.all(`SELECT ${ENTITY_COLUMNS} FROM entities WHERE entity_type = ? AND id = ?`, [kind, id]);
    return row ? this.entity(row) : null;
  }

  async listEntities(kind: EntityKind): Promise<EntityRecord[]> {
    const rows = await this.driver.all(`SELECT ${ENTITY_COLUMNS} FROM entities WHERE entity_type = ? ORDER BY id`, [kind]);
    return Promise.all(rows.map((row) => this.entity(row)));
  }

  /** Writes `record` unless the mirror holds a newer version; true if written. */
  async putEntity(record: EntityRecord): Promise<boolean> {
    const fields = await this.sealer.seal(JSON.stringify(record.fields), `entity:${record.entityType}:${record.id}`);
    const changed = await this.driver.run(
      `INSERT INTO entities (${ENTITY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (entity_type, id) DO UPDATE SET
         created_at = excluded.created_at, updated_at = excluded.updated_at,
         deleted_at = excluded.deleted_at, version = excluded.version, fields = excluded.fields
       WHERE excluded.version >= entities.version`,
      [record.entityType, record.id, record.createdAt, record.updatedAt, record.deletedAt, record.version, fields],
    );
    return changed > 0;
  }

  /** Drops every mirrored row (a reset; the outbox is kept). */
  async clearEntities(): Promise<void> {
    await this.driver.run('DELETE FROM entities');
  }

  // --- the outbox ---

  private async mutation(row: Row): Promise<PendingMutation> {
    const mutationId = text(row, 'mutation_id');
    const sealed = maybeText(row, 'fields');
    const op = text(row, 'op');
    if (op !== 'UPSERT' && op !== 'DELETE' && op !== 'RESTORE') throw new CorruptStoreError(`unknown op ${op}`);
    return {
      seq: integer(row, 'seq'),
      mutationId,
      entityType: text(row, 'entity_type') as EntityKind,
      entityId: text(row, 'entity_id'),
      op: op satisfies SyncOp,
      fields: sealed === null ? null : parseObject(await this.sealer.open(sealed, `mutation:${mutationId}`)),
      baseVersion: maybeInteger(row, 'base_version'),
      hlc: text(row, 'hlc'),
      clientUpdatedAt: text(row, 'client_updated_at'),
    };
  }

  private async mutations(filter: string, params: readonly SqlValue[]): Promise<PendingMutation[]> {
    const rows = await this.driver.all(`SELECT ${MUTATION_COLUMNS} FROM outbox ${filter}`, params);
    return Promise.all(rows.map((row) => this.mutation(row)));
  }

  async insertMutation(m: PendingMutation): Promise<void> {
    const fields = m.fields === null ? null : await this.sealer.seal(JSON.stringify(m.fields), `mutation:${m.mutationId}`);
    await this.driver.run(`INSERT INTO outbox (${MUTATION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      m.seq,
      m.mutationId,
      m.entityType,
      m.entityId,
      m.op,
      fields,
      m.baseVersion,
      m.hlc,
      m.clientUpdatedAt,
    ]);
  }

  pendingFor(kind: EntityKind, id: string): Promise<PendingMutation[]> {
    return this.mutations('WHERE entity_type = ? AND entity_id = ? ORDER BY seq', [kind, id]);
  }

  pendingOfKind(kind: EntityKind): Promise<PendingMutation[]> {
    return this.mutations('WHERE entity_type = ? ORDER BY seq', [kind]);
  }

  /** The oldest `limit` pending mutations (all when absent). */
  batch(limit = -1): Promise<PendingMutation[]> {
    return this.mutations('ORDER BY seq LIMIT ?', [limit]);
  }

  async removeMutation(seq: number): Promise<void> {
    await this.driver.run('DELETE FROM outbox WHERE seq = ?', [seq]);
  }

  /** Moves a refused mutation from the outbox to `rejected`. */
  async rejectMutation(rejected: RejectedMutation): Promise<void> {
    const message = await this.sealer.seal(rejected.message, `rejected:${rejected.mutation.mutationId}`);
    const moved = await this.driver.run(
      `INSERT INTO rejected (${MUTATION_COLUMNS}, code, field, message) SELECT ${MUTATION_COLUMNS}, ?, ?, ? FROM outbox WHERE seq = ?`,
      [rejected.code, rejected.field, message, rejected.mutation.seq],
    );
    if (moved === 1) await this.removeMutation(rejected.mutation.seq);
  }

  async rejected(): Promise<RejectedMutation[]> {
    const rows = await this.driver.all(`SELECT ${MUTATION_COLUMNS}, code, field, message FROM rejected ORDER BY seq`);
    return Promise.all(
      rows.map(async (row) => {
        const mutation = await this.mutation(row);
        return {
          mutation,
          code: text(row, 'code'),
          field: maybeText(row, 'field'),
          message: await this.sealer.open(text(row, 'message'), `rejected:${mutation.mutationId}`),
        };
      }),
    );
  }
}

export class Store {
  private readonly serial = new Serial();

  private constructor(
    private readonly driver: SqliteDriver,
    private readonly sealer: Sealer,
  ) {}

  /**
   * Opens (creating and migrating) the store; `newClientId` runs only for a new file. With
   * `key`, content is sealed; a file created with a key refuses to open without the same one
   * (and one created without a key refuses a key).
   */
  static async open(driver: SqliteDriver, newClientId: () => string, key?: EncryptionKey): Promise<Store> {
    const [{ user_version: version } = { user_version: 0 }] = await driver.all<{ user_version: number }>('PRAGMA user_version');
    if (version === 0) {
      const salt = key ? newSalt() : null;
      const sealer = key ? await AesGcmSealer.derive(key, salt ?? '') : PlainText;
      const check = key ? await sealer.seal(KEY_CHECK, 'key-check') : null;
      await driver.exec('BEGIN IMMEDIATE');
      try {
        await driver.exec(SCHEMA);
        await driver.run(
          'INSERT INTO meta (singleton, client_id, next_seq, hlc_millis, hlc_counter, key_salt, key_check) VALUES (1, ?, 1, 0, 0, ?, ?)',
          [newClientId(), salt, check],
        );
        await driver.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
        await driver.exec('COMMIT');
      } catch (error) {
        await driver.exec('ROLLBACK');
        throw error;
      }
      return new Store(driver, sealer);
    }
    if (version !== SCHEMA_VERSION) throw new CorruptStoreError(`unknown local schema version ${version}`);
    const [row] = await driver.all('SELECT key_salt, key_check FROM meta WHERE singleton = 1');
    if (!row) throw new CorruptStoreError('the meta row is missing');
    const [salt, check] = [maybeText(row, 'key_salt'), maybeText(row, 'key_check')];
    if ((check === null) !== (key === undefined)) throw new WrongKeyError();
    if (!key || salt === null || check === null) return new Store(driver, PlainText);
    const sealer = await AesGcmSealer.derive(key, salt);
    if ((await sealer.open(check, 'key-check')) !== KEY_CHECK) throw new WrongKeyError();
    return new Store(driver, sealer);
  }

  /** Runs `work` in one transaction (committed if it resolves), after every earlier one. */
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.serial.run(async () => {
      await this.driver.exec('BEGIN IMMEDIATE');
      try {
        const value = await work(new StoreTx(this.driver, this.sealer));
        await this.driver.exec('COMMIT');
        return value;
      } catch (error) {
        await this.driver.exec('ROLLBACK');
        throw error;
      }
    });
  }

  close(): Promise<void> {
    return this.serial.run(() => this.driver.close());
  }
}
