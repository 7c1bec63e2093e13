// Apollo Client (v4, default settings, in node) against a LifeOS server: an auth header link,
// then a mutation (createNote), a query that reads it back, and an automatic persisted query
// (`PersistedQueryLink` with node's SHA-256): the first run is answered PersistedQueryNotFound
// and retried with its text, a second client's run is answered from the hash alone.
// Prints `ok: <step>` per step; exits 1 on the first failure.
//
// Usage: LIFEOS_URL=http://127.0.0.1:8787 LIFEOS_TOKEN=... node apollo.mjs
import { createHash } from 'node:crypto';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { fail, graphqlUrl, token } from './server-env.mjs';

const uri = graphqlUrl;

/// What each request sent: whether it carried the query text, a hash, and what came back.
const sent = [];
async function recordingFetch(input, init) {
  const body = init?.body ? JSON.parse(init.body) : {};
  const response = await fetch(input, init);
  const text = await response.clone().text();
  sent.push({ hasQuery: typeof body.query === 'string', hashed: !!body.extensions?.persistedQuery, status: response.status, text });
  return response;
}

const auth = new SetContextLink((prevContext) => ({
  headers: { ...prevContext.headers, authorization: `Bearer ${token}` },
}));

function client(...links) {
  return new ApolloClient({
    link: ApolloLink.from([auth, ...links, new HttpLink({ uri, fetch: recordingFetch })]),
    cache: new InMemoryCache(),
  });
}

const plain = client();

const created = await plain.mutate({
  mutation: gql`mutation Create($input: CreateNoteInput!) { createNote(input: $input) { id title } }`,
  variables: { input: { title: 'from apollo', body: 'hello' } },
});
const id = created.data?.createNote?.id;
if (!id) fail(`mutation failed: ${JSON.stringify(created)}`);
console.log('ok: mutation');

const NOTES = gql`query Notes { notes(first: 50) { edges { node { id title } } } }`;
const listed = await plain.query({ query: NOTES, fetchPolicy: 'network-only' });
const titles = (listed.data?.notes?.edges ?? []).map((e) => e.node.id);
if (!titles.includes(id)) fail(`query did not find the note: ${JSON.stringify(listed)}`);
console.log('ok: query');

const sha256 = (text) => createHash('sha256').update(text).digest('hex');
sent.length = 0;
const first = await client(new PersistedQueryLink({ sha256 })).query({ query: NOTES, fetchPolicy: 'network-only' });
if (!first.data?.notes) fail(`persisted query failed: ${JSON.stringify(first)}`);
const [unknown, registered] = sent;
if (sent.length !== 2 || unknown.hasQuery || !unknown.text.includes('PersistedQueryNotFound') || !registered.hasQuery) {
  fail(`expected a hash-only request answered PersistedQueryNotFound, then the text: ${JSON.stringify(sent)}`);
}
sent.length = 0;
const second = await client(new PersistedQueryLink({ sha256 })).query({ query: NOTES, fetchPolicy: 'network-only' });
if (!second.data?.notes || sent.length !== 1 || sent[0].hasQuery || !sent[0].hashed) {
  fail(`a known hash should be answered alone: ${JSON.stringify({ second, sent })}`);
}
console.log('ok: persisted query');
