// Per-attempt parameters: url and protocols given as functions (sync or
// async) are called before every connection attempt; what they throw, reject
// or return invalid fails that attempt like a failed dial.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileEnv, chromiumAvailable } from './helpers.mjs';

const T30 = { timeout: 30_000 };
const ATTEMPT_FAILED = 'tether: connection attempt failed (the browser does not expose why: refused, HTTP error or subprotocol)';

describe('TetherSocket url and protocols functions', { skip: !chromiumAvailable() && 'no chromium' }, () => {
  const env = fileEnv({ before, after });

  it('calls an async url function before every attempt and opens on the refreshed URL', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const key = `token${Math.random()}`;
      const urls = [];
      const s = new tether.TetherSocket(async () => {
        await null;
        // The first token is stale: the server refuses it (401).
        const u = urls.length === 0 ? `${ws}/chaos?status=401&key=${key}&token=STALE7` : `${ws}/echo?key=${key}&token=fresh${urls.length}`;
        urls.push(u);
        return u;
      }, undefined, { reconnect: { initialDelay: 20, jitter: 0, retryFirstDial: true } });
      const atStart = s.url;
      const log = T.lifecycle(s);
      await T.next(s, 'open');
      const atOpen = { calls: urls.length, url: s.url };
      s.send('hi');
      const m = await T.next(s, 'message');
      s.close();
      await T.next(s, 'close');
      const stats = await (await fetch(`/stats?key=${encodeURIComponent(key)}`)).json();
      return { atStart, atOpen, urls, echoed: [m.data, m.origin], log: [...log], errors: log.errors, stats };
    }, env.server.ws);
    assert.equal(r.atStart, '', 'no URL before the function returned one');
    assert.equal(r.atOpen.calls, 2);
    assert.equal(r.atOpen.url, r.urls[1]);
    assert.deepEqual(r.echoed, ['hi', env.server.ws]); // origin: that of the URL used
    assert.deepEqual(r.log.slice(0, 7), [
      'state:connecting:0', 'error:0', 'close:1006:0:retry', 'state:reconnecting:0', 'reconnecting:0',
      'state:connecting:0', 'state:open:1',
    ]);
    assert.deepEqual(r.errors, [ATTEMPT_FAILED]);
    assert.deepEqual([r.stats.handshakes, r.stats.rejected, r.stats.accepted], [2, 1, 1]);
  });

  it('calls a sync protocols function before every attempt', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const offers = [];
      const s = new tether.TetherSocket(() => `${ws}/echo`, () => {
        const p = offers.length === 0 ? ['not.served'] : ['chat.v1'];
        offers.push(p);
        return p;
      }, { requireSubprotocol: true, reconnect: { initialDelay: 20, jitter: 0, retryFirstDial: true } });
      const log = T.lifecycle(s);
      await T.next(s, 'open');
      const out = { offers, protocol: s.protocol, url: s.url, log: [...log], errors: log.errors };
      s.close();
      await T.next(s, 'close');
      return out;
    }, env.server.ws);
    assert.deepEqual(r.offers, [['not.served'], ['chat.v1']]);
    assert.equal(r.protocol, 'chat.v1');
    assert.equal(r.url, `${env.server.ws}/echo`);
    assert.deepEqual(r.log.slice(1, 3), ['error:0', 'close:1006:0:retry']);
    assert.deepEqual(r.errors, [ATTEMPT_FAILED]); // Chromium fails an offer the server answers with none
  });

  it('fails the attempt when the function throws, rejects or returns an invalid URL, then retries', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const key = `fail${Math.random()}`;
      let calls = 0;
      const s = new tether.TetherSocket(() => {
        calls++;
        if (calls === 1) throw new Error('token service down');
        if (calls === 2) return Promise.reject(new TypeError('fetch failed'));
        if (calls === 3) return 'ftp://SECRET9@example.com/';
        return `${ws}/echo?key=${key}`;
      }, [], { reconnect: { initialDelay: 10, maxDelay: 20, jitter: 0, retryFirstDial: true } });
      const log = T.lifecycle(s);
      await T.next(s, 'open');
      const out = { calls, log: [...log], errors: log.errors };
      s.close();
      await T.next(s, 'close');
      out.stats = await (await fetch(`/stats?key=${encodeURIComponent(key)}`)).json();
      return out;
    }, env.server.ws);
    assert.equal(r.calls, 4);
    const failed = ['error:0', 'close:1006:0:retry', 'state:reconnecting:0', 'reconnecting:0', 'state:connecting:0'];
    assert.deepEqual(r.log, ['state:connecting:0', ...failed, ...failed, ...failed, 'state:open:1', 'open:1']);
    assert.deepEqual(r.errors, [
      'tether: the url function failed: token service down',
      'tether: the url function failed: fetch failed',
      'tether: the url function returned an invalid URL',
    ]);
    assert.equal(r.stats.handshakes, 1, 'the failed attempts never dialled');
  });

  it('ends with error and close when a function fails and reconnect is off', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const s = new tether.TetherSocket(`${ws}/echo`, async () => { throw new Error('no token'); }, { reconnect: false });
      const log = T.lifecycle(s);
      const c = await T.next(s, 'close');
      return { log: [...log], errors: log.errors, close: [c.code, c.wasClean, c.willReconnect], url: s.url };
    }, env.server.ws);
    assert.deepEqual(r.log, ['state:connecting:0', 'state:closing:2', 'state:closed:3', 'error:3', 'close:1006:3:final']);
    assert.deepEqual(r.errors, ['tether: the protocols function failed: no token']);
    assert.deepEqual(r.close, [1006, false, false]);
    assert.equal(r.url, `${env.server.ws}/echo`);
  });

  it('fails an attempt whose function does not settle within connectTimeout, and drops its late answer', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      let settleFirst;
      const first = new Promise((resolve) => { settleFirst = resolve; });
      let calls = 0;
      const s = new tether.TetherSocket(() => (++calls === 1 ? first : `${ws}/echo?n=${calls}`), [], {
        reconnect: { connectTimeout: 500, initialDelay: 10, jitter: 0, retryFirstDial: true },
      });
      const log = T.lifecycle(s);
      await T.next(s, 'open');
      const url = s.url;
      settleFirst(`${ws}/echo?late=1`); // the attempt it was for has failed
      await null;
      s.send('still fine');
      const m = await T.next(s, 'message');
      s.close();
      await T.next(s, 'close');
      return { log: [...log], errors: log.errors, url, urlAfter: s.url, echoed: m.data };
    }, env.server.ws);
    assert.deepEqual(r.log.slice(0, 6), [
      'state:connecting:0', 'error:0', 'close:1006:0:retry', 'state:reconnecting:0', 'reconnecting:0', 'state:connecting:0',
    ]);
    assert.equal(r.errors[0], 'tether: the url or protocols function did not settle within the connect timeout');
    assert.ok(/\/echo\?n=\d+$/.test(r.url), r.url);
    assert.equal(r.echoed, 'still fine');
  });

  it('stops at close() while a function is pending; its late answer changes nothing', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const api = globalThis[Symbol.for('tetherws.tether.wasm')].api;
      const count = api.count();
      let settle;
      let noteCall;
      const called = new Promise((resolve) => { noteCall = resolve; });
      const s = new tether.TetherSocket(() => new Promise((resolve) => { settle = resolve; noteCall(); }));
      const log = T.lifecycle(s);
      await called;
      s.close();
      const c = await T.next(s, 'close');
      settle(`${ws}/echo`); // after the socket ended: never reaches Go
      await T.sleep(0);
      // Go is alive and the socket is released.
      const t = new tether.TetherSocket(`${ws}/echo`);
      await T.next(t, 'open');
      t.send('alive');
      const m = await T.next(t, 'message');
      t.close();
      await T.next(t, 'close');
      await T.until(() => api.count() === count, 5000, 'sockets released');
      return { log: [...log], errors: log.errors, close: [c.code, c.willReconnect], url: s.url, echoed: m.data };
    }, env.server.ws);
    assert.deepEqual(r.log, ['state:connecting:0', 'state:closing:2', 'state:closed:3', 'error:3', 'close:1006:3:final']);
    assert.deepEqual(r.errors, ['tether: closed before the connection was established']);
    assert.deepEqual(r.close, [1006, false]);
    assert.equal(r.url, '');
    assert.equal(r.echoed, 'alive');
    assert.deepEqual(env.page.errors, []);
  });
});
