// The natural-id port reproduces every published vector (spec/natural-ids.json) byte for
// byte, and refuses what Rust could never hash alike.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { MissingKeyFieldError, naturalId, naturalIdOf, NotUtf8Error } from '../src/sync/natural-id.js';

interface Vector {
  kind: string;
  workspaceId: string;
  parts: string[];
  id: string;
}

const vectors = JSON.parse(readFileSync(new URL('../../../../spec/natural-ids.json', import.meta.url), 'utf8')) as Vector[];

test('every published vector is reproduced', () => {
  assert.ok(vectors.length >= 10);
  for (const v of vectors) assert.equal(naturalId(v.kind, v.workspaceId, v.parts), v.id, `${v.kind} ${JSON.stringify(v.parts)}`);
});

test('a lone surrogate is refused, not replaced', () => {
  assert.throws(() => naturalId('Place', '01JAAAAAAAAAAAAAAAAAAAAAAA', ['\ud800']), NotUtf8Error);
});

test('a kind with a natural key needs every key field; one without has no natural id', () => {
  const ws = '01JGGGGGGGGGGGGGGGGGGGGGGG';
  const settings = vectors.find((v) => v.kind === 'Settings');
  assert.ok(settings);
  assert.equal(naturalIdOf('Settings', settings.workspaceId, { userId: settings.parts[0] ?? '' }), settings.id);
  assert.throws(() => naturalIdOf('Settings', ws, {}), MissingKeyFieldError);
  assert.equal(naturalIdOf('Note', ws, { title: 'x' }), null);
});
