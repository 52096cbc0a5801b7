// TetherSocket's defaults are Go's (README "Defaults"): the first attempt is
// not retried, the outbox is on (1024 messages, 4 MiB, refusing what does not
// fit) and the read limit is 1 MiB.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileEnv, chromiumAvailable } from './helpers.mjs';

const T30 = { timeout: 30_000 };
const MiB = 1 << 20;
const ATTEMPT_FAILED = 'tether: connection attempt failed (the browser does not expose why: refused, HTTP error or subprotocol)';
const REFUSED = 'tether: outbox full: message refused';

describe('TetherSocket defaults', { skip: !chromiumAvailable() && 'no chromium' }, () => {
  const env = fileEnv({ before, after });

  it('does not retry a failed first attempt: error, then a last close 1006, like WebSocket', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const key = `first${Math.random()}`;
      const s = new tether.TetherSocket(`${ws}/chaos?status=503&key=${key}`);
      const log = T.lifecycle(s);
      const c = await T.next(s, 'close');
      const stats = await (await fetch(`/stats?key=${encodeURIComponent(key)}`)).json();
      return { log: [...log], errors: log.errors, close: [c.code, c.wasClean, c.willReconnect], handshakes: stats.handshakes };
    }, env.server.ws);
    assert.deepEqual(r.log, ['state:connecting:0', 'state:closing:2', 'state:closed:3', 'error:3', 'close:1006:3:final']);
    assert.deepEqual(r.errors, [ATTEMPT_FAILED]);
    assert.deepEqual(r.close, [1006, false, false]);
    assert.equal(r.handshakes, 1);
  });

  it('queues up to 1024 messages while CONNECTING and refuses the next', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const s = new tether.TetherSocket(`${ws}/echo`);
      const got = [];
      s.onmessage = (e) => got.push(e.data);
      const unsent = T.next(s, 'unsent');
      for (let i = 0; i <= 1024; i++) s.send(`m${i}`); // before the connection can open
      const u = await unsent;
      await T.until(() => got.length === 1024, 10_000, 'the echoes');
      s.close();
      await T.next(s, 'close');
      return { unsent: [[...u.messages], u.message], inOrder: got.every((d, i) => d === `m${i}`), count: got.length };
    }, env.server.ws);
    assert.deepEqual(r.unsent, [['m1024'], REFUSED]);
    assert.equal(r.count, 1024);
    assert.equal(r.inOrder, true);
  });

  it('queues up to 4 MiB while CONNECTING and refuses the next byte', T30, async () => {
    const r = await env.page.evaluate(async ({ ws, MiB }) => {
      const s = new tether.TetherSocket(`${ws}/echo`);
      s.binaryType = 'arraybuffer';
      const got = [];
      s.onmessage = (e) => got.push(e.data.byteLength);
      const unsent = T.next(s, 'unsent');
      for (let i = 0; i < 4; i++) s.send(new Uint8Array(MiB));
      s.send(new Uint8Array(1));
      const buffered = s.bufferedAmount;
      const u = await unsent;
      await T.until(() => got.length === 4, 10_000, 'the echoes');
      s.close();
      await T.next(s, 'close');
      return { buffered, unsent: [u.messages.map((m) => m.byteLength), u.message], got };
    }, { ws: env.server.ws, MiB });
    assert.equal(r.buffered, 4 * MiB); // the refused byte is not counted
    assert.deepEqual(r.unsent, [[1], REFUSED]);
    assert.deepEqual(r.got, [MiB, MiB, MiB, MiB]);
  });

  it('reports what a full outbox refused of the sends listeners make, framed or deferred', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      // A listener's sends during an event Go delivers are framed into Go's
      // memory while they fit (64 KiB), and deferred to the top level after.
      const run = async (size) => {
        const key = `full${Math.random()}`;
        const s = new tether.TetherSocket(`${ws}/chaos?key=${key}`, [], { reconnect: { initialDelay: 100, jitter: 0 } });
        await T.next(s, 'open');
        s.send('x');
        await T.next(s, 'message'); // the server has registered the connection
        const pad = 'p'.repeat(size);
        const got = [];
        s.onmessage = (e) => got.push(e.data);
        const unsent = T.next(s, 'unsent');
        s.addEventListener('reconnecting', () => {
          for (let i = 0; i <= 1024; i++) s.send(`${i}:${pad}`);
        }, { once: true });
        await T.act('drop', key);
        const u = await unsent;
        await T.until(() => got.length === 1024, 10_000, 'the echoes');
        s.close();
        await T.next(s, 'close');
        return { unsent: [u.messages.map((m) => m.split(':')[0]), u.message], inOrder: got.every((d, i) => d === `${i}:${pad}`) };
      };
      return { framed: await run(4), deferred: await run(100) };
    }, env.server.ws);
    for (const k of ['framed', 'deferred']) {
      assert.deepEqual(r[k].unsent, [['1024'], REFUSED], k);
      assert.equal(r[k].inOrder, true, k);
    }
  });

  it('accepts messages up to 1 MiB and closes with 1009 on a larger one', T30, async () => {
    const r = await env.page.evaluate(async ({ ws, MiB }) => {
      const s = new tether.TetherSocket(`${ws}/echo`, [], { reconnect: false });
      s.binaryType = 'arraybuffer';
      const log = T.lifecycle(s);
      await T.next(s, 'open');
      s.send(new Uint8Array(MiB));
      const m = await T.next(s, 'message');
      s.send(new Uint8Array(MiB + 1)); // the echo is over the limit
      const c = await T.next(s, 'close');
      return { echoed: m.data.byteLength, close: [c.code, c.wasClean, c.willReconnect], errors: log.errors };
    }, { ws: env.server.ws, MiB });
    assert.equal(r.echoed, MiB);
    assert.deepEqual(r.close, [1009, false, false]);
    assert.deepEqual(r.errors, []);
  });
});
