// load() in Chromium: in a page from bytes, a Response, a WebAssembly.Module
// (or a promise of one), a relative URL; in a dedicated module Worker, where
// window and document do not exist. Each case gets a fresh page (load() runs
// once per realm) on which the default tether.wasm URL is blocked unless the
// case loads the default, so a case passes only if load() used what it was
// given. Each ends with one message echoed by the native test server.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumAvailable, launchBrowser, startServer } from './helpers.mjs';

const skip = chromiumAvailable() ? false : 'no Chromium';

/** The default URL of tether.wasm (no query): blocked when a case gives its own. */
const isDefaultWasm = (url) => url.pathname.endsWith('/web/dist/tether.wasm') && url.search === '';

describe('load() in Chromium', { skip }, () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A fresh page of fixtures/load.html (tether imported, not loaded). */
  async function freshPage({ blockDefault }) {
    const context = await browser.newContext();
    if (blockDefault) await context.route(isDefaultWasm, (route) => route.abort());
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(e.message));
    await page.goto(`${server.url}/web/test/fixtures/load.html`);
    await page.waitForFunction(() => window.tetherImported, null, { timeout: 20_000 });
    return page;
  }

  async function inPage(blockDefault, f, arg) {
    const page = await freshPage({ blockDefault });
    try {
      return await page.evaluate(f, arg);
    } finally {
      await page.context().close();
    }
  }

  // In the page: how → an expression giving load()'s argument (copy: a URL of
  // tether.wasm other than the default).
  const pageCases = {
    'ArrayBuffer': 'fetch(copy).then((r) => r.arrayBuffer())',
    'Uint8Array': 'fetch(copy).then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b))',
    'DataView': 'fetch(copy).then((r) => r.arrayBuffer()).then((b) => new DataView(b))',
    'Module': 'WebAssembly.compileStreaming(fetch(copy))',
    'Promise<Module>': 'Promise.resolve({ p: WebAssembly.compileStreaming(fetch(copy)) })',
    'Response': 'fetch(copy)',
    'Promise<Response>': 'Promise.resolve({ p: fetch(copy) })',
    'relative URL string': "Promise.resolve('../../dist/tether.wasm?copy=1')",
    'URL': 'Promise.resolve(new URL(copy))',
    'options': "Promise.resolve({ wasm: copy, wasmExecURL: '../../dist/wasm_exec.js' })",
  };
  for (const [how, expr] of Object.entries(pageCases)) {
    test(`page: load(${how}), then echo`, async () => {
      const out = await inPage(true, async ([how, expr, ws]) => {
        const copy = `${window.wasmURL}?copy=1`;
        // eslint-disable-next-line no-new-func
        let arg = await new Function('copy', `return ${expr};`)(copy);
        if (arg && typeof arg === 'object' && 'p' in arg) arg = arg.p; // a promise, not awaited
        await window.tether.load(arg);
        return window.echo(ws, `hello from a page (${how})`);
      }, [how, expr, server.ws]);
      assert.equal(out, `hello from a page (${how})`);
    });
  }

  test('page: the default URL is blocked in these tests, so load() with no argument fails', async () => {
    const out = await inPage(true, () => window.tether.load().then(() => 'loaded', (e) => e.message));
    assert.match(out, /^tether: fetching http:\/\/127\.0\.0\.1:\d+\/web\/dist\/tether\.wasm failed: /);
  });

  test('page: a TetherSocket made before load() loads the default and echoes', async () => {
    const out = await inPage(false, (ws) => window.echo(ws, 'hello before load()'), server.ws);
    assert.equal(out, 'hello before load()');
  });

  test('page: bad input is a TypeError naming it; load() works afterwards', async () => {
    const out = await inPage(false, async () => {
      const msg = (p) => p.then(() => 'loaded', (e) => `${e.name}: ${e.message}`);
      return {
        blob: await msg(window.tether.load(new Blob(['x']))),
        number: await msg(window.tether.load(3)),
        option: await msg(window.tether.load({ wasmUrl: 'x' })),
        promise: await msg(window.tether.load(Promise.resolve(document.body))),
        then: await msg(window.tether.load()),
      };
    });
    assert.match(out.blob, /^TypeError: tether: load\(\) takes .*; got a Blob$/);
    assert.match(out.number, /^TypeError: tether: load\(\) takes .*; got the number 3$/);
    assert.match(out.option, /^TypeError: tether: load\(\) options have no field wasmUrl/);
    assert.match(out.promise, /^TypeError: tether: load\(\) \(a promise that resolved to it\) takes .*; got an HTMLBodyElement$/);
    assert.equal(out.then, 'loaded');
  });

  /**
   * Starts fixtures/load-worker.js as a module worker and resolves with what
   * it posts back. how 'module': the page compiles tether.wasm and posts the
   * Module.
   */
  async function inWorker(how, blockDefault) {
    return inPage(blockDefault, async ([how, ws]) => {
      const worker = new Worker('./load-worker.js', { type: 'module' });
      try {
        const module = how === 'module'
          ? await WebAssembly.compileStreaming(fetch(`${window.wasmURL}?copy=1`)) : undefined;
        return await new Promise((resolve, reject) => {
          const t = setTimeout(() => reject(new Error('the worker did not answer within 30 s')), 30_000);
          worker.onmessage = (e) => { clearTimeout(t); resolve(e.data); };
          worker.onerror = (e) => { clearTimeout(t); reject(new Error(`worker error: ${e.message}`)); };
          worker.postMessage({ how, ws, module });
        });
      } finally {
        worker.terminate();
      }
    }, [how, server.ws]);
  }

  for (const [how, blockDefault] of [['default', false], ['module', true], ['fetch', true], ['bytes', true]]) {
    test(`module worker: load (${how}), then echo`, async () => {
      const out = await inWorker(how, blockDefault);
      assert.deepEqual(out, {
        ok: true,
        echoed: `hello from a worker (${how})`,
        globals: { window: 'undefined', document: 'undefined' },
      });
    });
  }

  test('module worker: the default URL is blocked in these tests too', async () => {
    const out = await inWorker('default', true);
    assert.equal(out.ok, false);
    assert.match(out.error, /^Error: tether: fetching http:\/\/127\.0\.0\.1:\d+\/web\/dist\/tether\.wasm failed: /);
  });
});
