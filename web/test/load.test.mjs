// load() in Node: tether.wasm from a path, a file: URL, bytes, a Response, a
// WebAssembly.Module (or a promise of one), then one message echoed by the
// native test server through a TetherSocket. load() works once per process,
// so each case runs in a child Node process (fixtures/load-node.mjs), with
// --experimental-websocket where Node has no global WebSocket (Node 20).
// Errors for bad input are checked in this process.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startServer, webDir } from './helpers.mjs';
import { load } from '../dist/tether.js';

const run = promisify(execFile);
const fixture = path.join(webDir, 'test', 'fixtures', 'load-node.mjs');
const nodeFlags = typeof WebSocket === 'function' ? [] : ['--experimental-websocket'];

const NOT_FOUND = /^Error: tether: reading \S*no-such-dir\/tether\.wasm failed: ENOENT/;
const NOT_WASM = /^Error: tether: .* is not WebAssembly \(.*\); a server may have answered with a page instead$/;
const LINK = /^Error: tether: the WebAssembly\.Module given to load\(\) does not match this tether\.js \(.*\): rebuild both$/;
const HTTP_404 = /^Error: tether: (fetching http:\/\/127\.0\.0\.1:\d+\/web\/no-such\.wasm failed: HTTP 404|the Response given to load\(\) has HTTP status 404)$/;

// how (fixtures/load-node.mjs) → the error its bad source must give first, or null.
const cases = {
  'path': NOT_FOUND,
  'relative path': NOT_FOUND,
  'file URL': NOT_FOUND,
  'file URL string': NOT_FOUND,
  'Uint8Array': NOT_WASM,
  'ArrayBuffer': NOT_WASM,
  'Buffer': NOT_WASM,
  'Uint8Array view': NOT_WASM,
  'Module': LINK,
  'Response': NOT_WASM,
  'Promise<Response>': HTTP_404,
  'Promise<Module>': LINK,
  'http URL': HTTP_404,
  'options': NOT_FOUND,
  'default': null,
  'no load()': null,
};

/** Builds a Go program for js/wasm that boots like tether.wasm but speaks API version 999. */
function buildWrongVersion(dir) {
  writeFileSync(path.join(dir, 'go.mod'), 'module wrongversion\n\ngo 1.21\n');
  writeFileSync(path.join(dir, 'main.go'), `package main

import "syscall/js"

func main() {
	api := js.Global().Get("Object").New()
	api.Set("version", 999)
	js.Global().Get("__tetherBoot").Invoke(api)
	select {}
}
`);
  const out = path.join(dir, 'wrong.wasm');
  execFileSync('go', ['build', '-o', out, '.'], {
    cwd: dir, env: { ...process.env, GOOS: 'js', GOARCH: 'wasm', GOFLAGS: '-mod=mod', GOWORK: 'off' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return out;
}

describe('load() in Node', () => {
  let server;
  let tmp;
  before(async () => {
    server = await startServer();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'tether-load-'));
  });
  after(async () => {
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  async function child(how, ...extra) {
    const { stdout } = await run(process.execPath, [...nodeFlags, fixture, how, server.ws, ...extra], {
      cwd: webDir, timeout: 60_000,
    });
    return JSON.parse(stdout.trim().split('\n').pop());
  }

  for (const [how, badError] of Object.entries(cases)) {
    test(`${how}: loads, then echoes through a TetherSocket`, async () => {
      const out = await child(how);
      assert.equal(out.error, undefined);
      if (badError) assert.match(out.badError, badError);
      assert.equal(out.echoed, `hello from Node (${how})`);
    });
  }

  test('a wasm that speaks another API version is refused, and a later load() succeeds', async () => {
    const out = await child('API version', buildWrongVersion(tmp));
    assert.equal(out.error, undefined);
    assert.equal(out.badError,
      'Error: tether: tether.wasm speaks API version 999, this module 6: rebuild both');
    assert.equal(out.echoed, 'hello from Node (API version)');
  });
});

describe('load() refuses bad input with a TypeError naming it', () => {
  const bad = [
    [42, /got the number 42$/],
    [null, /got null$/],
    [true, /got the boolean true$/],
    ['', /got an empty string$/],
    [new Blob(['x']), /got a Blob$/],
    [new Map(), /got a Map$/],
    [() => {}, /got a function$/],
    [[1, 2], /got an Array$/],
  ];
  for (const [arg, msg] of bad) {
    test(`load(${Object.prototype.toString.call(arg)})`, async () => {
      await assert.rejects(load(arg), (err) => {
        assert.ok(err instanceof TypeError, err.stack);
        assert.match(err.message, /^tether: load\(\) takes a URL or path of tether\.wasm, its bytes/);
        assert.match(err.message, msg);
        return true;
      });
    });
  }

  test('options: unknown fields, wasm and wasmURL together, wrong types', async () => {
    await assert.rejects(load({ wasmUrl: 'x.wasm' }),
      { name: 'TypeError', message: 'tether: load() options have no field wasmUrl (fields: wasm, wasmURL, wasmExecURL)' });
    await assert.rejects(load({ wasm: 'a.wasm', wasmURL: 'b.wasm' }),
      { name: 'TypeError', message: 'tether: load() options give both wasm and wasmURL: give one' });
    await assert.rejects(load({ wasmURL: new Uint8Array(8) }), {
      name: 'TypeError',
      message: 'tether: load() option wasmURL takes a string or URL; got a Uint8Array (bytes, Responses and modules go in wasm)',
    });
    await assert.rejects(load({ wasm: 7 }), { name: 'TypeError', message: /^tether: load\(\) option wasm takes .*; got the number 7$/ });
    await assert.rejects(load({ wasmExecURL: 7 }),
      { name: 'TypeError', message: 'tether: load() option wasmExecURL takes a string or URL; got the number 7' });
  });

  test('a promise is checked once it settles', async () => {
    await assert.rejects(load(Promise.resolve(42)), {
      name: 'TypeError',
      message: /^tether: load\(\) \(a promise that resolved to it\) takes .*; got the number 42$/,
    });
  });

  test('errors never show a URL\'s user info or query', async () => {
    const err = await load('https://user:hunter2@127.0.0.1:1/tether.wasm?token=SECRET').then(() => null, (e) => e);
    assert.ok(err, 'load() succeeded');
    assert.match(err.message, /^tether: fetching https:\/\/127\.0\.0\.1:1\/tether\.wasm failed: /);
    for (const secret of ['hunter2', 'SECRET', 'user']) assert.ok(!err.message.includes(secret), err.message);
    assert.equal(err.cause, undefined);
  });
});

describe('load() with a wasm_exec.js that cannot be used', () => {
  test('a missing one or another file is named in the error', async () => {
    const saved = globalThis.Go; // defined once another test here has loaded wasm_exec.js
    delete globalThis.Go;
    try {
      const err = await load({ wasmExecURL: '/no-such-dir/wasm_exec.js' }).then(() => null, (e) => e);
      assert.match(err?.message, /^tether: loading Go's wasm_exec\.js from \/no-such-dir\/wasm_exec\.js failed: Cannot find module/);
      const notGo = await load({ wasmExecURL: new URL('./fixtures/load-echo.js', import.meta.url) }).then(() => null, (e) => e);
      assert.match(notGo?.message, /^tether: file:\/\/\S+\/fixtures\/load-echo\.js did not define globalThis\.Go: is it Go's wasm_exec\.js\?$/);
    } finally {
      if (saved) globalThis.Go = saved;
    }
  });
});
