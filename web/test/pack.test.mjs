// The npm package end to end: `npm pack` (its prepack builds dist/) in a
// copy of the repository that has no dist/, the tarball's file list, an
// offline install into a fresh project, then the installed package used as
// users do: imported by name in Node, type-checked with the project's own
// tsconfig, and in Chromium from a page without a bundler and from a module
// worker, served from that project's node_modules. Each echoes one message
// through the native test server. Every wait ends on an event; the time
// bounds only stop a hung run.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromiumAvailable, launchBrowser, startServer, webDir } from './helpers.mjs';
import { startStaticServer } from './static-server.mjs';

const run = promisify(execFile);
const repoDir = path.dirname(webDir);
const fixtures = path.join(webDir, 'test', 'fixtures');
const nodeFlags = typeof WebSocket === 'function' ? [] : ['--experimental-websocket'];
const MINUTE = 60_000;

/** The environment for nested npm runs: none of the npm_* variables `npm test` sets for its script. */
function npmEnv(cache) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, npm_config_cache: cache, npm_config_update_notifier: 'false' };
}

/** Copies the repository without .git, node_modules or build output: what a clean checkout has. */
function copyRepo(to) {
  const skip = new Set([path.join(repoDir, '.git'), path.join(repoDir, 'bin'), path.join(webDir, 'dist')]);
  cpSync(repoDir, to, {
    recursive: true,
    filter: (src) => !skip.has(src) && path.basename(src) !== 'node_modules',
  });
}

/** npm pack --json's report: its stdout after the prepack script's own output. */
function packReport(stdout) {
  const start = stdout.search(/^\[$/m);
  assert.ok(start >= 0, `npm pack printed no JSON:\n${stdout}`);
  return JSON.parse(stdout.slice(start))[0];
}

/** What a user needs, and nothing else: the module files (one per src/*.js), the wasm, Go's loader, types, docs. */
function expectedFiles() {
  const modules = readdirSync(path.join(webDir, 'src')).filter((f) => f.endsWith('.js')).map((f) => `dist/${f}`);
  return [...modules, 'dist/tether.wasm', 'dist/wasm_exec.js', 'index.d.ts', 'README.md', 'package.json'].sort();
}

describe('npm package: pack, install, use', () => {
  const env = {};
  before(async () => {
    env.tmp = mkdtempSync(path.join(os.tmpdir(), 'tether-pack-'));
    const npm = { env: npmEnv(path.join(env.tmp, 'npm-cache')), timeout: 10 * MINUTE, maxBuffer: 16 << 20 };
    const copy = path.join(env.tmp, 'repo');
    copyRepo(copy);
    assert.equal(existsSync(path.join(copy, 'web', 'dist')), false);
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', env.tmp], { ...npm, cwd: path.join(copy, 'web') });
    env.pack = packReport(stdout);
    env.tarball = path.join(env.tmp, env.pack.filename);

    env.project = path.join(env.tmp, 'project');
    mkdirSync(env.project);
    writeFileSync(path.join(env.project, 'package.json'), JSON.stringify({ name: 'tether-user', private: true, type: 'module' }));
    cpSync(path.join(fixtures, 'pack'), env.project, { recursive: true });
    cpSync(path.join(fixtures, 'load-echo.js'), path.join(env.project, 'echo.js'));
    await run('npm', ['install', '--no-audit', '--no-fund', '--offline', env.tarball], { ...npm, cwd: env.project });
    env.installed = path.join(env.project, 'node_modules', '@tetherws', 'tether');

    env.server = await startServer();
  });
  after(async () => {
    await env.server?.stop();
    if (env.tmp) rmSync(env.tmp, { recursive: true, force: true });
  });

  test('the tarball holds exactly what a user needs', (t) => {
    const files = env.pack.files.map((f) => f.path).sort();
    assert.deepEqual(files, expectedFiles());
    assert.equal(files.some((f) => /(^|\/)(test|node_modules)\/|\.test\.|\.go$|\.ts$/.test(f) && f !== 'index.d.ts'), false);
    assert.equal(statSync(env.tarball).size, env.pack.size);
    t.diagnostic(`${env.pack.filename}: ${env.pack.size} bytes packed, ${env.pack.unpackedSize} unpacked, ${files.length} files`);
  });

  test('installs offline with no dependencies, as published', () => {
    const pkg = JSON.parse(readFileSync(path.join(env.installed, 'package.json'), 'utf8'));
    assert.equal(pkg.private, undefined);
    assert.equal(pkg.dependencies, undefined);
    assert.deepEqual(readdirSync(path.join(env.project, 'node_modules')).filter((d) => !d.startsWith('.')), ['@tetherws']);
    const wasm = readFileSync(path.join(env.installed, 'dist', 'tether.wasm'));
    assert.deepEqual(wasm.subarray(0, 4), Buffer.from([0, 0x61, 0x73, 0x6d])); // \0asm
  });

  test('Node: imported by name, tether.wasm read from the package with no configuration, echoes', async () => {
    const { stdout } = await run(process.execPath, [...nodeFlags, 'node-echo.mjs', env.server.ws], {
      cwd: env.project, timeout: 5 * MINUTE,
    });
    const out = JSON.parse(stdout.trim().split('\n').pop());
    assert.equal(out.error, undefined);
    const dist = path.join(realpathSync(env.installed), 'dist');
    assert.equal(out.resolved, pathToFileURL(path.join(dist, 'tether.js')).href);
    assert.equal(out.wasm, pathToFileURL(path.join(dist, 'tether.wasm')).href);
    assert.equal(out.echoed, 'hello from Node');
  });

  test('TypeScript: the installed types check in the project (strict, nodenext)', async () => {
    const tsc = path.join(webDir, 'node_modules', '.bin', 'tsc');
    const { stdout } = await run(tsc, ['-p', env.project], { cwd: env.project, timeout: 5 * MINUTE });
    assert.equal(stdout, '');
  });

  test('Chromium: a page without a bundler and a module worker, from node_modules, echo', { skip: chromiumAvailable() ? false : 'no Chromium' }, async () => {
    const site = await startStaticServer(env.project, { upgradeTo: env.server.url });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${site.url}/index.html`);
      await page.waitForFunction(() => window.results !== undefined, null, { timeout: 5 * MINUTE });
      const out = await page.evaluate(() => window.results);
      assert.deepEqual(out, { page: 'hello from a page', worker: 'hello from a worker', workerWindow: 'undefined' });
      assert.deepEqual(errors, []);
      // The defaults: both realms fetched tether.wasm and wasm_exec.js next to the module.
      const dist = '/node_modules/@tetherws/tether/dist/';
      const got = (name) => site.served.filter((r) => r.path === `${dist}${name}` && r.status === 200);
      assert.equal(got('tether.wasm').length, 2);
      assert.ok(got('tether.wasm').every((r) => r.type === 'application/wasm'));
      assert.equal(got('wasm_exec.js').length, 2);
    } finally {
      await browser.close();
      await site.stop();
    }
  });
});
