// The test server a client script talks to, from its environment: LIFEOS_URL (the server's
// base URL) and LIFEOS_TOKEN (a bearer token). Exits 2 with a usage line when either is
// missing; `fail` exits 1 with a message (the Rust test prints the script's output).
import { basename } from 'node:path';
import { argv, env, exit } from 'node:process';

const server = env.LIFEOS_URL;
export const token = env.LIFEOS_TOKEN;
if (!server || !token) {
  console.error(`usage: LIFEOS_URL=... LIFEOS_TOKEN=... node ${basename(argv[1] ?? 'script.mjs')}`);
  exit(2);
}

/// The GraphQL endpoint.
export const graphqlUrl = `${server.replace(/\/+$/, '')}/graphql`;

export function fail(message) {
  console.error(message);
  exit(1);
}
