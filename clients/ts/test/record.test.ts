// Laying pending mutations over mirror rows (the Rust client's rules, given/when/then).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { applyMutation, merge } from '../src/sync/record.js';
import type { EntityRecord, PendingMutation } from '../src/sync/record.js';

const ID = '01JDZZZZZZZZZZZZZZZZZZZZZZ';
const row: EntityRecord = {
  entityType: 'Note',
  id: ID,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:10Z',
  deletedAt: null,
  version: 4,
  fields: { title: 'server', body: 'server body' },
  pending: 0,
};
const mutation = (seq: number, op: PendingMutation['op'], fields: PendingMutation['fields'] = null): PendingMutation => ({
  seq,
  mutationId: `01JM${String(seq).padStart(22, '0')}`,
  entityType: 'Note',
  entityId: ID,
  op,
  fields,
  baseVersion: 4,
  hlc: `001735689611000-00000${seq}-DEV`,
  clientUpdatedAt: `2025-01-01T00:00:1${seq}Z`,
});

test('given a mirror row, when an edit is pending, then it lays over field by field', () => {
  const view = merge(row, [mutation(1, 'UPSERT', { body: 'local' })]);
  assert.deepEqual(view?.fields, { title: 'server', body: 'local' });
  assert.equal(view?.pending, 1);
  assert.equal(view?.version, 4);
});

test('given a delete then an edit, the edit resurrects the row', () => {
  const deleted = merge(row, [mutation(1, 'DELETE')]);
  assert.equal(deleted?.deletedAt, '2025-01-01T00:00:11Z');
  assert.equal(merge(row, [mutation(1, 'DELETE'), mutation(2, 'UPSERT', { title: 'again' })])?.deletedAt, null);
});

test('given no row, a delete shows nothing and a later create shows the row', () => {
  assert.equal(merge(null, [mutation(1, 'DELETE')]), null);
  assert.deepEqual(merge(null, [mutation(1, 'DELETE'), mutation(2, 'UPSERT', { title: 'new' })])?.fields, { title: 'new' });
});

test('a lost field keeps the server value, a lost deletion register keeps the row alive', () => {
  const acknowledged = applyMutation(row, mutation(1, 'UPSERT', { title: 'mine', body: 'mine too' }), ['title']);
  assert.deepEqual(acknowledged.fields, { title: 'server', body: 'mine too' });
  assert.equal(applyMutation(row, mutation(2, 'DELETE'), ['deletedAt']).deletedAt, null);
});
