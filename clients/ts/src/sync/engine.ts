//! `SyncEngine`: one device's offline copy of one workspace — local writes go to an outbox
//! stamped with the HLC and show at once over the mirror; `sync()` pushes the outbox in
//! batches, then pulls the change feed from the stored cursor; `watch()` keeps it live (a
//! change on the subscription or a local write triggers a sync). The same rules as the Rust
//! reference client (`client/`): the server decides conflicts (per-field LWW by HLC), a
//! pushed batch is settled in one transaction, a pulled page with its cursor and clock in
//! another, `RESET_REQUIRED` drops the mirror and pulls again, and an outbox mutation whose
//! answer was lost (a crash) is pushed again with the same seq — the server answers it from
//! its stored result, so nothing applies twice.
//! Must never: hold business rules, read the system clock or randomness directly, or move
//! the cursor past a page it has not committed.
import { isValid as isUlid } from 'ulidx';

import { NotFoundError, ResetRequiredError, ValidationError } from '../api/errors.js';
import { ProtocolError } from '../api/lifeos-error.js';
import type { LifeosClient } from '../api/client.js';
import { contract, ENTITY_KINDS } from '../generated/contract.js';
import type { EntityKind } from '../generated/contract.js';
import { ChangesDocument, PushChangesDocument, WatchChangesDocument } from '../generated/graphql.js';
import type { PushChangesMutation, SyncOp } from '../generated/graphql.js';
import type { JsonObject } from '../generated/json.js';
import { instant, randomIds, systemClock } from './clock.js';
import type { Clock, IdSource } from './clock.js';
import type { SqliteDriver } from './driver.js';
import { formatHlc, observe, tick } from './hlc.js';
import { naturalIdOf } from './natural-id.js';
import { applyMutation, createdBy, merge } from './record.js';
import type { EntityRecord, PendingMutation, RejectedMutation } from './record.js';
import type { EncryptionKey } from './seal.js';
import { Serial } from './serial.js';
import { Store } from './store.js';
import type { StoreTx } from './store.js';
import { recordOf, toInput } from './wire.js';
import type { ChangeEntry } from './wire.js';

/** The most mutations one push carries by default (the server takes up to its contract's bound). */
export const PUSH_BATCH = 100;
/** The page size asked of `changes`. */
export const PULL_PAGE = 500;

export interface SyncEngineOptions {
  /** A signed-in API client (bearer token or cookie); the engine adds its device id. */
  readonly api: LifeosClient;
  /** Where the mirror lives (`BetterSqliteDriver` in Node). */
  readonly driver: SqliteDriver;
  /** The workspace to sync (default: the API client's, else the user's personal one). */
  readonly workspaceId?: string;
  /** Seal the mirror's content at rest (see `seal.ts` for what is protected). */
  readonly key?: EncryptionKey;
  readonly clock?: Clock;
  readonly ids?: IdSource;
  /** Mutations per push (1 to the server's bound; default 100). */
  readonly pushBatch?: number;
}

/** What one `sync()` did. */
export interface SyncReport {
  /** Outbox mutations the server acknowledged (applied or merged). */
  pushed: number;
  /** Outbox mutations the server refused (moved to `rejected`). */
  rejected: number;
  /** Change entries applied to the mirror. */
  pulled: number;
  /** The server could not serve the cursor: the mirror was rebuilt from scratch. */
  reset: boolean;
}

/** A running `watch()`. */
export interface WatchHandle {
  /** Ends live sync (a sync in flight finishes). */
  stop(): void;
  /** Resolves once no sync is running or scheduled. */
  idle(): Promise<void>;
}

type PushOutcome = PushChangesMutation['pushChanges'];
type Outcome = PushOutcome['results'][number];

function localError(Class: typeof ValidationError | typeof NotFoundError, message: string, field?: string): Error {
  const code = Class === ValidationError ? 'VALIDATION' : 'NOT_FOUND';
  return new Class({ message, extensions: { code, ...(field ? { field } : {}) } });
}

export class SyncEngine {
  private readonly listeners = new Set<() => void>();
  private readonly syncing = new Serial();
  private readonly writeListeners = new Set<() => void>();
  /** The last seq whose push result is settled here (sent as `acknowledgedSeq`); none yet this run. */
  private acknowledgedSeq: number | null = null;

  private constructor(
    private readonly store: Store,
    private api: LifeosClient,
    readonly clientId: string,
    private workspaceId: string | null,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly pushBatch: number,
  ) {}

