#!/usr/bin/env node
// Size and speed of Tether in the browser.
//
//   node web/bench.mjs [--seconds=S] [--rounds=N] [--check] [--no-build]
//
// Size: tether.wasm (web/build.sh) beside a minimal coder/websocket js/wasm
// client built here the same way (-trimpath -ldflags='-s -w'), and a Go
// hello-world as the floor every Go wasm binary pays; gzip -9 sizes.
// Speed: echo round trips per second through TetherSocket and through the
// browser's own WebSocket, in the same page and run, against the native test
// server: 32 B and 1 KiB text messages, 1 and 16 in flight; the median of
// --rounds alternating rounds of --seconds each.
// A third column runs a minimal Go echo through one js.FuncOf callback per
// message, the cost tether.wasm avoids with wasm exports (wasm/exports.go).
// --check exits with status 1 when a target is missed; --no-build uses
// web/dist as it is.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, openPage } from './test/helpers.mjs';

const webDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.resolve(webDir, '..');
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? true]));
const seconds = Number(args.seconds ?? 1);
const rounds = Number(args.rounds ?? 5);

const TARGET_GZIP = 1_000_000;
const TARGET_VS_CODER = 0.75;
const TARGET_SPEED = { 1: 0.8, 16: 0.6 };

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

// Runs in the page: echo round trips per second through a socket made by kind.
async function echoRate({ ws, kind, size, inflight, ms }) {
  if (kind === 'floor' && !globalThis.goFloorEcho) {
    const go = new Go();
    const { instance } = await WebAssembly.instantiateStreaming(fetch('/web/dist/bench/floor.wasm'), go.importObject);
    go.run(instance);
    await T.until(() => globalThis.goFloorEcho);
  }
  const make = () => (kind === 'tether' ? new tether.TetherSocket(`${ws}/echo`, [], { heartbeat: false }) : new WebSocket(`${ws}/echo`));
  const s = make();
  await T.next(s, 'open');
  const payload = 'x'.repeat(size);
  let count = 0;
  let running = true;
  if (kind === 'floor') {
    s.addEventListener('message', () => { count++; });
    goFloorEcho(s); // Go answers every message until the socket closes
  } else {
    s.onmessage = () => { count++; if (running) s.send(payload); };
  }
  for (let i = 0; i < inflight; i++) s.send(payload);
  await T.sleep(Math.min(300, ms / 3)); // warm up
  count = 0;
  const t0 = performance.now();
  await T.sleep(ms);
  const n = count;
  const dt = performance.now() - t0;
  running = false;
  await T.sleep(20);
  s.close();
  await T.next(s, 'close');
  return (n / dt) * 1000;
}

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
  const browser = await launchBrowser();
  try {
    const page = await openPage(browser, server);
    console.log(`\nEcho round trips per second in Chromium (median of ${rounds} × ${seconds} s, text messages, loopback)`);
    console.log('  size    in flight   WebSocket   TetherSocket   ratio   target        FuncOf echo¹');
    for (const size of [32, 1024]) {
      for (const inflight of [1, 16]) {
        const native = [];
        const tsock = [];
        const floor = [];
        for (let r = 0; r < rounds; r++) {
          const opts = { ws: server.ws, size, inflight, ms: seconds * 1000 };
          native.push(await page.evaluate(echoRate, { ...opts, kind: 'native' }));
          tsock.push(await page.evaluate(echoRate, { ...opts, kind: 'tether' }));
          floor.push(await page.evaluate(echoRate, { ...opts, kind: 'floor' }));
        }
        const n = median(native);
        const t = median(tsock);
        const f = median(floor);
        const ratio = t / n;
        const ok = ratio >= TARGET_SPEED[inflight];
        failed ||= !ok;
        console.log(`  ${String(size).padStart(4)} B  ${String(inflight).padStart(6)}     ${n.toFixed(0).padStart(8)}     ${t.toFixed(0).padStart(8)}     ${ratio.toFixed(2)}×   ${mark(ok)} ≥ ${TARGET_SPEED[inflight]}×   ${(f / n).toFixed(2)}×`);
      }
    }
    console.log('  ¹ a minimal Go echo through syscall/js (ws.onmessage → one js.FuncOf → ws.send from Go), as a');
    console.log('    ratio to WebSocket: what one js.FuncOf call per message costs (tether.wasm uses wasm exports).');
  } finally {
    await browser.close();
    await server.stop();
  }
  if (args.check && failed) process.exitCode = 1;
}

await main();
