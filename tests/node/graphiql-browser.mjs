// Renders the server's GraphiQL in headless Chromium (Debian's, driven by playwright-core) with
// no network but the server: every request and websocket to another origin is aborted and
// recorded, and any one fails the check, as does a CSP violation or a page error. Signed in by
// the session cookie (same-origin, as a user of the instance is); opens the docs explorer, waits
// for the root query type's fields (`notes`), runs a query from the editor, writes a screenshot
// (docs and answer), then runs a subscription (over the websocket). Prints one line per check
// passed; exits 1 with the reason otherwise.
import { chromium } from 'playwright-core';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const endpoint = new URL(env('LIFEOS_URL'));
const origin = endpoint.origin;
const timeout = Number(process.env.LIFEOS_TIMEOUT_MS ?? 60000);
const title = env('LIFEOS_NOTE_TITLE');
const noteId = env('LIFEOS_NOTE_ID');

const outside = [];
const problems = [];
const context = await chromium.launchPersistentContext(env('LIFEOS_PROFILE_DIR'), {
  executablePath: env('LIFEOS_CHROMIUM'),
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
  viewport: { width: 1400, height: 900 },
});
context.setDefaultTimeout(timeout);

try {
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  await context.routeWebSocket(() => true, (ws) => {
    if (new URL(ws.url()).host === endpoint.host) return ws.connectToServer();
    outside.push(ws.url());
    return ws.close();
  });
  await context.addCookies([{ name: 'lifeos_session', value: env('LIFEOS_TOKEN'), url: origin }]);
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });

  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

  // The guard itself: a request elsewhere from a blank page (no CSP there) must be caught.
  const probe = 'https://unpkg.com/graphiql-browser-probe.js';
  await page.evaluate((url) => fetch(url).catch(() => 'aborted'), probe);
  if (!outside.includes(probe)) throw new Error('the outside-request guard missed a probe request');
  outside.length = 0;
  problems.length = 0; // the probe's own 'blocked' console line
  console.log('outside requests are caught');

  await page.goto(endpoint.href, { waitUntil: 'load' });
  await page.locator('.graphiql-container').waitFor();
  console.log('graphiql rendered');

  await page.getByRole('button', { name: /Documentation Explorer/ }).first().click();
  const docs = page.locator('.graphiql-doc-explorer');
  const queryRoot = docs.locator('div', { has: page.locator('.graphiql-doc-explorer-root-type', { hasText: /^query$/ }) });
  await queryRoot.locator('a.graphiql-doc-explorer-type-name').first().click();
  await docs.locator('.graphiql-doc-explorer-field-name', { hasText: /^notes$/ }).first().waitFor();
  console.log('docs explorer lists notes');

  const run = async (document, expected) => {
    await page.evaluate((text) => {
      document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(text);
    }, document);
    // GraphiQL parses the editor's text 100 ms after a change and saves it in localStorage in
    // the same step; executing before that would run the previous document.
    await page.waitForFunction(
      (text) => Object.keys(localStorage).some((key) => localStorage.getItem(key) === text),
      document,
    );
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.graphiql-response', { hasText: expected }).waitFor();
  };
  await run('query { notes { edges { node { title } } } }', title);
  console.log('query answered');
  await page.screenshot({ path: env('LIFEOS_SCREENSHOT'), fullPage: true });
  console.log('screenshot written');
  await run('subscription { changes { entityId op } }', noteId);
  console.log('subscription answered');
  await page.locator('.graphiql-execute-button').click(); // stops the subscription

  if (outside.length) throw new Error(`requests outside the server were attempted: ${outside.join(', ')}`);
  console.log('no outside request');
  if (problems.length) throw new Error(problems.join('\n'));
  console.log('no page error');
} catch (error) {
  console.error(`graphiql-browser: ${error?.stack ?? error}`);
  for (const page of context.pages()) {
    const text = await page.locator('body').innerText().catch(() => '(no page text)');
    console.error(`page text at the failure:\n${text}`);
    await page.screenshot({ path: env('LIFEOS_SCREENSHOT').replace(/\.png$/, '-failure.png') }).catch(() => {});
  }
  if (outside.length) console.error(`outside requests: ${outside.join(', ')}`);
  if (problems.length) console.error(`page problems:\n${problems.join('\n')}`);
  process.exitCode = 1;
} finally {
  await context.close();
}