  /** Opens (or creates) the mirror on `driver`. Does not contact the server. */
  static async open(options: SyncEngineOptions): Promise<SyncEngine> {
    const ids = options.ids ?? randomIds();
    const store = await Store.open(options.driver, () => ids.ulid(), options.key);
    const wanted = options.workspaceId ?? options.api.workspaceId ?? null;
    const meta = await store.transaction(async (tx) => {
      const meta = await tx.meta();
      if (wanted !== null && meta.workspaceId !== null && meta.workspaceId !== wanted) {
        throw localError(ValidationError, `this local database mirrors workspace ${meta.workspaceId}, not ${wanted}`, 'workspaceId');
      }
      if (wanted !== null && meta.workspaceId === null) await tx.setWorkspace(wanted);
      return meta;
    });
    const workspaceId = meta.workspaceId ?? wanted;
    const batch = Math.min(Math.max(1, options.pushBatch ?? PUSH_BATCH), contract.sync.maxPushMutations);
    const api = workspaceId ? options.api.inWorkspace(workspaceId).forDevice(meta.clientId) : options.api.forDevice(meta.clientId);
    return new SyncEngine(store, api, meta.clientId, workspaceId, options.clock ?? systemClock, ids, batch);
  }

  /** Calls `listener` whenever the local view may have changed; returns an unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A fresh entity id (a ULID). */
  newId(): string {
    return this.ids.ulid();
  }

  /** The workspace this mirror belongs to (null until known: give it, or sync once). */
  get workspace(): string | null {
    return this.workspaceId;
  }

  // --- local API: never touches the network ---

  /**
   * Creates an entity: at its natural id for kinds with a natural key (two devices creating
   * "the same" one address one entity), else at a new ULID. Returns the local view.
   */
  async create(kind: EntityKind, fields: JsonObject): Promise<EntityRecord> {
    this.checkKind(kind);
    let id: string | null;
    try {
      id = naturalIdOf(kind, this.workspaceId ?? '', fields);
    } catch (error) {
      throw localError(ValidationError, error instanceof Error ? error.message : String(error), 'fields');
    }
    if (id !== null && this.workspaceId === null) {
      throw localError(ValidationError, `${kind} ids derive from the workspace: sync once (or give workspaceId) first`, 'workspaceId');
    }
    return this.upsert(kind, id ?? this.newId(), fields);
  }

