// Go's idle timer imports (src/timers.js): one browser timer for many
// schedule/clear pairs, and Go resumed once when a live deadline passes.
// A manual clock stands in for setTimeout, clearTimeout and performance.now,
// so the tests say what happens at which instant, whatever the machine's load.

import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lazyTimeouts } from '../src/timers.js';

/** A manual clock: timers run only when advance() passes their deadline. */
function manualClock() {
  const timers = new Map(); // id → { at, fn }
  let nextID = 1;
  const clock = {
    now: 0,
    armed: 0, // setTimeout calls
    pending: () => timers.size,
    setTimeout(fn, ms = 0) {
      clock.armed++;
      const id = nextID++;
      timers.set(id, { at: clock.now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(id) { timers.delete(id); },
    /** Moves time forward by ms, running each timer due on the way in deadline order. */
    advance(ms) {
      const end = clock.now + ms;
      for (;;) {
        let next = null;
        for (const [id, t] of timers) if (t.at <= end && (next === null || t.at < next[1].at)) next = [id, t];
        if (next === null) break;
        timers.delete(next[0]);
        clock.now = next[1].at;
        next[1].fn();
      }
      clock.now = end;
    },
  };
  return clock;
}

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

describe('lazyTimeouts', () => {
  let clock;
  const saved = {};
  beforeEach(() => {
    clock = manualClock();
    saved.setTimeout = globalThis.setTimeout;
    saved.clearTimeout = globalThis.clearTimeout;
    saved.performance = Object.getOwnPropertyDescriptor(globalThis, 'performance');
    globalThis.setTimeout = clock.setTimeout;
    globalThis.clearTimeout = clock.clearTimeout;
    Object.defineProperty(globalThis, 'performance', {
      value: { now: () => clock.now }, configurable: true, writable: true,
    });
  });
  afterEach(() => {
    globalThis.setTimeout = saved.setTimeout;
    globalThis.clearTimeout = saved.clearTimeout;
    Object.defineProperty(globalThis, 'performance', saved.performance);
  });

  it('arms one browser timer for repeated schedule and clear', () => {
    const go = fakeGo();
    for (let i = 0; i < 100; i++) go.clear(go.schedule(30)); // a resume per message, as the bridge does
    const id = go.schedule(30);
    go.onResume = () => go.clear(id); // Go clears the event it takes
    assert.equal(clock.armed, 1, 'one setTimeout for 101 schedules');
    clock.advance(29);
    assert.equal(go.resumes, 0);
    clock.advance(1);
    assert.equal(go.resumes, 1);
    assert.equal(clock.pending(), 0, 'nothing left armed');
  });

  it('does not resume for a cleared event', () => {
    const go = fakeGo();
    go.clear(go.schedule(10));
    clock.advance(40);
    assert.equal(go.resumes, 0);
    assert.equal(clock.pending(), 0);
  });

  it('re-arms for a later deadline after an earlier one was cleared', () => {
    const go = fakeGo();
    go.clear(go.schedule(5));
    const id = go.schedule(30);
    go.onResume = () => go.clear(id);
    clock.advance(15); // the 5 ms timer fires, finds nothing due, re-arms for 30
    assert.equal(go.resumes, 0);
    assert.equal(clock.pending(), 1);
    clock.advance(14);
    assert.equal(go.resumes, 0);
    clock.advance(1);
    assert.equal(go.resumes, 1);
  });

  it('moves the browser timer earlier for an earlier deadline', () => {
    const go = fakeGo();
    go.schedule(50);
    go.schedule(10);
    assert.equal(clock.armed, 2);
    assert.equal(clock.pending(), 1, 'the later timer was cleared');
    clock.advance(10);
    assert.equal(go.resumes, 1);
  });

  it('resumes once for an event Go does not clear', () => {
    const go = fakeGo();
    go.schedule(5);
    clock.advance(40);
    assert.equal(go.resumes, 1);
    clock.advance(100);
    assert.equal(go.resumes, 1);
  });

  it('stops once Go has exited', () => {
    const go = fakeGo();
    go.schedule(5);
    go.exited = true;
    clock.advance(40);
    assert.equal(go.resumes, 0);
    assert.equal(clock.pending(), 0);
  });
});
