//! Local data shapes — the mirrored row, a pending outbox mutation, a rejected one — and how
//! pending mutations lay over a row for local reads; a port of the Rust client's `record.rs`
//! (same rules: an edit also writes "alive", a delete/restore only the deletion register, a
//! lost field keeps the server's value). Pure: no SQL, no I/O.
import type { EntityKind } from '../generated/contract.js';
import type { SyncOp } from '../generated/graphql.js';
import type { JsonObject } from '../generated/json.js';

/** One entity as this device sees it: the mirrored server row with pending edits on top. */
export interface EntityRecord {
  readonly entityType: EntityKind;
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Set when soft-deleted (RFC 3339, UTC). */
  readonly deletedAt: string | null;
  /** The server version this row is based on (0: not yet seen by the server). */
  readonly version: number;
  /** The kind's own fields, camelCase, as the server sends them. */
  readonly fields: JsonObject;
  /** How many outbox mutations are laid over this view. */
  readonly pending: number;
}

/** A mutation waiting in the outbox. */
export interface PendingMutation {
  readonly seq: number;
  readonly mutationId: string;
  readonly entityType: EntityKind;
  readonly entityId: string;
  readonly op: SyncOp;
  /** UPSERT only: the fields written. */
  readonly fields: JsonObject | null;
  readonly baseVersion: number | null;
  /** The HLC stamp, in its wire form. */
  readonly hlc: string;
  readonly clientUpdatedAt: string;
}

/** A mutation the server refused as invalid: kept for the user to see, never pushed again. */
export interface RejectedMutation {
  readonly mutation: PendingMutation;
  readonly code: string;
  readonly field: string | null;
  readonly message: string;
}

/** The later of two RFC 3339 instants (the first on a tie or an unreadable one). */
function later(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** `row` with `mutation` laid on, leaving out `lost` fields (ones the server kept). */
export function applyMutation(row: EntityRecord, mutation: PendingMutation, lost: readonly string[] = []): EntityRecord {
  const wins = (field: string): boolean => !lost.includes(field);
  let fields = row.fields;
  let deletedAt = row.deletedAt;
  switch (mutation.op) {
    case 'UPSERT':
      fields = { ...row.fields };
      for (const [key, value] of Object.entries(mutation.fields ?? {})) if (wins(key)) fields[key] = value;
      // An edit writes "alive" too: it resurrects a row it is later than.
      if (wins('deletedAt')) deletedAt = null;
      break;
    case 'DELETE':
      if (wins('deletedAt')) deletedAt = mutation.clientUpdatedAt;
      break;
    case 'RESTORE':
      if (wins('deletedAt')) deletedAt = null;
      break;
  }
  return { ...row, fields, deletedAt, updatedAt: later(row.updatedAt, mutation.clientUpdatedAt) };
}

/** A row for an entity first written by `mutation` (an UPSERT of an unknown id creates it). */
export function createdBy(mutation: PendingMutation): EntityRecord {
  return {
    entityType: mutation.entityType,
    id: mutation.entityId,
    createdAt: mutation.clientUpdatedAt,
    updatedAt: mutation.clientUpdatedAt,
    deletedAt: null,
    version: 0,
    fields: {},
    pending: 0,
  };
}

/** The local view of one entity: `base` (the mirror row) with `pending` (in seq order) on top. */
export function merge(base: EntityRecord | null, pending: readonly PendingMutation[]): EntityRecord | null {
  let row = base;
  for (const mutation of pending) {
    if (row === null) {
      // A delete/restore of a row the mirror no longer holds (after a reset): nothing to show.
      if (mutation.op !== 'UPSERT') continue;
      row = createdBy(mutation);
    }
    row = { ...applyMutation(row, mutation), pending: row.pending + 1 };
  }
  return row;
}
