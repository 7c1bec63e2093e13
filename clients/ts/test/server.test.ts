// Against a real lifeosd (started by tests/tests/ts_client.rs, which passes LIFEOS_URL,
// LIFEOS_EMAIL and LIFEOS_PASSWORD): sign in, CRUD, pagination, typed errors, a live change
// over the subscription, and two engines syncing through the server — with a cursor reset.
// Skipped when no server is given (the Rust test refuses to skip under CI).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import Database from 'better-sqlite3';
import WebSocket from 'ws';

import {
  ConflictError,
  CreateNoteDocument,
  DeleteNoteDocument,
  LifeosClient,
  NoteDocument,
  NotesDocument,
  type NotesQuery,
  RestoreNoteDocument,
  SyncEngine,
  UnauthenticatedError,
  UpdateNoteDocument,
  ValidationError,
  WatchChangesDocument,
} from '../src/index.js';
import { BetterSqliteDriver } from '../src/sync/drivers/better-sqlite3.js';

const base = process.env['LIFEOS_URL'];
const email = process.env['LIFEOS_EMAIL'] ?? '';
const password = process.env['LIFEOS_PASSWORD'] ?? '';
const skip = base ? false : 'no server given (LIFEOS_URL)';
const url = `${base ?? ''}/graphql`;

async function signedIn(): Promise<LifeosClient> {
  const client = new LifeosClient({ url, webSocketImpl: WebSocket });
  await client.signIn(email, password, 'ts-client test');
  return client;
}

function until(done: () => Promise<boolean>, what: string): Promise<void> {
  // Bounded by the test runner's timeout, not by a timed assertion.
  return new Promise<void>((resolve, reject) => {
    const poll = (): void => {
      done().then((ok) => (ok ? resolve() : setTimeout(poll, 20)), reject);
    };
    poll();
  }).catch((error: unknown) => {
    throw new Error(`${what}: ${String(error)}`);
  });
}

