#!/usr/bin/env node
// Size and speed of Tether in the browser.
//
//   node web/bench.mjs [--seconds=S] [--rounds=N] [--warmup=S] [--check] [--no-build] [--devtools] [--per-round] [--cases=32x1,...]
//
// Size: tether.wasm (web/build.sh) beside a minimal coder/websocket js/wasm
// client built here the same way (-trimpath -ldflags='-s -w'), and a Go
// hello-world as the floor every Go wasm binary pays; gzip -9 sizes.
//
// Speed: echo round trips per second through TetherSocket and through the
// browser's own WebSocket, in the same page and run, against the native test
// server: 32 B and 1 KiB text messages, 1 and 16 in flight. Each round runs
// both (and the FuncOf echo below) for --seconds each; the ratio is the
// median of the rounds' TetherSocket ÷ WebSocket, with its range. Before the
// first round each socket echoes unmeasured for --warmup seconds (default 3),
// so V8 has optimized the hot WebAssembly and JavaScript: the steady state is
// measured, not the first seconds of a page.
// A third column runs a minimal Go echo through one js.FuncOf callback per
// message, the cost tether.wasm avoids with wasm exports (wasm/exports.go).
//
// Chromium runs the page (web/bench/index.html) headless with no DevTools
// client attached, as users run it: a DevTools client such as Playwright
// enables the Network domain, which records every WebSocket frame and costs
// the browser process far more CPU per message than either socket does (on a
// 2-core machine that halves both rates and hides the difference). The page
// posts its results to a collector on 127.0.0.1. --devtools measures through
// Playwright instead, for comparison.
//
// --check exits with status 1 when a target is missed; --no-build uses
// web/dist as it is; --per-round prints each round's ratio, in round order;
// --cases measures only the given SIZExINFLIGHT cases (default
// 32x1,32x16,1024x1,1024x16).

import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, chromiumPath, chromiumArgs } from './test/helpers.mjs';

const webDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.resolve(webDir, '..');
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? true]));
const seconds = Number(args.seconds ?? 1);
const rounds = Number(args.rounds ?? 7);
const warmup = Number(args.warmup ?? 3);

const TARGET_GZIP = 850_000; // issue "Fleet scale", item 5
const TARGET_VS_CODER = 0.75;
const TARGET_SPEED = { 1: 0.85, 16: 0.75 }; // the same item

const CODER_MAIN = `//go:build js && wasm

// A minimal coder/websocket client for js/wasm: dial, echo one message, close.
package main

import (
	"context"
	"syscall/js"

	"github.com/coder/websocket"
)

func main() {
	ctx := context.Background()
	c, _, err := websocket.Dial(ctx, js.Global().Get("ECHO_URL").String(), nil)
	if err != nil {
		println(err.Error())
		return
	}
	defer c.Close(websocket.StatusNormalClosure, "")
	if err := c.Write(ctx, websocket.MessageText, []byte("hello")); err != nil {
		println(err.Error())
		return
	}
	_, b, err := c.Read(ctx)
	if err != nil {
		println(err.Error())
		return
	}
	println(string(b))
}
`;

// A minimal Go echo through syscall/js alone: each message goes into Go
// through one js.FuncOf callback and back out with ws.send from Go.
const FLOOR_MAIN = `//go:build js && wasm

package main

import "syscall/js"

func main() {
	js.Global().Set("goFloorEcho", js.FuncOf(func(_ js.Value, a []js.Value) any {
		ws := a[0]
		ws.Set("onmessage", js.FuncOf(func(_ js.Value, args []js.Value) any {
			ws.Call("send", args[0].Get("data").String())
			return nil
		}))
		return nil
	}))
	select {}
}
`;

const HELLO_MAIN = `package main

import "syscall/js"

func main() { js.Global().Get("console").Call("log", "hello") }
`;

function goBuild(dir, out) {
  execFileSync('go', ['build', '-trimpath', '-ldflags=-s -w', '-o', out, '.'], {
    cwd: dir, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, GOOS: 'js', GOARCH: 'wasm', GOFLAGS: '-mod=mod' },
  });
  return out;
}

