// The root module's Go tests for the browser build (sdk, transport), compiled
// with GOOS=js GOARCH=wasm `go test -c` and run in Chromium against the native
// test server (TETHER_TEST_SERVER), as tests/wasm runs them in Node.
//
// Each top-level test runs in a fresh page (-test.run '^Name$'): a test that
// leaves a connection busy (megabytes still echoing after Close) must not slow
// the next one down. Full logs go to dist/gotest/<pkg>.<Test>.log. Fuzz
// targets are left out: their seed corpora run natively and in Node, and a
// page has no file system for testdata/fuzz.
//
// TETHER_GOTEST_PKG and TETHER_GOTEST_RUN (regular expressions) narrow a run
// to some packages and top-level tests, e.g.
//   TETHER_GOTEST_PKG='^./sdk$' TETHER_GOTEST_RUN='^TestReconnectAfterDrop$' node --test test/gotests.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { webDir, startServer, launchBrowser, chromiumAvailable } from './helpers.mjs';

const rootDir = path.resolve(webDir, '..');
const outDir = path.join(webDir, 'dist', 'gotest');
const pkgFilter = new RegExp(process.env.TETHER_GOTEST_PKG ?? '');
const runFilter = new RegExp(process.env.TETHER_GOTEST_RUN ?? '');
const packages = ['./sdk', './transport', './transport/jsws'].filter((p) => pkgFilter.test(p));

/** Builds pkg's test binary; null when the package has no test files. */
function buildTest(pkg) {
  const out = path.join(outDir, `${pkg.replace(/^\.\//, '').replaceAll('/', '_')}.test.wasm`);
  rmSync(out, { force: true });
  execFileSync('go', ['test', '-c', '-o', out, pkg], {
    cwd: rootDir, env: { ...process.env, GOOS: 'js', GOARCH: 'wasm' }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  return existsSync(out) ? out : null;
}

/** Runs the test binary at url in a new page; resolves { code, lines }. */
async function runInPage(browser, server, url, args) {
  const page = await browser.newPage();
  const lines = [];
  page.on('console', (m) => lines.push(m.text()));
  page.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
  try {
    await page.goto(`${server.url}/web/test/fixtures/gotest.html`);
    await page.waitForFunction(() => window.runnerReady, null, { timeout: 20_000 });
    const code = await page.evaluate(({ url, args, ws }) => window.runGoTest(url, args, { TETHER_TEST_SERVER: ws }),
      { url, args, ws: server.ws });
    return { code, lines };
  } finally {
    await page.close();
  }
}

// Chromium logs every failed handshake that the tests provoke on purpose.
const quiet = (lines) => lines.filter((l) => !l.startsWith('WebSocket connection to '));

describe('Go js/wasm tests in Chromium', { skip: !chromiumAvailable() && 'no chromium' }, () => {
  let server;
  let browser;
  before(async () => {
    mkdirSync(outDir, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  // Each Go test is bounded (90 s, a fresh page each); the package as a whole
  // is not, since how long it takes grows with the number of tests and the
  // machine's speed (about 2 s per test on two busy cores).
  for (const pkg of packages) {
    it(pkg, { timeout: Infinity }, async (t) => {
      const bin = buildTest(pkg);
      if (!bin) {
        t.skip('no test files');
        return;
      }
      const url = `/web/dist/gotest/${path.basename(bin)}`;
      const listed = await runInPage(browser, server, url, ['-test.list', '.']);
      assert.equal(listed.code, 0, `${pkg}: -test.list failed:\n${listed.lines.join('\n')}`);
      const names = quiet(listed.lines).flatMap((l) => l.split('\n')).filter((n) => /^(Test|Example)\w*$/.test(n)).filter((n) => runFilter.test(n));
      assert.ok(names.length > 0, `${pkg}: no tests listed (or none match TETHER_GOTEST_RUN)`);
      let passed = 0;
      for (const name of names) {
        await t.test(name, { timeout: 90_000 }, async () => {
          const { code, lines } = await runInPage(browser, server, url,
            ['-test.v', '-test.run', `^${name}$`, '-test.timeout=80s']);
          const log = path.join(outDir, `${path.basename(bin, '.test.wasm')}.${name}.log`);
          writeFileSync(log, lines.join('\n'));
          assert.equal(code, 0, `${pkg} ${name} failed in Chromium (log: ${log}):\n${quiet(lines).slice(-60).join('\n')}`);
          passed++;
        });
      }
      t.diagnostic(`${pkg}: ${passed}/${names.length} tests passed in Chromium`);
      assert.equal(passed, names.length);
    });
  }
});
