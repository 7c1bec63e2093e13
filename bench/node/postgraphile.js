// PostGraphile v4 over a LifeOS database, for `lifeos-bench`'s list scenario: the same
// table read side by side (`allNotes(first: 20)`). Serves http://127.0.0.1:<port>/graphql on a
// port the system picks and prints "postgraphile listening on <url>" once ready. Reads only
// (default mutations off); never part of LifeOS itself.
'use strict';
const http = require('http');
const { postgraphile } = require('postgraphile');

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is required');
  process.exit(2);
}
const handler = postgraphile(url, 'public', {
  disableDefaultMutations: true,
  retryOnInitFail: false,
  graphiql: false,
  disableQueryLog: true,
});
const server = http.createServer(handler);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`postgraphile listening on http://127.0.0.1:${port}/graphql`);
});
