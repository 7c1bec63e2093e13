// The engine offline (no server): local writes show at once over the mirror, reopen from the
// file with their outbox, and with a key the file holds none of the text in clear and opens
// with nothing but the same key.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { LifeosClient, ManualClock, NotFoundError, SyncEngine, ValidationError, WrongKeyError } from '../src/index.js';
import type { EncryptionKey } from '../src/index.js';
import { BetterSqliteDriver } from '../src/sync/drivers/better-sqlite3.js';

const api = new LifeosClient({ url: 'http://127.0.0.1:9/graphql' });
const WORKSPACE = '01JAAAAAAAAAAAAAAAAAAAAAAA';

async function engine(path: string, key?: EncryptionKey): Promise<SyncEngine> {
  return SyncEngine.open({ api, driver: new BetterSqliteDriver(path), workspaceId: WORKSPACE, clock: new ManualClock(1_800_000_000_000), ...(key ? { key } : {}) });
}

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'lifeos-ts-'));
}

test('local writes show at once, survive a reopen and keep their seq order', async () => {
  const path = join(dir(), 'mirror.db');
  const first = await engine(path);
  const note = await first.create('Note', { title: 'groceries', body: 'milk' });
  await first.upsert('Note', note.id, { body: 'milk, eggs' });
  assert.equal((await first.get('Note', note.id))?.fields['body'], 'milk, eggs');
  const clientId = first.clientId;
  await first.close();

  const again = await engine(path);
  assert.equal(again.clientId, clientId, 'the device id is the file’s');
  const pending = await again.pending();
  assert.deepEqual(pending.map((m) => m.seq), [1, 2]);
  assert.ok(pending[0] && pending[1] && pending[0].hlc < pending[1].hlc, 'stamps increase');
  await again.delete('Note', note.id);
  assert.equal((await again.list('Note')).length, 0);
  assert.equal((await again.list('Note', { includeDeleted: true })).length, 1);
  await again.close();
});

test('bad local input is a typed error naming the field, and writes nothing', async () => {
  const local = await engine(join(dir(), 'mirror.db'));
  await assert.rejects(local.upsert('Note', 'not-a-ulid', { title: 'x' }), (e: unknown) => e instanceof ValidationError && e.field === 'id');
  await assert.rejects(local.upsert('Nope' as 'Note', local.newId(), {}), (e: unknown) => e instanceof ValidationError && e.field === 'entityType');
  await assert.rejects(local.delete('Note', local.newId()), NotFoundError);
  await assert.rejects(local.create('Settings', {}), (e: unknown) => e instanceof ValidationError && e.field === 'fields');
  assert.equal((await local.pending()).length, 0);
  await local.close();
});

test('natural-key kinds are created at their natural id on every device alike', async () => {
  const [a, b] = [await engine(join(dir(), 'a.db')), await engine(join(dir(), 'b.db'))];
  const user = '01JHHHHHHHHHHHHHHHHHHHHHHH';
  const [one, two] = [await a.create('Settings', { userId: user }), await b.create('Settings', { userId: user })];
  assert.equal(one.id, two.id);
  await Promise.all([a.close(), b.close()]);
});

test('with a key, the file holds none of the synced text in clear and only that key opens it', async () => {
  const folder = dir();
  const path = join(folder, 'sealed.db');
  const key = { passphrase: 'correct horse battery staple' };
  const sealed = await engine(path, key);
  const secret = 'my very private diary entry 7f3a';
  const note = await sealed.create('Note', { title: secret, body: `${secret} body`, tags: ['secret-tag-91c2'] });
  assert.equal((await sealed.get('Note', note.id))?.fields['title'], secret, 'reads decrypt');
  await sealed.close();

  for (const file of readdirSync(folder)) {
    const bytes = readFileSync(join(folder, file));
    for (const needle of [secret, 'secret-tag-91c2', 'diary']) {
      assert.equal(bytes.includes(Buffer.from(needle)), false, `${file} holds ${needle} in clear`);
    }
  }
  await assert.rejects(engine(path, { passphrase: 'wrong' }), WrongKeyError);
  await assert.rejects(engine(path), WrongKeyError, 'no key opens nothing either');
  const reopened = await engine(path, key);
  assert.equal((await reopened.get('Note', note.id))?.fields['body'], `${secret} body`);
  await reopened.close();
});
