// Shared by the browser tests: the native Go server (tests/browser/server),
// Debian's Chromium driven by playwright-core, and a page with tether loaded.

import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const testsDir = path.resolve(webDir, '..', 'tests');
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-quic', '--disable-sync',
];

/** Builds the server binary (cached by go build) into dist/bin. */
export function buildServer() {
  const bin = path.join(webDir, 'dist', 'bin', 'tether-browser-server');
  execFileSync('go', ['build', '-o', bin, './browser/server'], { cwd: testsDir, stdio: ['ignore', 'inherit', 'inherit'] });
  return bin;
}

/**
 * Starts the native server and resolves with { url, ws, pid, stop }. url is
 * http://127.0.0.1:PORT (pages under url + '/web/'), ws the same as ws://.
 * stop() ends it by pid: SIGTERM, then SIGKILL after 3 s.
 */
export async function startServer() {
  const bin = buildServer();
  const child = spawn(bin, ['-web', webDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('server did not print its URL within 20 s')), 20_000);
    child.on('exit', (code) => reject(new Error(`server exited early with ${code}`)));
    child.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(buf.slice(0, nl).trim());
      }
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    process.kill(child.pid, 'SIGTERM');
    const t = setTimeout(() => { try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ } }, 3000);
    await exited;
    clearTimeout(t);
  };
  return { url, ws: url.replace(/^http/, 'ws'), pid: child.pid, stop };
}

export function chromiumAvailable() {
  return existsSync(chromiumPath);
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs, timeout: 30_000 });
}

/**
 * Opens the test page (tether loaded as window.tether) and records console
 * output and page errors in page.logs and page.errors.
 */
export async function openPage(browser, server) {
  const page = await browser.newPage();
  page.logs = [];
  page.errors = [];
  page.on('console', (m) => page.logs.push(m.text()));
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(`${server.url}/web/test/fixtures/page.html`);
  await page.waitForFunction(() => window.tetherReady, null, { timeout: 20_000 });
  const ready = await page.evaluate(() => window.tetherReady);
  if (ready !== 'ok') throw new Error(`tether did not load: ${ready}`);
  return page;
}

/**
 * A browser and a server for one test file. Call inside describe():
 * const env = setup(); then env.page, env.server in tests.
 */
export function fileEnv({ before, after }) {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
    env.page = await openPage(env.browser, env.server);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/**
 * The receive buffer the test server pins a slow_read connection to
 * (internal/testserver.SlowReadBuffer); the kernel may double it.
 */
export const slowReadBuffer = 32 * 1024;

/**
 * The most a TCP socket's send buffer on this machine can hold, in bytes, as
 * the kernel reports it: the larger of autotuning's maximum
 * (net.ipv4.tcp_wmem) and twice what SO_SNDBUF may ask for
 * (net.core.wmem_max). 64 MiB where /proc does not say.
 */
export function tcpSendBufferMax() {
  try {
    const wmem = readFileSync('/proc/sys/net/ipv4/tcp_wmem', 'utf8').trim().split(/\s+/).map(Number);
    const wmemMax = Number(readFileSync('/proc/sys/net/core/wmem_max', 'utf8').trim());
    return Math.max(wmem[2], 2 * wmemMax);
  } catch {
    return 64 << 20;
  }
}