test('sign in, CRUD, pagination and typed errors', { skip, timeout: 60_000 }, async () => {
  const client = await signedIn();
  const me = await client.me();
  assert.equal(me.email, email);
  assert.ok(me.workspaces.some((w) => w.kind === 'personal'));

  const created = (await client.request(CreateNoteDocument, { input: { title: 'first', tags: ['ts'] } })).createNote;
  assert.equal(created.version, 1);
  const updated = (await client.request(UpdateNoteDocument, { input: { id: created.id, expectedVersion: 1, body: 'edited' } })).updateNote;
  assert.deepEqual([updated.version, updated.body, updated.title], [2, 'edited', 'first']);
  await assert.rejects(
    client.request(UpdateNoteDocument, { input: { id: created.id, expectedVersion: 1, body: 'stale' } }),
    (e: unknown) => e instanceof ConflictError && e.code === 'CONFLICT',
  );
  await assert.rejects(
    client.request(CreateNoteDocument, { input: { title: 'x'.repeat(600) } }),
    (e: unknown) => e instanceof ValidationError && e.field === 'title',
  );
  const deleted = (await client.request(DeleteNoteDocument, { input: { id: created.id, expectedVersion: 2 } })).deleteNote;
  assert.ok(deleted.deletedAt);
  const restored = (await client.request(RestoreNoteDocument, { input: { id: created.id, expectedVersion: 3 } })).restoreNote;
  assert.equal(restored.deletedAt, null);
  assert.equal((await client.request(NoteDocument, { id: created.id })).note?.version, 4);

  for (let n = 0; n < 5; n += 1) await client.request(CreateNoteDocument, { input: { title: `page ${n}` } });
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: NotesQuery['notes'] = (await client.request(NotesDocument, { first: 2, after })).notes;
    seen.push(...page.nodes.map((n) => n.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  assert.equal(seen.length, 6);
  assert.equal(new Set(seen).size, 6, 'pages neither repeat nor skip');

  await client.signOut();
  await assert.rejects(client.me(), UnauthenticatedError);
  await assert.rejects(new LifeosClient({ url, token: 'lifeos_pat_nope' }).me(), UnauthenticatedError);
});

test('a subscription receives a change live', { skip, timeout: 60_000 }, async () => {
  const client = await signedIn();
  let createdId: string | null = null;
  const received = new Promise<string>((resolve, reject) => {
    const stop = client.subscribe(WatchChangesDocument, { after: null }, {
      next: ({ changes }) => {
        if (createdId !== null && changes.entityId === createdId) {
          stop();
          resolve(changes.entityId);
        }
      },
      error: reject,
    });
  });
  // The subscription catches up from the start; the note is created once it is open.
  await new Promise((resolve) => setTimeout(resolve, 0));
  createdId = (await client.request(CreateNoteDocument, { input: { title: 'live' } })).createNote.id;
  assert.equal(await received, createdId);
  client.close();
});

test('two engines converge through the server, live, and a bad cursor rebuilds the mirror', { skip, timeout: 120_000 }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'lifeos-ts-sync-'));
  const [apiA, apiB] = [await signedIn(), await signedIn()];
  const a = await SyncEngine.open({ api: apiA, driver: new BetterSqliteDriver(join(folder, 'a.db')) });
  const b = await SyncEngine.open({ api: apiB, driver: new BetterSqliteDriver(join(folder, 'b.db')) });
  await Promise.all([a.sync(), b.sync()]);

  const note = await a.create('Note', { title: 'from A', body: 'draft' });
  assert.equal((await a.sync()).pushed, 1);
  await b.sync();
  assert.equal((await b.get('Note', note.id))?.fields['title'], 'from A');

  // Offline edits to different fields of one note both survive.
  await a.upsert('Note', note.id, { title: 'title by A' });
  await b.upsert('Note', note.id, { body: 'body by B' });
  await a.sync();
  await b.sync();
  await a.sync();
  for (const device of [a, b]) {
    const row = await device.get('Note', note.id);
    assert.deepEqual([row?.fields['title'], row?.fields['body'], row?.version, row?.pending], ['title by A', 'body by B', 3, 0]);
  }

  // Any registered kind syncs; a natural-key kind created offline on both devices is one entity.
  const task = await b.create('Task', { title: 'water the plants' });
  const link = { fromType: 'Note', fromId: note.id, toType: 'Task', toId: task.id, relation: 'about' };
  const [linkA, linkB] = [await a.create('Link', link), await b.create('Link', link)];
  assert.equal(linkA.id, linkB.id, 'both devices compute the natural id');
  assert.equal((await b.sync()).rejected, 0);
  const merged = await a.sync();
  assert.deepEqual([merged.pushed, merged.rejected], [1, 0], 'the second create of the link lands on the first');
  await b.sync();
  for (const device of [a, b]) {
    assert.deepEqual((await device.list('Link')).map((l) => [l.id, l.fields['relation'], l.pending]), [[linkA.id, 'about', 0]]);
    assert.equal((await device.get('Task', task.id))?.fields['title'], 'water the plants');
  }

  // Live: B watches, A writes and syncs, B's mirror shows it without B calling sync.
  const watching = b.watch();
  const live = await a.create('Note', { title: 'live from A' });
  await a.sync();
  await until(async () => (await b.get('Note', live.id)) !== null, 'B never saw the live note');
  watching.stop();
  await watching.idle();

  // A damaged cursor: the server answers RESET_REQUIRED and B rebuilds from the start.
  await b.close();
  const file = new Database(join(folder, 'b.db'));
  file.prepare("UPDATE meta SET cursor = 'garbage'").run();
  file.close();
  const again = await SyncEngine.open({ api: apiB, driver: new BetterSqliteDriver(join(folder, 'b.db')) });
  const report = await again.sync();
  assert.equal(report.reset, true);
  assert.deepEqual(
    (await again.list('Note')).map((r) => [r.id, r.version]),
    (await a.list('Note')).map((r) => [r.id, r.version]),
  );
  await Promise.all([a.close(), again.close()]);
});
