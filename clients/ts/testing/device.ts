// A sync engine driven over stdin/stdout, one JSON request per line and one JSON answer per
// line, so a Rust test can run TypeScript devices beside the Rust reference client in one
// seeded simulation (tests/tests/sync_client.rs). Test tooling: not part of the package.
//
// Requests: {"cmd":"open","path","url","token","workspaceId","clock"} · {"cmd":"advance","ms"}
// · {"cmd":"upsert","kind","id","fields"} · {"cmd":"delete"|"restore","kind","id"}
// · {"cmd":"list","kind"} (deleted included) · {"cmd":"pending"} · {"cmd":"sync"}
// · {"cmd":"dieAfterNextPushAnswer"} (SIGKILL itself once a push's answer has arrived, before
// the engine reads it) · {"cmd":"close"}. Answers: {"ok":true,"value":…} or
// {"ok":false,"error":{"name","code","message"}}.
import { createInterface } from 'node:readline';

import { LifeosClient, ManualClock, SyncEngine } from '../src/index.js';
import type { EntityKind, JsonObject } from '../src/index.js';
import { BetterSqliteDriver } from '../src/sync/drivers/better-sqlite3.js';

interface Request {
  cmd: string;
  [key: string]: unknown;
}

let engine: SyncEngine | null = null;
let clock: ManualClock | null = null;
let dieAfterPush = false;

const dyingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (dieAfterPush && typeof init?.body === 'string' && init.body.includes('"operationName":"PushChanges"')) {
    // The server has committed the push and answered; the device dies before settling it.
    await response.clone().text();
    process.kill(process.pid, 'SIGKILL');
  }
  return response;
};

function str(request: Request, key: string): string {
  const value = request[key];
  if (typeof value !== 'string') throw new Error(`${request.cmd} needs a string ${key}`);
  return value;
}

function opened(): SyncEngine {
  if (!engine) throw new Error('open first');
  return engine;
}

async function handle(request: Request): Promise<unknown> {
  switch (request.cmd) {
    case 'open': {
      clock = new ManualClock(Number(request['clock']));
      const api = new LifeosClient({ url: str(request, 'url'), token: str(request, 'token'), fetch: dyingFetch });
      engine = await SyncEngine.open({ api, driver: new BetterSqliteDriver(str(request, 'path')), workspaceId: str(request, 'workspaceId'), clock });
      return { clientId: engine.clientId };
    }
    case 'advance':
      clock?.advance(Number(request['ms']));
      return null;
    case 'upsert':
      return opened().upsert(str(request, 'kind') as EntityKind, str(request, 'id'), request['fields'] as JsonObject);
    case 'delete':
      return opened().delete(str(request, 'kind') as EntityKind, str(request, 'id'));
    case 'restore':
      return opened().restore(str(request, 'kind') as EntityKind, str(request, 'id'));
    case 'list':
      return opened().list(str(request, 'kind') as EntityKind, { includeDeleted: true });
    case 'pending':
      return opened().pending();
    case 'sync':
      return opened().sync();
    case 'dieAfterNextPushAnswer':
      dieAfterPush = true;
      return null;
    case 'close':
      await opened().close();
      engine = null;
      return null;
    default:
      throw new Error(`unknown command ${request.cmd}`);
  }
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  let answer: unknown;
  try {
    answer = { ok: true, value: (await handle(JSON.parse(line) as Request)) ?? null };
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string };
    answer = { ok: false, error: { name: e.name ?? 'Error', code: e.code ?? null, message: e.message ?? String(error) } };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
