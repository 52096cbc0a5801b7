// Beyond WebSocket: reconnect after a server drop, heartbeats that find a
// black-holed server, the outbox, close() stopping a reconnect loop, and
// that no message is lost silently across those faults.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileEnv, chromiumAvailable } from './helpers.mjs';

const T30 = { timeout: 30_000 };

describe('TetherSocket reconnect and heartbeat', { skip: !chromiumAvailable() && 'no chromium' }, () => {
  const env = fileEnv({ before, after });

  it('reconnects after a server drop and messages flow again', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const key = `drop${Math.random()}`;
      const s = new tether.TetherSocket(`${ws}/chaos?key=${key}`, [], {
        reconnect: { initialDelay: 50, maxDelay: 200, jitter: 0 }, outbox: false,
      });
      const log = T.record(s);
      await T.next(s, 'open');
      s.send('before');
      await T.next(s, 'message');
      // What the socket says, and does with a send, while it reconnects: read
      // inside the event, since the retry's 50 ms delay may be over by the time
      // an awaiting continuation runs on a loaded machine.
      let during, threw = '';
      const reconnecting = new Promise((resolve) => s.addEventListener('reconnecting', (e) => {
        during = { readyState: s.readyState, state: s.state };
        try { s.send('while reconnecting'); } catch (err) { threw = err.name; }
        resolve(e);
      }, { once: true }));
      const reconnected = T.next(s, 'reconnect');
      const dropped = await T.act('drop', key); // only after the echo: no timer to race
      const rec = await reconnecting;
      await reconnected;
      const after = s.readyState;
      s.send('after');
      const m = await T.next(s, 'message');
      s.close();
      await T.next(s, 'close');
      const stats = await (await fetch(`/stats?key=${encodeURIComponent(key)}`)).json();
      return { log, dropped, during, threw, after, echoed: m.data, rec: [rec.code, rec.wasClean, rec.delay], stats };
    }, env.server.ws);
    assert.equal(r.dropped, 1);
    assert.deepEqual(r.during, { readyState: 0, state: 'reconnecting' });
    assert.equal(r.threw, 'InvalidStateError'); // outbox off: send while CONNECTING throws, as WebSocket's
    assert.equal(r.after, 1);
    assert.equal(r.echoed, 'after');
    assert.deepEqual(r.rec.slice(0, 2), [1006, false]);
    assert.ok(r.rec[2] >= 50 && r.rec[2] <= 200, `delay ${r.rec[2]}`);
    const types = r.log.filter((e) => e.type !== 'statechange').map((e) => e.type);
    // The lost connection's close (willReconnect true) comes before reconnecting.
    assert.deepEqual(types, ['open', 'message', 'close', 'reconnecting', 'open', 'reconnect', 'message', 'close']);
    assert.deepEqual(r.log.filter((e) => e.type === 'close').map((e) => e.readyState), [0, 3]);
    const states = r.log.filter((e) => e.type === 'statechange').map((e) => `${e.state}:${e.readyState}`);
    assert.deepEqual(states.slice(0, 5), ['connecting:0', 'open:1', 'reconnecting:0', 'connecting:0', 'open:1']);
    assert.ok(r.stats.accepted >= 2, JSON.stringify(r.stats));
  });

  it('queues sends in the outbox (on by default) while reconnecting and delivers them in order', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const key = `outbox${Math.random()}`;
      const s = new tether.TetherSocket(`${ws}/chaos?key=${key}`, [], {
        reconnect: { initialDelay: 100, jitter: 0 },
      });
      s.send('sent while connecting'); // queued: the outbox is on by default
      const got = [];
      s.onmessage = (e) => got.push(e.data);
      await T.until(() => got.length === 1, 5000, 'the first echo');
      // Queue inside the event: the retry's 100 ms delay may be over by the
      // time an awaiting continuation runs on a loaded machine. Sends made by
      // a listener are counted once the listener returns (the next task).
      let buffered;
      const reconnecting = new Promise((resolve) => s.addEventListener('reconnecting', () => {
        for (let i = 0; i < 5; i++) s.send(`queued ${i}`);
        setTimeout(() => { buffered = s.bufferedAmount; resolve(); }, 0);
      }, { once: true }));
      const reconnected = T.next(s, 'reconnect');
      await T.act('drop', key);
      await reconnecting;
      await reconnected;
      await T.until(() => got.length >= 6, 5000, 'echoes');
      s.close();
      await T.next(s, 'close');
      return { got, buffered, bufferedAfter: s.bufferedAmount };
    }, env.server.ws);
    assert.deepEqual(r.got, ['sent while connecting', 'queued 0', 'queued 1', 'queued 2', 'queued 3', 'queued 4']);
    assert.equal(r.buffered, 5 * 'queued 0'.length);
    assert.equal(r.bufferedAfter, 0);
  });

  it('detects a black-holed server with application pings, then reconnects', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const key = `blackhole${Math.random()}`;
      const s = new tether.TetherSocket(`${ws}/chaos?app_ping=1&key=${key}`, [], {
        heartbeat: { interval: 100, timeout: 300, ping: '{"type":"ping"}', pong: '{"type":"pong"}' },
        reconnect: { initialDelay: 50, jitter: 0 },
      });
      const log = T.record(s);
      await T.next(s, 'open');
      const hb = await T.next(s, 'heartbeat');
      let detectedAfter;
      const reconnecting = T.next(s, 'reconnecting', 5000).then((e) => { detectedAfter = performance.now() - silenced; return e; });
      const reconnected = T.next(s, 'reconnect');
      const silenced = performance.now();
      await T.act('blackhole', key); // after an answered ping: no timer to race
      for (let i = 0; i < 3; i++) s.send(`into the hole ${i}`); // written, never confirmed
      const rec = await reconnecting;
      const rc = await reconnected;
      await s.flush(); // the re-sent messages, confirmed on the new connection
      s.close();
      await T.next(s, 'close');
      return {
        rtt: hb.rtt, smoothed: hb.smoothedRTT, rttProp: s.rtt, detectedAfter,
        rec: [rec.code, rec.reason, rec.wasClean], confirms: rc.confirms,
        messages: log.filter((e) => e.type === 'message').map((e) => e.data),
        unsent: log.filter((e) => e.type === 'unsent').length,
      };
    }, env.server.ws);
    assert.ok(r.rtt > 0 && r.rtt < 1000, `rtt ${r.rtt}`);
    assert.ok(r.smoothed > 0);
    assert.deepEqual(r.rec, [4000, 'heartbeat timeout', false]);
    // dead at most interval + timeout after the black hole (plus slack for slow machines).
    assert.ok(r.detectedAfter < 400 + 1500, `detected ${r.detectedAfter} ms after the black hole`);
    // Re-sent first on the new connection (the default policy) and echoed
    // there; pongs are not delivered.
    assert.deepEqual(r.messages, ['into the hole 0', 'into the hole 1', 'into the hole 2']);
    assert.equal(r.unsent, 0);
    assert.equal(r.confirms, true);
  });

  // A loss audit: a steady stream through a drop or a black hole. The echo
  // server answers in order, so a message whose pong came back was echoed
  // first: every message the page sent is echoed (the server read it) or
  // handed back in an unsent event, never silently lost. Only the re-send
  // policy may deliver one twice.
  for (const fault of ['drop', 'blackhole']) {
    for (const handBack of [false, true]) {
      const policy = handBack ? 'hand back' : 're-send';
      it(`loses nothing silently through a ${fault} (${policy} policy)`, T30, async () => {
        const r = await env.page.evaluate(async ([ws, fault, handBack]) => {
          const key = `audit${Math.random()}`;
          const s = new tether.TetherSocket(`${ws}/chaos?app_ping=1&key=${key}`, [], {
            heartbeat: { interval: 100, timeout: 1000, ping: '{"type":"ping"}', pong: '{"type":"pong"}' },
            reconnect: { initialDelay: 50, jitter: 0 },
            delivery: { handBackUnconfirmed: handBack },
          });
          const sent = [];
          const echoes = new Map();
          const unsent = [];
          s.onmessage = (e) => echoes.set(e.data, (echoes.get(e.data) ?? 0) + 1);
          s.onunsent = (e) => unsent.push(...e.messages.map((m) => [m, e.reason]));
          await T.next(s, 'heartbeat');
          const send = () => {
            const m = `s${sent.length}`;
            sent.push(m);
            s.send(m);
          };
          const stream = setInterval(() => { send(); send(); }, 5); // load, not synchronisation
          await T.until(() => echoes.size >= 20, 10_000, 'echoes before the fault');
          const reconnected = T.next(s, 'reconnect', 20_000);
          await T.act(fault, key);
          await reconnected;
          const atReconnect = sent.length;
          await T.until(() => echoes.has(`s${atReconnect + 10}`), 10_000, 'echoes on the new connection');
          clearInterval(stream);
          await s.flush().catch(() => {}); // may fail if a loaded machine timed out another heartbeat
          s.close();
          await T.next(s, 'close');
          const handedBack = new Set(unsent.map(([m]) => m));
          return {
            sent: sent.length,
            missing: sent.filter((m) => !echoes.has(m) && !handedBack.has(m)),
            twice: [...echoes].filter(([, n]) => n > 1).length,
            reasons: [...new Set(unsent.map(([, reason]) => reason))],
            handedBack: handedBack.size,
          };
        }, [env.server.ws, fault, handBack]);
        assert.ok(r.sent > 30, `sent ${r.sent}`);
        assert.deepEqual(r.missing, [], 'silently lost');
        if (handBack) {
          assert.equal(r.twice, 0, 'duplicates without re-sending');
          assert.deepEqual(r.reasons.filter((x) => x !== 'maybe-delivered'), []);
          if (fault === 'blackhole') assert.ok(r.handedBack > 0, 'messages written into the black hole are handed back');
        } else {
          assert.deepEqual(r.reasons, [], 'the re-send policy hands nothing back');
        }
      });
    }
  }

  it('uses the graphql-transport-ws profile ping and closes with 4000 when reconnect is off', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const key = `gql${Math.random()}`;
      const s = new tether.TetherSocket(`${ws}/chaos?app_ping=1&key=${key}`, ['graphql-transport-ws'], {
        heartbeat: { interval: 100, timeout: 300 }, reconnect: false,
      });
      const log = T.record(s, [...T.WS_EVENTS, 'heartbeat']);
      await T.next(s, 'heartbeat');
      const closed = T.next(s, 'close', 5000);
      await T.act('blackhole', key);
      const c = await closed;
      return { protocol: s.protocol, types: [...new Set(log.map((e) => e.type))], close: [c.code, c.reason, c.wasClean] };
    }, env.server.ws);
    assert.equal(r.protocol, 'graphql-transport-ws');
    assert.deepEqual(r.types, ['open', 'heartbeat', 'close']);
    assert.deepEqual(r.close, [4000, 'heartbeat timeout', false]);
  });

  it('stops every attempt at close() while reconnecting', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const key = `refuse${Math.random()}`;
      const s = new tether.TetherSocket(`${ws}/chaos?status=503&key=${key}`, [], {
        reconnect: { initialDelay: 30, maxDelay: 60, jitter: 0, retryFirstDial: true },
      });
      const log = T.record(s);
      await T.next(s, 'reconnecting');
      await T.next(s, 'reconnecting');
      s.close();
      await T.next(s, 'close');
      const stats = async () => (await (await fetch(`/stats?key=${encodeURIComponent(key)}`)).json()).handshakes;
      const atClose = await stats();
      await T.sleep(400);
      return { atClose, later: await stats(), tail: log.slice(-3).map((e) => `${e.type}:${e.code ?? e.state ?? ''}`) };
    }, env.server.ws);
    assert.ok(r.atClose >= 2);
    assert.equal(r.later, r.atClose, 'no handshake after close()');
    assert.deepEqual(r.tail, ['statechange:closed', 'error:', 'close:1006']);
  });

  it('gives up after maxAttempts with error and close 1006', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const s = new tether.TetherSocket(`${ws}/chaos?status=503`, [], {
        reconnect: { initialDelay: 20, maxDelay: 40, maxAttempts: 2, retryFirstDial: true },
      });
      const log = T.record(s, [...T.WS_EVENTS, 'reconnecting']);
      await new Promise((resolve) => s.addEventListener('close', (e) => { if (!e.willReconnect) resolve(); }));
      return log.map((e) => `${e.type}:${e.code ?? ''}`);
    }, env.server.ws);
    // Each failed attempt: error, then close (willReconnect true); the last one's close is final.
    const failed = ['error:', 'close:1006'];
    assert.deepEqual(r, [...failed, 'reconnecting:1006', ...failed, 'reconnecting:1006', ...failed]);
  });
});
