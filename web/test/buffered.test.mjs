// bufferedAmount under a slow server: it grows like the browser's own, stays
// while the server does not read, and drains to zero once it does.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileEnv, chromiumAvailable } from './helpers.mjs';

const T30 = { timeout: 30_000 };
const MiB = 1 << 20;

describe('TetherSocket bufferedAmount', { skip: !chromiumAvailable() && 'no chromium' }, () => {
  const env = fileEnv({ before, after });

  it('grows and stays while the server does not read (slow_read=1), like WebSocket', T30, async () => {
    const r = await env.page.evaluate(async ({ ws, MiB }) => {
      const chunk = new Uint8Array(64 * 1024);
      const run = async (s) => {
        await T.next(s, 'open');
        for (let i = 0; i < 256; i++) s.send(chunk); // 16 MiB: more than the TCP buffers hold
        const atOnce = s.bufferedAmount;
        await T.sleep(500);
        const later = s.bufferedAmount;
        await T.sleep(300);
        const stable = s.bufferedAmount;
        const state = s.readyState;
        s.close();
        return { atOnce, later, stable, state };
      };
      return {
        native: await run(new WebSocket(`${ws}/chaos?slow_read=1`)),
        tether: await run(new tether.TetherSocket(`${ws}/chaos?slow_read=1`, [], { reconnect: false })),
      };
    }, { ws: env.server.ws, MiB });
    for (const k of ['native', 'tether']) {
      const v = r[k];
      assert.equal(v.atOnce, 16 * MiB, `${k}: every byte counted at once`);
      assert.ok(v.later > MiB && v.later < 16 * MiB, `${k}: some bytes left, the rest still buffered: ${v.later}`);
      assert.ok(Math.abs(v.stable - v.later) < MiB, `${k}: no progress while the server does not read`);
      assert.equal(v.state, 1, `${k}: still open`);
    }
  });

  it('drains to zero as a slow server reads, and every message arrives', T30, async () => {
    const r = await env.page.evaluate(async ({ ws, MiB }) => {
      const s = new tether.TetherSocket(`${ws}/chaos?delay_ms=4`, [], { reconnect: false });
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