function buildComparisons() {
  const tmp = mkdtempSync(path.join(tmpdir(), 'tether-bench-'));
  try {
    const sum = readFileSync(path.join(rootDir, 'go.sum'), 'utf8').split('\n').filter((l) => l.startsWith('github.com/coder/websocket ')).join('\n');
    const coderVersion = readFileSync(path.join(rootDir, 'go.mod'), 'utf8').match(/github\.com\/coder\/websocket (v\S+)/)[1];
    const coder = path.join(tmp, 'coder');
    const hello = path.join(tmp, 'hello');
    const floor = path.join(tmp, 'floor');
    execFileSync('mkdir', ['-p', coder, hello, floor]);
    writeFileSync(path.join(floor, 'main.go'), FLOOR_MAIN);
    writeFileSync(path.join(floor, 'go.mod'), 'module floor\n\ngo 1.26\n');
    execFileSync('mkdir', ['-p', path.join(webDir, 'dist', 'bench')]);
    goBuild(floor, path.join(webDir, 'dist', 'bench', 'floor.wasm'));
    writeFileSync(path.join(coder, 'main.go'), CODER_MAIN);
    writeFileSync(path.join(coder, 'go.mod'), `module coderclient\n\ngo 1.26\n\nrequire github.com/coder/websocket ${coderVersion}\n`);
    writeFileSync(path.join(coder, 'go.sum'), `${sum}\n`);
    writeFileSync(path.join(hello, 'main.go'), HELLO_MAIN);
    writeFileSync(path.join(hello, 'go.mod'), 'module hello\n\ngo 1.26\n');
    return {
      coder: readFileSync(goBuild(coder, path.join(tmp, 'coder.wasm'))),
      hello: readFileSync(goBuild(hello, path.join(tmp, 'hello.wasm'))),
      coderVersion,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const sizeOf = (buf) => ({ raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
const kb = (n) => `${(n / 1000).toFixed(0).padStart(6)} kB`;
const mark = (ok) => (ok ? 'ok  ' : 'MISS');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

async function main() {
  if (!args['no-build']) {
    console.log('building…');
    execFileSync(path.join(webDir, 'build.sh'), { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const tether = sizeOf(readFileSync(path.join(webDir, 'dist', 'tether.wasm')));
  const cmp = buildComparisons();
  const coder = sizeOf(cmp.coder);
  const hello = sizeOf(cmp.hello);
  const sizeOK = tether.gzip <= TARGET_GZIP;
  const ratioOK = tether.gzip <= TARGET_VS_CODER * coder.gzip;
  let failed = !sizeOK || !ratioOK;

  console.log('\nSize (GOOS=js GOARCH=wasm, -trimpath -ldflags=\'-s -w\', gzip -9)');
  console.log('  binary                                   raw        gzip');
  console.log(`  tether.wasm (TetherSocket API)     ${kb(tether.raw)}   ${kb(tether.gzip)}   ${mark(sizeOK)} target ≤ ${kb(TARGET_GZIP).trim()}`);
  console.log(`  coder/websocket ${cmp.coderVersion} client     ${kb(coder.raw)}   ${kb(coder.gzip)}`);
  console.log(`  Go hello world (runtime floor)     ${kb(hello.raw)}   ${kb(hello.gzip)}`);
  console.log(`  tether / coder (gzip)                          ${(tether.gzip / coder.gzip).toFixed(2)}×     ${mark(ratioOK)} target ≤ ${TARGET_VS_CODER}×`);

  const server = await startServer();
  try {
    const all = args.cases ? String(args.cases).split(',').map((c) => c.split('x').map(Number)) : [[32, 1], [32, 16], [1024, 1], [1024, 16]];
    const cases = all.map(([size, inflight]) => ({ size, inflight }));
    const how = args.devtools ? 'with Playwright (DevTools) attached' : 'no DevTools attached';
    console.log(`\nEcho round trips per second in headless Chromium (${how}; ${warmup} s warm-up, ${rounds} rounds × ${seconds} s, text, loopback)`);
    console.log('  size    in flight   WebSocket   TetherSocket   ratio [range]        target        FuncOf echo¹');
    for (const r of await measureSpeed(server, cases)) {
      const ratio = pairedRatio(r.tether, r.native);
      const ok = ratio.median >= TARGET_SPEED[r.inflight];
      failed ||= !ok;
      const range = `[${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}]`;
      console.log(`  ${String(r.size).padStart(4)} B  ${String(r.inflight).padStart(6)}     ${median(r.native).toFixed(0).padStart(8)}     ${median(r.tether).toFixed(0).padStart(8)}     ${ratio.median.toFixed(2)}× ${range.padEnd(12)}  ${mark(ok)} ≥ ${TARGET_SPEED[r.inflight]}×   ${pairedRatio(r.floor, r.native).median.toFixed(2)}×`);
      if (args['per-round']) console.log(`                 per round: ${r.tether.map((v, i) => (v / r.native[i]).toFixed(2)).join(' ')}`);
    }
    console.log('  ratio: median over the rounds of TetherSocket ÷ WebSocket measured in the same round.');
    console.log('  ¹ a minimal Go echo through syscall/js (ws.onmessage → one js.FuncOf → ws.send from Go), as a');
    console.log('    ratio to WebSocket: what one js.FuncOf call per message costs (tether.wasm uses wasm exports).');
  } finally {
    await server.stop();
  }
  if (args.check && failed) process.exitCode = 1;
}

/** Median, min and max of a[i] / b[i]. */
function pairedRatio(a, b) {
  const rs = a.map((v, i) => v / b[i]).sort((x, y) => x - y);
  return { median: median(rs), min: rs[0], max: rs[rs.length - 1] };
}

/**
 * Runs web/bench/index.html in headless Chromium and resolves with one
 * { size, inflight, native, tether, floor } per case, which the page posts to
 * a collector on 127.0.0.1. The browser is stopped by its process id, and
 * killed if the page has not finished in time.
 */
async function measureSpeed(server, cases) {
  const results = [];
  let finish;
  const finished = new Promise((resolve, reject) => { finish = { resolve, reject }; });
  const collector = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      res.end();
      const msg = JSON.parse(body);
      if (msg.error) finish.reject(new Error(`benchmark page: ${msg.error}`));
      else if (msg.done) finish.resolve(results);
      else results.push(msg);
    });
  });
  collector.listen(0, '127.0.0.1');
  await once(collector, 'listening');
  const query = new URLSearchParams({
    cases: cases.map((c) => `${c.size}x${c.inflight}`).join(','),
    rounds: String(rounds),
    ms: String(seconds * 1000),
    warmup: String(warmup * 1000),
    report: `http://127.0.0.1:${collector.address().port}/`,
  });
  const url = `${server.url}/web/bench/index.html?${query}`;
  const budget = (cases.length * rounds * 3 * (seconds + 1) + 3 * (warmup + 1) + 60) * 1000;
  const stop = args.devtools ? await openWithDevTools(url) : openHeadless(url);
  const timer = setTimeout(() => finish.reject(new Error(`benchmark page did not finish within ${budget / 1000} s`)), budget);
  try {
    return await finished;
  } finally {
    clearTimeout(timer);
    await stop();
    collector.close();
  }
}

/**
 * Starts Chromium on url with no DevTools client, in a process group of its
 * own; returns its stop function, which ends the whole group (the browser's
 * helper processes too) and removes the temporary profile.
 */
function openHeadless(url) {
  const profile = mkdtempSync(path.join(tmpdir(), 'tether-bench-chromium-'));
  const child = spawn(chromiumPath, ['--headless', ...chromiumArgs, `--user-data-dir=${profile}`, url], { stdio: 'ignore', detached: true });
  const signal = (sig) => { try { process.kill(-child.pid, sig); } catch { /* gone */ } };
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      signal('SIGTERM');
      const t = setTimeout(() => signal('SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
    }
    signal('SIGKILL'); // helpers that outlived the browser
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch (err) {
      console.error(`bench: could not remove ${profile}: ${err.message}`);
    }
  };
}

/** Opens url through Playwright (DevTools attached); returns its stop function. */
async function openWithDevTools(url) {
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.goto(url);
  return () => browser.close();
}

await main();
