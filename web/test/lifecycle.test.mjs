// TetherSocket's lifecycle: a close event for every connection or attempt
// that ends (willReconnect says whether a reconnect follows), an error event
// before the close of each attempt that never opened, one last close with
// willReconnect false, and readyState through all of it.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileEnv, chromiumAvailable } from './helpers.mjs';

const T30 = { timeout: 30_000 };
const ATTEMPT_FAILED = 'tether: connection attempt failed (the browser does not expose why: refused, HTTP error or subprotocol)';

describe('TetherSocket lifecycle events', { skip: !chromiumAvailable() && 'no chromium' }, () => {
  const env = fileEnv({ before, after });

  it('fires close (willReconnect true, readyState CONNECTING) when an open connection is lost', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const key = `lost${Math.random()}`;
      const s = new tether.TetherSocket(`${ws}/chaos?key=${key}`, [], { reconnect: { initialDelay: 20, jitter: 0 } });
      const log = T.lifecycle(s);
      await T.next(s, 'open');
      s.send('x');
      await T.next(s, 'message'); // the server has registered the connection
      let seen;
      s.addEventListener('close', (c) => {
        seen = {
          cls: c.constructor.name, code: c.code, reason: c.reason, wasClean: c.wasClean,
          willReconnect: c.willReconnect, readyState: s.readyState,
        };
      }, { once: true });
      const reconnected = T.next(s, 'reconnect');
      await T.act('drop', key);
      try {
        await reconnected;
      } catch (err) {
        throw new Error(`${err.message}; events: ${log.join(' ')}`);
      }
      s.close(4001, 'bye');
      const f = await T.next(s, 'close');
      return { log: [...log], errors: log.errors, seen, final: [f.code, f.reason, f.wasClean, f.willReconnect, s.readyState] };
    }, env.server.ws);
    assert.deepEqual(r.seen, { cls: 'CloseEvent', code: 1006, reason: '', wasClean: false, willReconnect: true, readyState: 0 });
    assert.deepEqual(r.log, [
      'state:connecting:0', 'state:open:1', 'open:1',
      'close:1006:0:retry', 'state:reconnecting:0', 'reconnecting:0',
      'state:connecting:0', 'state:open:1', 'open:1', 'reconnect:1',
      'state:closing:2', 'state:closed:3', 'close:4001:3:final',
    ]);
    assert.deepEqual(r.errors, [], 'a lost connection fires no error, as in browsers');
    assert.deepEqual(r.final, [4001, 'bye', true, false, 3]);
  });

  it('fires error and close for every failed attempt, and a last close when retries run out', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const key = `refused${Math.random()}`;
      const s = new tether.TetherSocket(`${ws}/chaos?status=503&key=${key}&token=SECRET42`, [], {
        reconnect: { initialDelay: 20, maxDelay: 40, maxAttempts: 2, jitter: 0, retryFirstDial: true },
      });
      const log = T.lifecycle(s);
      const closes = [];
      const last = new Promise((resolve) => {
        s.addEventListener('close', (e) => {
          closes.push([e.code, e.reason, e.wasClean, e.willReconnect]);
          if (!e.willReconnect) resolve();
        });
      });
      await last;
      const stats = await (await fetch(`/stats?key=${encodeURIComponent(key)}`)).json();
      return { log: [...log], errors: log.errors, closes, stats, readyState: s.readyState };
    }, env.server.ws);
    const attempt = ['error:0', 'close:1006:0:retry', 'state:reconnecting:0', 'reconnecting:0', 'state:connecting:0'];
    assert.deepEqual(r.log, [
      'state:connecting:0', ...attempt, ...attempt,
      'state:closing:2', 'state:closed:3', 'error:3', 'close:1006:3:final',
    ]);
    assert.deepEqual(r.closes, [[1006, '', false, true], [1006, '', false, true], [1006, '', false, false]]);
    assert.equal(r.stats.handshakes, 3);
    assert.equal(r.readyState, 3);
    assert.deepEqual(r.errors, [ATTEMPT_FAILED, ATTEMPT_FAILED, ATTEMPT_FAILED]);
  });

  it('ends with error and a last close when close() is called while waiting to reconnect', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const key = `wait${Math.random()}`;
      const s = new tether.TetherSocket(`${ws}/chaos?key=${key}`, [], { reconnect: { initialDelay: 60_000, maxDelay: 60_000, jitter: 0 } });
      const log = T.lifecycle(s);
      await T.next(s, 'open');
      s.send('x');
      await T.next(s, 'message');
      const lost = T.next(s, 'close');
      const reconnecting = T.next(s, 'reconnecting');
      await T.act('close', key, { code: 4001, reason: 'server bye' });
      const c = await lost;
      await reconnecting; // a minute's wait begins
      const waiting = s.readyState;
      s.close();
      const closing = s.readyState;
      const f = await T.next(s, 'close');
      const stats = await (await fetch(`/stats?key=${encodeURIComponent(key)}`)).json();
      return {
        log: [...log], errors: log.errors, waiting, closing, stats,
        lost: [c.code, c.reason, c.wasClean, c.willReconnect], final: [f.code, f.wasClean, f.willReconnect],
      };
    }, env.server.ws);
    assert.deepEqual(r.lost, [4001, 'server bye', true, true]);
    assert.equal(r.waiting, 0);
    assert.equal(r.closing, 2);
    assert.deepEqual(r.final, [1006, false, false]);
    assert.deepEqual(r.log.slice(3), [
      'close:4001:0:retry', 'state:reconnecting:0', 'reconnecting:0',
      'state:closing:2', 'state:closed:3', 'error:3', 'close:1006:3:final',
    ]);
    assert.deepEqual(r.errors, ['tether: closed before the connection was established']);
    assert.equal(r.stats.handshakes, 1, 'no attempt after close()');
  });

  it('closes once, with willReconnect false, when the policy does not retry', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      // A 1000 from the server is final; reconnect is on.
      const s = new tether.TetherSocket(`${ws}/chaos?close_after=1`, [], { reconnect: { initialDelay: 20 } });
      const log = T.lifecycle(s);
      await T.next(s, 'close');
      return { log: [...log], errors: log.errors };
    }, env.server.ws);
    assert.deepEqual(r.log, ['state:connecting:0', 'state:open:1', 'open:1', 'state:closing:2', 'state:closed:3', 'close:1000:3:final']);
    assert.deepEqual(r.errors, []);
  });

  it('fails the first attempt with the same message when reconnect is off', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const s = new tether.TetherSocket(`${ws}/chaos?status=401&token=SECRET42`, [], { reconnect: false });
      const log = T.lifecycle(s);
      const c = await T.next(s, 'close');
      return { log: [...log], errors: log.errors, willReconnect: c.willReconnect };
    }, env.server.ws);
    assert.deepEqual(r.log, ['state:connecting:0', 'state:closing:2', 'state:closed:3', 'error:3', 'close:1006:3:final']);
    assert.deepEqual(r.errors, [ATTEMPT_FAILED]);
    assert.equal(r.willReconnect, false);
  });
});
