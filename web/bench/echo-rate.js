// Runs in the benchmark page (bench/index.html) for bench.mjs: echo round
// trips per second through the browser's WebSocket, TetherSocket and a minimal
// Go echo through one js.FuncOf call per message, in alternating rounds.

import * as tether from '../dist/tether.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function nextEvent(target, type, ms = 10_000) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no ${type} event within ${ms} ms`)), ms);
    target.addEventListener(type, (e) => { clearTimeout(t); resolve(e); }, { once: true });
  });
}

/** Starts the minimal Go echo (bench.mjs builds dist/bench/floor.wasm), once. */
async function loadFloor() {
  if (globalThis.goFloorEcho) return;
  const go = new globalThis.Go();
  const { instance } = await WebAssembly.instantiateStreaming(fetch('../dist/bench/floor.wasm'), go.importObject);
  go.run(instance);
  for (let i = 0; i < 500 && !globalThis.goFloorEcho; i++) await sleep(10);
  if (!globalThis.goFloorEcho) throw new Error('floor.wasm did not start');
}

/**
 * Echo round trips per second: inflight messages of size bytes circulate
 * through a socket of kind ('native', 'tether' or 'floor') for ms
 * milliseconds, after 300 ms of warm-up.
 */
export async function echoRate({ ws, kind, size, inflight, ms }) {
  if (kind === 'floor') await loadFloor();
  const s = kind === 'tether' ? new tether.TetherSocket(`${ws}/echo`, [], { heartbeat: false }) : new WebSocket(`${ws}/echo`);
  await nextEvent(s, 'open');
  const payload = 'x'.repeat(size);
  let count = 0;
  let running = true;
  if (kind === 'floor') {
    s.addEventListener('message', () => { count++; });
    globalThis.goFloorEcho(s); // Go answers every message until the socket closes
  } else {
    s.onmessage = () => { count++; if (running) s.send(payload); };
  }
  for (let i = 0; i < inflight; i++) s.send(payload);
  await sleep(300);
  count = 0;
  const t0 = performance.now();
  await sleep(ms);
  const n = count;
  const dt = performance.now() - t0;
  running = false;
  await sleep(20);
  s.close();
  await nextEvent(s, 'close');
  return (n / dt) * 1000;
}

/**
 * Measures every case, rounds times each, alternating the kinds within a
 * round, and hands report one { size, inflight, native, tether, floor }
 * (arrays of msgs/s by round) per case. First each kind echoes, unmeasured,
 * for warmup milliseconds: V8 compiles WebAssembly with a fast baseline
 * compiler and optimizes hot functions in the background, and the first
 * seconds of tether.wasm run slower than the steady state measured here.
 */
export async function run({ ws, cases, rounds, ms, warmup, report }) {
  await tether.load();
  for (const kind of ['native', 'tether', 'floor']) {
    if (warmup > 0) await echoRate({ ws, kind, size: 32, inflight: 16, ms: warmup });
  }
  for (const { size, inflight } of cases) {
    const r = { size, inflight, native: [], tether: [], floor: [] };
    for (let i = 0; i < rounds; i++) {
      for (const kind of ['native', 'tether', 'floor']) r[kind].push(await echoRate({ ws, kind, size, inflight, ms }));
    }
    await report(r);
  }
}
