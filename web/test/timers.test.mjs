// Go's idle timer imports (src/timers.js): one browser timer for many
// schedule/clear pairs, and Go resumed once when a live deadline passes.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lazyTimeouts } from '../src/timers.js';

/** A stand-in for wasm_exec.js's Go: imports, memory, and a resume counter. */
function fakeGo() {
  const go = {
    mem: new DataView(new ArrayBuffer(64)),
    exited: false,
    resumes: 0,
    importObject: { gojs: { 'runtime.scheduleTimeoutEvent': () => {}, 'runtime.clearTimeoutEvent': () => {} } },
    _resume() { go.resumes++; if (go.onResume) go.onResume(); },
  };
  lazyTimeouts(go);
  const imp = go.importObject.gojs;
  go.schedule = (ms) => {
    go.mem.setUint32(8, ms, true);
    go.mem.setInt32(12, 0, true);
    imp['runtime.scheduleTimeoutEvent'](0);
    return go.mem.getInt32(16, true);
  };
  go.clear = (id) => {
    go.mem.setInt32(8, id, true);
    imp['runtime.clearTimeoutEvent'](0);
  };
  return go;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('lazyTimeouts', () => {
  it('arms one browser timer for repeated schedule and clear', async () => {
    const go = fakeGo();
    const real = globalThis.setTimeout;
    let armed = 0;
    globalThis.setTimeout = (...a) => { armed++; return real(...a); };
    try {
      for (let i = 0; i < 100; i++) go.clear(go.schedule(30)); // a resume per message, as the bridge does
      const id = go.schedule(30);
      go.onResume = () => go.clear(id); // Go clears the event it takes
      assert.ok(armed <= 2, `setTimeout called ${armed} times`);
    } finally {
      globalThis.setTimeout = real;
    }
    await sleep(80);
    assert.equal(go.resumes, 1);
  });

  it('does not resume for a cleared event', async () => {
    const go = fakeGo();
    go.clear(go.schedule(10));
    await sleep(40);
    assert.equal(go.resumes, 0);
  });

  it('re-arms for a later deadline after an earlier one was cleared', async () => {
    const go = fakeGo();
    go.clear(go.schedule(5));
    const id = go.schedule(30);
    go.onResume = () => go.clear(id);
    await sleep(15);
    assert.equal(go.resumes, 0);
    await sleep(50);
    assert.equal(go.resumes, 1);
  });

  it('resumes once for an event Go does not clear', async () => {
    const go = fakeGo();
    go.schedule(5);
    await sleep(40);
    assert.equal(go.resumes, 1);
  });
});
