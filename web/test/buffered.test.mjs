// bufferedAmount under a slow server: it grows like the browser's own, stays
// while the server does not read, and drains to zero once it does.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileEnv, chromiumAvailable, tcpSendBufferMax, slowReadBuffer } from './helpers.mjs';

const T30 = { timeout: 30_000 };
const MiB = 1 << 20;
// Chromium's buffers between bufferedAmount and the socket (measured: about
// 128 KiB), with room to spare.
const chromiumSlack = MiB;

describe('TetherSocket bufferedAmount', { skip: !chromiumAvailable() && 'no chromium' }, () => {
  const env = fileEnv({ before, after });

  it('grows and stays while the server does not read (slow_read=1), like WebSocket', T30, async (t) => {
    // What can leave bufferedAmount while the server does not read: the
    // browser's socket send buffer (autotuned up to what this kernel allows),
    // the server's receive buffer (pinned by slow_read) and Chromium's own
    // pipes. The payload is twice that, so it stalls with bytes left on every
    // machine, and no number of bytes past that bound may ever leave.
    const bound = tcpSendBufferMax() + 2 * slowReadBuffer + chromiumSlack;
    const chunks = Math.max(256, Math.ceil((2 * bound) / (64 * 1024)));
    const r = await env.page.evaluate(async ({ ws, chunks }) => {
      const chunk = new Uint8Array(64 * 1024);
      // settled resolves with bufferedAmount once it has not changed for 1 s
      // (20 samples 50 ms apart), or after 15 s. The browser's send buffer
      // grows as ACKs come, in bursts paced by TCP's retransmission timers, so
      // how long it takes to fill varies; a pause longer than 1 s only makes
      // this resolve early, with fewer bytes written, never with more.
      const settled = async (s) => {
        const end = performance.now() + 15_000;
        let last = s.bufferedAmount;
        for (let same = 0; same < 20 && performance.now() < end;) {
          await T.sleep(50);
          same = s.bufferedAmount === last ? same + 1 : 0;
          last = s.bufferedAmount;
        }
        return last;
      };
      const run = async (s) => {
        await T.next(s, 'open');
        for (let i = 0; i < chunks; i++) s.send(chunk);
        const atOnce = s.bufferedAmount;
        await T.until(() => s.bufferedAmount < atOnce, 10_000, 'the first bytes written');
        const stalled = await settled(s);
        const state = s.readyState;
        s.close();
        return { atOnce, stalled, state };
      };
      return {
        native: await run(new WebSocket(`${ws}/chaos?slow_read=1`)),
        // outbox: false: no bound of Tether's own, as a WebSocket has none.
        tether: await run(new tether.TetherSocket(`${ws}/chaos?slow_read=1`, [], { reconnect: false, outbox: false })),
      };
    }, { ws: env.server.ws, chunks });
    const total = chunks * 64 * 1024;
    for (const k of ['native', 'tether']) {
      const v = r[k];
      t.diagnostic(`${k}: ${total - v.stalled} of ${total} bytes written before the stall (bound ${bound})`);
      assert.equal(v.atOnce, total, `${k}: every byte counted at once`);
      assert.ok(v.stalled < total, `${k}: some bytes were written`);
      assert.ok(total - v.stalled <= bound,
        `${k}: ${total - v.stalled} bytes left bufferedAmount, more than the buffers hold (${bound}): the server read`);
      assert.equal(v.state, 1, `${k}: still open`);
    }
  });

  it('drains to zero as a slow server reads, and every message arrives', T30, async () => {
    const r = await env.page.evaluate(async ({ ws, MiB }) => {
      // outbox: false: 16 MiB at once is over the default outbox's 4 MiB.
      const s = new tether.TetherSocket(`${ws}/chaos?delay_ms=4`, [], { reconnect: false, outbox: false });
      s.binaryType = 'arraybuffer';
      await T.next(s, 'open');
      let echoed = 0;
      let bytes = 0;
      s.onmessage = (e) => { echoed++; bytes += e.data.byteLength; };
      const n = 256;
      for (let i = 0; i < n; i++) s.send(new Uint8Array(64 * 1024).fill(i)); // 16 MiB
      const samples = [s.bufferedAmount];
      while (s.bufferedAmount > 0) {
        await T.sleep(20);
        samples.push(s.bufferedAmount);
        if (samples.length > 1000) break;
      }
      await T.until(() => echoed === n, 20_000, 'echoes');
      s.close();
      await T.next(s, 'close');
      const decreasing = samples.every((v, i) => i === 0 || v <= samples[i - 1]);
      return { first: samples[0], max: Math.max(...samples), last: samples.at(-1), count: samples.length, decreasing, echoed, bytes };
    }, { ws: env.server.ws, MiB });
    assert.equal(r.first, 16 * MiB);
    assert.equal(r.last, 0);
    assert.ok(r.count > 5, `drained over time (${r.count} samples)`);
    assert.equal(r.decreasing, true);
    assert.equal(r.echoed, 256);
    assert.equal(r.bytes, 16 * MiB);
  });

  it('counts sends after close without sending them, like WebSocket', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const run = async (s) => {
        await T.next(s, 'open');
        s.close();
        s.send('12345');
        s.send(new Uint8Array(10));
        const closing = s.bufferedAmount;
        await T.next(s, 'close');
        s.send('abc');
        return [closing, s.bufferedAmount];
      };
      return { native: await run(new WebSocket(`${ws}/echo`)), tether: await run(new tether.TetherSocket(`${ws}/echo`)) };
    }, env.server.ws);
    assert.deepEqual(r.tether, r.native);
    assert.deepEqual(r.native, [15, 18]);
  });
});
