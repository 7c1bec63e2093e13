// Runs graphql-http's server audit (the GraphQL-over-HTTP spec's checks) against a LifeOS
// server: prints every result, and exits 1 listing each MUST or SHOULD that did not pass
// (MAY results are printed, never fatal).
//
// Usage: LIFEOS_URL=http://127.0.0.1:8787 node http-audit.mjs
import { serverAudits } from 'graphql-http';

const server = process.env.LIFEOS_URL ?? process.argv[2];
if (!server) {
  console.error('usage: LIFEOS_URL=http://host:port node http-audit.mjs');
  process.exit(2);
}
const url = `${server.replace(/\/+$/, '')}/graphql`;

const results = [];
for (const audit of serverAudits({ url })) {
  results.push(await audit.fn());
}

const failed = [];
for (const result of results) {
  const binding = result.name.split(' ')[0];
  const line = `${result.status.padEnd(6)} ${result.id} ${result.name}${result.reason ? ` — ${result.reason}` : ''}`;
  console.log(line);
  if (result.status !== 'ok' && (binding === 'MUST' || binding === 'SHOULD')) {
    failed.push(line);
  }
}
const passed = results.filter((r) => r.status === 'ok').length;
console.log(`audit: ${passed} of ${results.length} passed`);
if (failed.length > 0) {
  console.error(`MUST/SHOULD audits that failed:\n${failed.join('\n')}`);
  process.exit(1);
}
console.log('every MUST and SHOULD passed');
