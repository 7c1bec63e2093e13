// Checks the LifeOS `changes` subscription with the off-the-shelf `graphql-ws` client (the
// one browser and Node apps use): connect with a bearer token in connection_init, subscribe,
// create a note over HTTP, and exit 0 once that note's change arrives on the socket.
// Exits 1 on a timeout, a refused connection, or an error on the subscription.
//
// Usage: node live-change.mjs [SERVER_URL] [TOKEN]
//   or   LIFEOS_URL=http://127.0.0.1:8787 LIFEOS_TOKEN=... node live-change.mjs
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const server = process.argv[2] ?? process.env.LIFEOS_URL;
const token = process.argv[3] ?? process.env.LIFEOS_TOKEN;
const timeoutMs = Number(process.env.LIFEOS_TIMEOUT_MS ?? 20000);
if (!server || !token) {
  console.error('usage: live-change.mjs SERVER_URL TOKEN (or LIFEOS_URL / LIFEOS_TOKEN)');
  process.exit(2);
}

const base = server.replace(/\/+$/, '');
const wsUrl = `${base.replace(/^http/, 'ws')}/graphql/ws`;

function finish(code, message) {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

setTimeout(() => finish(1, `timeout: no live change within ${timeoutMs} ms`), timeoutMs).unref();

let connected;
const ack = new Promise((resolve) => { connected = resolve; });

const client = createClient({
  url: wsUrl,
  webSocketImpl: WebSocket,
  lazy: false,
  retryAttempts: 0,
  connectionParams: { authorization: `Bearer ${token}` },
  on: {
    connected: () => connected(),
    closed: (event) => finish(1, `socket closed: code ${event?.code} ${event?.reason ?? ''}`),
  },
});

let createdId = null;
const seen = [];

client.subscribe(
  {
    query: 'subscription($after: String) { changes(after: $after) { cursor entityType entityId op version } }',
    variables: { after: null },
  },
  {
    next: (result) => {
      if (result.errors) finish(1, `subscription error: ${JSON.stringify(result.errors)}`);
      const entry = result.data?.changes;
      seen.push(entry?.entityId);
      if (createdId !== null && entry?.entityId === createdId) {
        finish(0, `received live change of note ${createdId} (version ${entry.version}, op ${entry.op})`);
      }
    },
    error: (error) => finish(1, `subscription failed: ${JSON.stringify(error?.message ?? error)}`),
    complete: () => finish(1, `subscription completed before the change arrived (saw ${JSON.stringify(seen)})`),
  },
);

await ack;
const response = await fetch(`${base}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({
    query: 'mutation($i: CreateNoteInput!) { createNote(input: $i) { id version } }',
    variables: { i: { title: 'from graphql-ws', body: 'live' } },
  }),
});
const body = await response.json();
if (body.errors || !body.data?.createNote?.id) finish(1, `createNote failed: ${JSON.stringify(body)}`);
createdId = body.data.createNote.id;
// The change may already have arrived between the mutation's commit and its HTTP reply.
if (seen.includes(createdId)) finish(0, `received live change of note ${createdId}`);