  /** Creates `id` or edits the given fields of it (a partial object of camelCase fields). */
  upsert(kind: EntityKind, id: string, fields: JsonObject): Promise<EntityRecord> {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      return Promise.reject(localError(ValidationError, 'fields must be a JSON object', 'fields'));
    }
    return this.write(kind, id, 'UPSERT', fields);
  }

  /** Soft-deletes an entity known locally. */
  delete(kind: EntityKind, id: string): Promise<EntityRecord> {
    return this.write(kind, id, 'DELETE', null);
  }

  /** Restores a soft-deleted entity known locally. */
  restore(kind: EntityKind, id: string): Promise<EntityRecord> {
    return this.write(kind, id, 'RESTORE', null);
  }

  /** One entity as the user sees it (deleted ones included, with `deletedAt` set). */
  get(kind: EntityKind, id: string): Promise<EntityRecord | null> {
    return this.store.transaction(async (tx) => merge(await tx.getEntity(kind, id), await tx.pendingFor(kind, id)));
  }

  /** Every entity of a kind as the user sees it, by id. */
  list(kind: EntityKind, options: { includeDeleted?: boolean } = {}): Promise<EntityRecord[]> {
    return this.store.transaction(async (tx) => {
      const [rows, pending] = [await tx.listEntities(kind), await tx.pendingOfKind(kind)];
      const byId = new Map<string, PendingMutation[]>();
      for (const mutation of pending) byId.set(mutation.entityId, [...(byId.get(mutation.entityId) ?? []), mutation]);
      const records: EntityRecord[] = [];
      for (const row of rows) {
        const view = merge(row, byId.get(row.id) ?? []);
        byId.delete(row.id);
        if (view) records.push(view);
      }
      for (const mutations of byId.values()) {
        const view = merge(null, mutations);
        if (view) records.push(view);
      }
      return records.filter((r) => options.includeDeleted || r.deletedAt === null).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    });
  }

  /** Mutations waiting to be pushed, oldest first. */
  pending(): Promise<PendingMutation[]> {
    return this.store.transaction((tx) => tx.batch());
  }

  /** Mutations the server refused as invalid. */
  rejected(): Promise<RejectedMutation[]> {
    return this.store.transaction((tx) => tx.rejected());
  }

  /** The feed position the mirror has reached (null: nothing pulled yet). */
  async cursor(): Promise<string | null> {
    return (await this.store.transaction((tx) => tx.meta())).cursor;
  }

  // --- sync ---

  /** Pushes every pending mutation, then pulls until the mirror is up to date. */
  sync(): Promise<SyncReport> {
    return this.syncing.run(async () => {
      await this.resolveWorkspace();
      const [pushed, rejected] = await this.pushOutbox();
      const [pulled, reset] = await this.pullChanges();
      return { pushed, rejected, pulled, reset };
    });
  }

  /** Pushes every pending mutation (no pull). */
  push(): Promise<SyncReport> {
    return this.syncing.run(async () => {
      await this.resolveWorkspace();
      const [pushed, rejected] = await this.pushOutbox();
      return { pushed, rejected, pulled: 0, reset: false };
    });
  }

  /**
   * Live sync: syncs now, then again whenever the `changes` subscription delivers an entry
   * or a local write is made (coalesced: at most one sync runs and one waits). A dropped
   * subscription is opened again from the stored cursor.
   */
  watch(options: { onError?: (error: unknown) => void } = {}): WatchHandle {
    let stopped = false;
    let running: Promise<void> | null = null;
    let again = false;
    const report = (error: unknown): void => options.onError?.(error);
    const schedule = (): void => {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = (async () => {
        do {
          again = false;
          try {
            await this.sync();
          } catch (error) {
            report(error);
          }
        } while (again && !stopped);
        running = null;
      })();
    };
    let unsubscribe: (() => void) | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let failures = 0;
    const subscribe = async (): Promise<void> => {
      if (stopped) return;
      const after = await this.cursor();
      unsubscribe = this.api.subscribe(WatchChangesDocument, { after }, {
        next: () => {
          failures = 0;
          schedule();
        },
        error: (error) => {
          report(error);
          resubscribe();
        },
        complete: () => resubscribe(),
      });
    };
    const resubscribe = (): void => {
      unsubscribe = null;
      if (stopped || retry) return;
      failures += 1;
      const delay = Math.min(30_000, 250 * 2 ** Math.min(failures, 7));
      retry = setTimeout(() => {
        retry = null;
        subscribe().catch(report);
      }, delay);
    };
    const onWrite = (): void => schedule();
    this.writeListeners.add(onWrite);
    schedule();
    subscribe().catch(report);
    return {
      stop: () => {
        stopped = true;
        this.writeListeners.delete(onWrite);
        if (retry) clearTimeout(retry);
        unsubscribe?.();
      },
      idle: async () => {
        while (running) await running;
      },
    };
  }

  /** Closes the database and the API client's socket. Pending mutations stay for next time. */
  async close(): Promise<void> {
    this.api.close();
    await this.syncing.run(() => this.store.close());
  }

  private async resolveWorkspace(): Promise<void> {
    if (this.workspaceId !== null) return;
    const me = await this.api.me();
    const personal = me.workspaces.find((w) => w.kind === 'personal') ?? me.workspaces[0];
    if (!personal) throw new ProtocolError('the signed-in user has no workspace');
    await this.store.transaction((tx) => tx.setWorkspace(personal.id));
    this.workspaceId = personal.id;
    this.api = this.api.inWorkspace(personal.id).forDevice(this.clientId);
  }

  private checkKind(kind: string): asserts kind is EntityKind {
    if (!(ENTITY_KINDS as readonly string[]).includes(kind)) {
      throw localError(ValidationError, `${JSON.stringify(kind)} is not a registered entity kind`, 'entityType');
    }
  }

  private async write(kind: EntityKind, id: string, op: SyncOp, fields: JsonObject | null): Promise<EntityRecord> {
    this.checkKind(kind);
    if (!isUlid(id)) throw localError(ValidationError, `entity id ${JSON.stringify(id)} is not a ULID`, 'id');
    const record = await this.store.transaction(async (tx) => {
      const base = await tx.getEntity(kind, id);
      const pending = await tx.pendingFor(kind, id);
      const notFound = (): Error => localError(NotFoundError, `no ${kind} ${id} here`);
      if (op !== 'UPSERT' && merge(base, pending) === null) throw notFound();
      const meta = await tx.meta();
      const hlc = { ...meta.hlc };
      const now = this.clock.nowMillis();
      const mutation: PendingMutation = {
        seq: meta.nextSeq,
        mutationId: this.ids.ulid(),
        entityType: kind,
        entityId: id,
        op,
        fields,
        baseVersion: base?.version ?? null,
        hlc: formatHlc(tick(hlc, now, meta.clientId)),
        clientUpdatedAt: instant(now),
      };
      await tx.insertMutation(mutation);
      await tx.setClock(meta.nextSeq + 1, hlc);
      const view = merge(base, [...pending, mutation]);
      if (view === null) throw notFound();
      return view;
    });
    for (const listener of this.writeListeners) listener();
    this.changed();
    return record;
  }

  private async pushOutbox(): Promise<[number, number]> {
    let [pushed, rejected] = [0, 0];
    for (;;) {
      const batch = await this.store.transaction((tx) => tx.batch(this.pushBatch));
      if (batch.length === 0) return [pushed, rejected];
      const input = { clientId: this.clientId, mutations: batch.map(toInput), acknowledgedSeq: this.acknowledgedSeq };
      const outcome = (await this.api.request(PushChangesDocument, { input })).pushChanges;
      const [acknowledged, refused, settled] = await this.store.transaction(async (tx) => {
        const counts = await settle(tx, batch, outcome);
        return [...counts, await settledUpTo(tx, outcome.lastSeq)] as const;
      });
      // Settled and committed: every result up to `settled` is applied here.
      this.acknowledgedSeq = settled;
      if (acknowledged + refused === 0) {
        throw new ProtocolError(`a push of ${batch.length} mutations neither applied nor rejected any: ${JSON.stringify(outcome)}`);
      }
      pushed += acknowledged;
      rejected += refused;
      this.changed();
    }
  }

  private async pullChanges(): Promise<[number, boolean]> {
    let cursor = await this.cursor();
    let [pulled, reset] = [0, false];
    for (;;) {
      let page;
      try {
        page = (await this.api.request(ChangesDocument, { after: cursor, limit: PULL_PAGE })).changes;
      } catch (error) {
        if (!(error instanceof ResetRequiredError) || reset) throw error;
        // The server cannot serve our cursor: rebuild the mirror (the outbox is kept).
        await this.store.transaction(async (tx) => {
          await tx.clearEntities();
          await tx.setCursor(null);
        });
        this.changed();
        [cursor, reset] = [null, true];
        continue;
      }
      pulled += await this.applyChanges(page.entries, page.cursor);
      if (!page.hasMore) return [pulled, reset];
      cursor = page.cursor;
    }
  }

  /** Applies change entries and moves the cursor to `cursor`, in one transaction. */
  private async applyChanges(entries: readonly ChangeEntry[], cursor: string): Promise<number> {
    await this.store.transaction(async (tx) => {
      const meta = await tx.meta();
      const hlc = { ...meta.hlc };
      for (const entry of entries) {
        await tx.putEntity(recordOf(entry));
        const at = Date.parse(entry.updatedAt);
        if (Number.isFinite(at)) observe(hlc, at);
      }
      await tx.setClock(meta.nextSeq, hlc);
      await tx.setCursor(cursor);
    });
    if (entries.length > 0) this.changed();
    return entries.length;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The last seq whose result is settled here, given the server's `lastSeq`: below the oldest still pending. */
async function settledUpTo(tx: StoreTx, lastSeq: number): Promise<number> {
  const [oldest] = await tx.batch(1);
  return oldest !== undefined && oldest.seq <= lastSeq ? oldest.seq - 1 : lastSeq;
}

/**
 * Records the server's verdicts on `batch`: acknowledged mutations leave the outbox (and are
 * laid on the mirror row until the pull brings it), rejected ones move to `rejected`,
 * skipped ones stay to be pushed again. Returns [acknowledged, rejected].
 */
async function settle(tx: StoreTx, batch: readonly PendingMutation[], outcome: PushOutcome): Promise<[number, number]> {
  const bySeq = new Map(batch.map((m) => [m.seq, m]));
  let [acknowledged, refused] = [0, 0];
  for (const result of outcome.results) {
    const mutation = bySeq.get(result.seq);
    if (!mutation) continue;
    switch (result.status) {
      // Also a replayed seq (applied by an earlier push whose answer was lost).
      case 'APPLIED':
      case 'MERGED':
        await tx.removeMutation(mutation.seq);
        await acknowledge(tx, mutation, result);
        acknowledged += 1;
        break;
      case 'REJECTED':
        await tx.rejectMutation({ mutation, code: result.code ?? 'REJECTED', field: result.field ?? null, message: result.message ?? '' });
        refused += 1;
        break;
      default:
        break;
    }
  }
  return [acknowledged, refused];
}

/**
 * Lays an acknowledged mutation on its mirror row (without the registers it lost), at the
 * version the server reported, unless the mirror already holds that version.
 */
async function acknowledge(tx: StoreTx, mutation: PendingMutation, result: Outcome): Promise<void> {
  const version = result.version;
  if (version === null || version === undefined) return;
  const base = await tx.getEntity(mutation.entityType, mutation.entityId);
  if (base && base.version >= version) return;
  const row = base ?? (mutation.op === 'UPSERT' ? createdBy(mutation) : null);
  if (!row) return;
  const lost = [...result.lostFields];
  if (result.status === 'MERGED' && mutation.op !== 'UPSERT') lost.push('deletedAt');
  await tx.putEntity({ ...applyMutation(row, mutation, lost), version });
}
