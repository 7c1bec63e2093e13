//! Between the generated operation types and the engine's own shapes: a change-feed entry to
//! the row it carries, an outbox mutation to the push input. Nothing else in the engine
//! handles a generated type's raw fields.
import { ProtocolError } from '../api/lifeos-error.js';
import type { ClientMutationInput, ChangesQuery } from '../generated/graphql.js';
import type { JsonObject } from '../generated/json.js';
import type { EntityRecord, PendingMutation } from './record.js';

/** One change-feed entry, as the pull and the subscription both deliver it. */
export type ChangeEntry = ChangesQuery['changes']['entries'][number];

/** Keys of a change's `data` that are kernel columns, not the kind's fields. */
const KERNEL_KEYS = new Set(['id', 'createdAt', 'updatedAt', 'deletedAt', 'version', 'workspaceId']);

/** The row a change entry carries (the entity's current server state). */
export function recordOf(entry: ChangeEntry): EntityRecord {
  const data = entry.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ProtocolError(`change data is not an object: ${JSON.stringify(data)}`);
  }
  const required = (key: string): string => {
    const value = data[key];
    if (typeof value !== 'string') throw new ProtocolError(`change data lacks ${key}: ${JSON.stringify(data)}`);
    return value;
  };
  const fields: JsonObject = {};
  for (const [key, value] of Object.entries(data)) if (!KERNEL_KEYS.has(key)) fields[key] = value;
  const deletedAt = data['deletedAt'];
  const version = data['version'];
  return {
    entityType: entry.entityType,
    id: typeof data['id'] === 'string' ? data['id'] : entry.entityId,
    createdAt: required('createdAt'),
    updatedAt: required('updatedAt'),
    deletedAt: typeof deletedAt === 'string' ? deletedAt : null,
    version: typeof version === 'number' ? version : entry.version,
    fields,
    pending: 0,
  };
}

/** A pending mutation as `pushChanges` takes it. */
export function toInput(mutation: PendingMutation): ClientMutationInput {
  return {
    seq: mutation.seq,
    entityType: mutation.entityType,
    entityId: mutation.entityId,
    op: mutation.op,
    fields: mutation.fields,
    baseVersion: mutation.baseVersion,
    hlc: mutation.hlc,
    clientUpdatedAt: mutation.clientUpdatedAt,
  };
}
