// urql (`@urql/core`, default settings: `preferGetMethod: "within-url-limit"`, so queries go
// over GET) against a LifeOS server with a bearer token: a mutation (createNote, POST), a
// query that reads it back (GET), and an automatic persisted query (`persistedExchange` with
// node's SHA-256, hash-only GETs): the first run is answered PersistedQueryNotFound and
// retried with its text, a second client's run is answered from the hash alone.
// Prints `ok: <step>` per step; exits 1 on the first failure.
//
// Usage: LIFEOS_URL=http://127.0.0.1:8787 LIFEOS_TOKEN=... node urql.mjs
import { createHash } from 'node:crypto';
import { Client, cacheExchange, fetchExchange, gql } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { fail, graphqlUrl, token } from './server-env.mjs';

const url = graphqlUrl;

/// What each request sent: its method, whether it carried the query text, and the answer.
const sent = [];
async function recordingFetch(input, init) {
  const method = init?.method ?? 'GET';
  const params = method === 'GET' ? Object.fromEntries(new URL(String(input)).searchParams) : JSON.parse(init.body);
  const response = await fetch(input, init);
  const text = await response.clone().text();
  sent.push({ method, hasQuery: typeof params.query === 'string' && params.query.length > 0, status: response.status, text });
  return response;
}

function client(exchanges) {
  return new Client({
    url,
    exchanges,
    fetch: recordingFetch,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
  });
}

const plain = client([cacheExchange, fetchExchange]);
const created = await plain
  .mutation(gql`mutation Create($input: CreateNoteInput!) { createNote(input: $input) { id title } }`, {
    input: { title: 'from urql', body: 'hello' },
  })
  .toPromise();
const id = created.data?.createNote?.id;
if (!id || created.error) fail(`mutation failed: ${JSON.stringify(created.error ?? created.data)}`);
console.log('ok: mutation');

const NOTES = gql`query Notes { notes(first: 50) { edges { node { id title } } } }`;
sent.length = 0;
const listed = await plain.query(NOTES, {}, { requestPolicy: 'network-only' }).toPromise();
if (listed.error || !(listed.data?.notes?.edges ?? []).some((e) => e.node.id === id)) {
  fail(`query did not find the note: ${JSON.stringify(listed.error ?? listed.data)}`);
}
if (sent[0]?.method !== 'GET') fail(`urql's default should have sent the query over GET: ${JSON.stringify(sent)}`);
console.log('ok: query');

const generateHash = async (query) => createHash('sha256').update(query).digest('hex');
const persisted = () => client([cacheExchange, persistedExchange({ generateHash }), fetchExchange]);
sent.length = 0;
const first = await persisted().query(NOTES, {}, { requestPolicy: 'network-only' }).toPromise();
if (first.error || !first.data?.notes) fail(`persisted query failed: ${JSON.stringify(first.error ?? first.data)}`);
const [unknown, registered] = sent;
if (sent.length !== 2 || unknown.hasQuery || unknown.method !== 'GET' || !unknown.text.includes('PersistedQueryNotFound') || !registered.hasQuery) {
  fail(`expected a hash-only GET answered PersistedQueryNotFound, then the text: ${JSON.stringify(sent)}`);
}
sent.length = 0;
const second = await persisted().query(NOTES, {}, { requestPolicy: 'network-only' }).toPromise();
if (second.error || !second.data?.notes || sent.length !== 1 || sent[0].hasQuery) {
  fail(`a known hash should be answered alone: ${JSON.stringify({ error: second.error, sent })}`);
}
console.log('ok: persisted query');
process.exit(0);
