// Delivery in the browser: flush(), confirms on open, the unsent event's
// reason, both loss policies, and sends the shim itself used to drop.
// Everything waits for events or settled promises, never for time.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileEnv, chromiumAvailable } from './helpers.mjs';

const T30 = { timeout: 30_000 };

describe('TetherSocket delivery', { skip: !chromiumAvailable() && 'no chromium' }, () => {
  const env = fileEnv({ before, after });

  // Defined in the page: sockets on /chaos with application pings.
  before(async () => {
    await env.page.evaluate(() => {
      const ping = '{"type":"ping"}';
      const pong = '{"type":"pong"}';
      // Pings only to confirm (barriers): the heartbeat never declares a black hole dead.
      window.HB_SLOW = { interval: 60_000, timeout: 60_000, ping, pong };
      // A black hole is found within interval + timeout.
      window.HB_FAST = { interval: 100, timeout: 400, ping, pong };
      window.chaos = (ws, query, options) => {
        const key = `delivery${Math.random()}`;
        const s = new tether.TetherSocket(`${ws}/chaos?app_ping=1&key=${key}${query}`, [], options);
        return { s, key };
      };
      window.settled = (p) => p.then(() => 'resolved', (e) => ({
        name: e.name, reason: e.reason, message: e.message, isError: e instanceof Error, cause: e.cause?.message,
      }));
      window.unsentLog = (s) => {
        const log = [];
        s.addEventListener('unsent', (e) => log.push({
          reason: e.reason, maybeDelivered: e.maybeDelivered, message: e.message,
          messages: e.messages.map((m) => (typeof m === 'string' ? m : `${m.constructor.name}:${m.size ?? m.byteLength}`)),
        }));
        return log;
      };
    });
  });

  it('flush resolves once the server read everything sent before it; open says confirms', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const { s } = chaos(ws, '', { heartbeat: HB_SLOW });
      const got = [];
      s.onmessage = (e) => got.push(e.data);
      const open = await T.next(s, 'open');
      for (let i = 0; i < 3; i++) s.send(`m${i}`);
      const result = await settled(s.flush());
      const echoedBefore = [...got]; // a pong after the echoes confirmed them
      s.close();
      await T.next(s, 'close');
      return { result, echoedBefore, confirms: open.confirms, plain: open.constructor === Event };
    }, env.server.ws);
    assert.equal(r.result, 'resolved');
    assert.deepEqual(r.echoedBefore, ['m0', 'm1', 'm2']);
    assert.equal(r.confirms, true);
    assert.equal(r.plain, true, 'open is a plain Event');
  });

  it('without an application ping confirms is false and flush resolves once written', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const s = new tether.TetherSocket(`${ws}/echo`);
      const open = await T.next(s, 'open');
      s.send('written');
      const result = await settled(s.flush());
      s.close();
      await T.next(s, 'close');
      return { result, confirms: open.confirms };
    }, env.server.ws);
    assert.deepEqual(r, { result: 'resolved', confirms: false });
  });

  it('flush rejects with UnconfirmedError when its timeout or signal ends the wait', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const { s, key } = chaos(ws, '', { heartbeat: HB_SLOW });
      const unsent = unsentLog(s);
      await T.next(s, 'open');
      await T.act('blackhole', key);
      s.send('a');
      s.send('b');
      const timeout = await settled(s.flush({ timeout: 50 }));
      const ac = new AbortController();
      const waiting = s.flush({ signal: ac.signal });
      ac.abort(new Error('user gave up'));
      const aborted = await settled(waiting);
      const early = await settled(s.flush({ signal: AbortSignal.abort() }));
      s.close(); // the black hole never confirms: handed back after Close's grace
      await T.next(s, 'close');
      return { timeout, aborted, early, unsent };
    }, env.server.ws);
    assert.equal(r.timeout.name, 'UnconfirmedError');
    assert.equal(r.timeout.isError, true);
    assert.equal(r.timeout.reason, 'timeout');
    assert.match(r.timeout.message, /^tether: messages not confirmed: 2 messages/);
    assert.equal(r.aborted.reason, 'aborted');
    assert.equal(r.aborted.cause, 'user gave up');
    assert.match(r.aborted.message, /2 messages/);
    assert.equal(r.early.reason, 'aborted');
    assert.deepEqual(r.unsent.map((u) => [u.reason, u.maybeDelivered, u.messages]), [['maybe-delivered', true, ['a', 'b']]]);
  });

  it('flush rejects when the socket closes first, after the unsent event', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const { s, key } = chaos(ws, '', { heartbeat: HB_SLOW });
      const order = [];
      s.addEventListener('unsent', (e) => order.push(`unsent:${e.reason}:${e.messages.join()}`));
      s.addEventListener('close', () => order.push('close'));
      await T.next(s, 'open');
      await T.act('blackhole', key);
      s.send('x');
      const flushed = settled(s.flush()).then((f) => { order.push('flush'); return f; });
      s.close();
      await T.next(s, 'close');
      const f = await flushed;
      const afterClose = await settled(s.flush());
      return { order, f, afterClose };
    }, env.server.ws);
    assert.deepEqual(r.order, ['unsent:maybe-delivered:x', 'close', 'flush']);
    assert.equal(r.f.name, 'UnconfirmedError');
    assert.equal(r.f.reason, 'closed'); // the client closed: Flush wraps ErrClosed
    assert.equal(r.afterClose.reason, 'closed', 'the socket handed a message back');
  });

  it('flush settles on sockets that never opened or never reached tether.wasm', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      // The handshake is refused and reconnect is off: the outbox hands 'q' back.
      const refused = new tether.TetherSocket(`${ws}/chaos?status=503`, [], { reconnect: false });
      const refusedUnsent = unsentLog(refused);
      refused.send('q');
      const refusedFlush = await settled(refused.flush());
      // Options Go refuses (requirePong without a pong): the socket fails in JavaScript.
      const failed = new tether.TetherSocket(`${ws}/echo`, [], { heartbeat: { ping: 'p', requirePong: true } });
      const failedUnsent = unsentLog(failed);
      const failedLog = T.record(failed, ['unsent', 'error', 'close']);
      failed.send('t');
      failed.send(new Blob(['blob']));
      const failedFlush = await settled(failed.flush());
      // A socket that handed nothing back: flush after close resolves.
      const clean = new tether.TetherSocket(`${ws}/echo`);
      const cleanFirst = await settled(clean.flush()); // nothing sent yet
      await T.next(clean, 'open');
      clean.close();
      await T.next(clean, 'close');
      const cleanAfter = await settled(clean.flush());
      return {
        refusedUnsent, refusedFlush, failedUnsent, failedFlush, cleanFirst, cleanAfter,
        failedTypes: failedLog.map((e) => e.type), afterFail: await settled(failed.flush()),
      };
    }, env.server.ws);
    assert.deepEqual(r.refusedUnsent.map((u) => [u.reason, u.maybeDelivered, u.messages]), [['closed', false, ['q']]]);
    assert.equal(r.refusedFlush.reason, 'closed'); // the client gave up: Flush wraps ErrClosed
    assert.deepEqual(r.failedUnsent.map((u) => [u.reason, u.messages]), [['closed', ['t', 'Blob:4']]]);
    assert.deepEqual(r.failedTypes, ['unsent', 'error', 'close']);
    assert.equal(r.failedFlush.reason, 'closed');
    assert.equal(r.afterFail.reason, 'closed');
    assert.equal(r.cleanFirst, 'resolved');
    assert.equal(r.cleanAfter, 'resolved');
  });

  it('handBackUnconfirmed: a lost connection hands its unconfirmed messages back as maybe delivered', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const { s, key } = chaos(ws, '', {
        heartbeat: HB_FAST, delivery: { handBackUnconfirmed: true }, reconnect: { initialDelay: 50, jitter: 0 },
      });
      const unsent = unsentLog(s);
      await T.next(s, 'heartbeat'); // an answered ping: no timer to race
      await T.act('blackhole', key);
      const reconnected = T.next(s, 'reconnect');
      for (let i = 0; i < 3; i++) s.send(`m${i}`);
      const flushed = settled(s.flush());
      const rec = await reconnected;
      const f = await flushed;
      s.close();
      await T.next(s, 'close');
      return { unsent, f, confirms: rec.confirms };
    }, env.server.ws);
    assert.deepEqual(r.unsent, [{
      reason: 'maybe-delivered', maybeDelivered: true, messages: ['m0', 'm1', 'm2'],
      message: r.unsent[0].message,
    }]);
    assert.match(r.unsent[0].message, /maybe delivered/);
    assert.equal(r.f.reason, 'handed-back');
    assert.match(r.f.message, /3 messages/);
    assert.equal(r.confirms, true);
  });

  it('by default a lost connection re-sends its unconfirmed messages first on the next one', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const { s, key } = chaos(ws, '', { heartbeat: HB_FAST, reconnect: { initialDelay: 50, jitter: 0 } });
      const unsent = unsentLog(s);
      const got = [];
      s.onmessage = (e) => got.push(e.data);
      await T.next(s, 'heartbeat');
      await T.act('blackhole', key);
      const reconnected = T.next(s, 'reconnect');
      for (let i = 0; i < 3; i++) s.send(`m${i}`);
      const f = await settled(s.flush()); // waits across the reconnect
      await reconnected;
      const echoed = [...got];
      s.close();
      await T.next(s, 'close');
      return { f, echoed, unsent };
    }, env.server.ws);
    assert.equal(r.f, 'resolved');
    assert.deepEqual(r.echoed, ['m0', 'm1', 'm2']); // read by the new connection's server side
    assert.deepEqual(r.unsent, []);
  });

  it('a Blob still being read at close() is sent and confirmed, not dropped', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const { s } = chaos(ws, '', { heartbeat: HB_SLOW });
      const unsent = unsentLog(s);
      await T.next(s, 'open');
      s.send(new Blob(['blob data']));
      s.send('after the blob');
      const flushed = settled(s.flush());
      s.close();
      const c = await T.next(s, 'close');
      return { f: await flushed, unsent, code: c.code, buffered: s.bufferedAmount };
    }, env.server.ws);
    assert.equal(r.f, 'resolved');
    assert.deepEqual(r.unsent, []);
    assert.equal(r.code, 1005);
    assert.equal(r.buffered, 0);
  });

  it('sends from listeners until the server closes: each one echoed or handed back', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const { s } = chaos(ws, '&close_after=300', { heartbeat: HB_SLOW, reconnect: false });
      const sent = [];
      const echoed = new Set();
      const handedBack = new Set();
      s.addEventListener('unsent', (e) => e.messages.forEach((m) => handedBack.add(m)));
      const send = () => {
        if (s.readyState !== s.OPEN) return;
        const m = `n${sent.length}`;
        sent.push(m);
        s.send(m);
      };
      s.onmessage = (e) => { echoed.add(e.data); send(); send(); };
      await T.next(s, 'open');
      send();
      await T.next(s, 'close');
      const missing = sent.filter((m) => !echoed.has(m) && !handedBack.has(m));
      return { sent: sent.length, missing };
    }, env.server.ws);
    assert.ok(r.sent > 1, `sent ${r.sent}`);
    assert.deepEqual(r.missing, [], 'lost silently');
  });

  it('checks the delivery option and flush options', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const make = (delivery) => T.outcome(() => new tether.TetherSocket(`${ws}/echo`, [], { delivery }).close());
      const cases = {
        notObject: make(5),
        zeroCount: make({ maxUnconfirmed: 0 }),
        fraction: make({ maxUnconfirmed: 1.5 }),
        stringCount: make({ maxUnconfirmed: '3' }),
        negativeBytes: make({ maxUnconfirmedBytes: -1 }),
        negativeDelay: make({ barrierDelay: -1 }),
        nanDelay: make({ barrierDelay: NaN }),
        handBack: make({ handBackUnconfirmed: 'yes' }),
        valid: make({ handBackUnconfirmed: false, maxUnconfirmed: 2, maxUnconfirmedBytes: 64, barrierDelay: 1 }),
      };
      const s = new tether.TetherSocket(`${ws}/chaos?app_ping=1`, [], { heartbeat: HB_SLOW, delivery: { maxUnconfirmed: 2, barrierDelay: 1 } });
      const flushCase = (o) => T.outcome(() => s.flush(o));
      Object.assign(cases, {
        flushNotObject: flushCase(5),
        flushNegative: flushCase({ timeout: -1 }),
        flushNaN: flushCase({ timeout: NaN }),
        flushString: flushCase({ timeout: '10' }),
        flushSignal: flushCase({ signal: {} }),
      });
      await T.next(s, 'open');
      for (let i = 0; i < 5; i++) s.send(`w${i}`); // more than the window of 2: senders wait for confirmations
      cases.windowFlush = await settled(s.flush());
      s.close();
      await T.next(s, 'close');
      return cases;
    }, env.server.ws);
    assert.match(r.notObject, /^TypeError: .*delivery must be an object/);
    assert.match(r.zeroCount, /^RangeError: .*delivery.maxUnconfirmed must be a positive integer/);
    assert.match(r.fraction, /^RangeError: .*delivery.maxUnconfirmed/);
    assert.match(r.stringCount, /^TypeError: .*delivery.maxUnconfirmed must be a number/);
    assert.match(r.negativeBytes, /^RangeError: .*delivery.maxUnconfirmedBytes/);
    assert.match(r.negativeDelay, /^RangeError: .*delivery.barrierDelay must be a number > 0/);
    assert.match(r.nanDelay, /^RangeError: .*delivery.barrierDelay/);
    assert.match(r.handBack, /^TypeError: .*delivery.handBackUnconfirmed must be a boolean/);
    assert.equal(r.valid, 'ok');
    assert.match(r.flushNotObject, /^TypeError: Failed to execute 'flush'/);
    assert.match(r.flushNegative, /^RangeError: .*timeout must be >= 0/);
    assert.match(r.flushNaN, /^RangeError/);
    assert.match(r.flushString, /^TypeError: .*timeout must be a number/);
    assert.match(r.flushSignal, /^TypeError: .*signal must be an AbortSignal/);
    assert.equal(r.windowFlush, 'resolved');
  });
});
