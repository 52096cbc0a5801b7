// Parity: the same scripted scenarios run once with the browser's WebSocket
// and once with TetherSocket (reconnect off); the events a WebSocket app can
// see (open, message, error, close) must match in order and in every field.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileEnv, chromiumAvailable } from './helpers.mjs';

const T30 = { timeout: 30_000 };

// Runs in the page: script(s, T, key) drives one socket, opened on path with
// key=key added (for T.act); returns what it saw.
const runBoth = async (page, ws, path, protocols, script) => page.evaluate(async ({ ws, path, protocols, script }) => {
  // eslint-disable-next-line no-new-func
  const drive = new Function('s', 'T', 'key', `return (${script})(s, T, key);`);
  const run = async (make) => {
    const key = `parity${Math.random()}`;
    const s = make(key);
    const log = [];
    for (const t of T.WS_EVENTS) {
      s.addEventListener(t, (e) => {
        const d = T.describe(e, s);
        d.protocol = s.protocol;
        d.bufferedAmount = s.bufferedAmount;
        log.push(d);
      });
    }
    const steps = await drive(s, T, key);
    if (s.readyState !== 3) await T.next(s, 'close', 10_000);
    await T.sleep(50); // nothing may follow close
    return { log, steps, url: s.url.replace(key, 'KEY') };
  };
  const url = (key) => `${ws}${path}${path.includes('?') ? '&' : '?'}key=${key}`;
  return {
    native: await run((key) => new WebSocket(url(key), protocols)),
    tether: await run((key) => new tether.TetherSocket(url(key), protocols, { reconnect: false })),
  };
}, { ws, path, protocols, script: script.toString() });

describe('parity with the browser WebSocket', { skip: !chromiumAvailable() && 'no chromium' }, () => {
  const env = fileEnv({ before, after });

  const check = (r, types) => {
    assert.deepEqual(r.tether, r.native);
    assert.deepEqual(r.native.log.map((e) => e.type), types);
  };

  it('open, echo, server closes with 4001, client close after', T30, async () => {
    const r = await runBoth(env.page, env.server.ws, '/chaos', ['chat.v1'], async (s, T, key) => {
      const steps = [];
      s.binaryType = 'arraybuffer';
      await T.next(s, 'open');
      steps.push(`open ${s.readyState} ${s.protocol}`);
      let echoed = 0;
      s.addEventListener('message', () => echoed++);
      s.send('hello');
      s.send(new Uint8Array([1, 2, 3]).buffer);
      s.send(new DataView(new Uint8Array([4, 5, 6, 7]).buffer, 1, 2));
      await T.until(() => echoed === 3, 5000, 'three echoes');
      const closed = T.next(s, 'close');
      steps.push(`close asked of ${await T.act('close', key, { code: 4001, reason: 'server bye' })}`);
      await closed;
      steps.push(`closed ${s.readyState}`);
      s.close(4009, 'late'); // a no-op once closed
      s.send('after close');
      steps.push(`after ${s.readyState} ${s.bufferedAmount}`);
      return steps;
    });
    check(r, ['open', 'message', 'message', 'message', 'close']);
    assert.equal(r.native.log[4].code, 4001);
    assert.equal(r.native.log[4].reason, 'server bye');
  });

  it('open, echo, client closes with 4002 and a reason', T30, async () => {
    const r = await runBoth(env.page, env.server.ws, '/echo', ['chat.v2', 'chat.v1'], async (s, T) => {
      await T.next(s, 'open');
      s.send('ping');
      await T.next(s, 'message');
      s.close(4002, 'client bye ✓');
      const steps = [`closing ${s.readyState}`];
      s.send('dropped');
      steps.push(`buffered ${s.bufferedAmount}`);
      return steps;
    });
    check(r, ['open', 'message', 'close']);
    assert.equal(r.native.log[2].code, 4002);
  });

  it('client close() without a code', T30, async () => {
    const r = await runBoth(env.page, env.server.ws, '/echo', undefined, async (s, T) => {
      await T.next(s, 'open');
      s.close();
      return [];
    });
    check(r, ['open', 'close']);
    assert.equal(r.native.log[1].code, 1005);
  });

  it('client close(1000, reason)', T30, async () => {
    const r = await runBoth(env.page, env.server.ws, '/echo', undefined, async (s, T) => {
      await T.next(s, 'open');
      s.close(1000, 'just a reason');
      return [];
    });
    check(r, ['open', 'close']);
  });

  it('server drops the connection without a close frame', T30, async () => {
    const r = await runBoth(env.page, env.server.ws, '/chaos', undefined, async (s, T, key) => {
      await T.next(s, 'open');
      s.send('x');
      await T.next(s, 'message');
      return [`drop asked of ${await T.act('drop', key)}`];
    });
    check(r, ['open', 'message', 'close']);
    assert.equal(r.native.log[2].code, 1006);
    assert.equal(r.native.log[2].wasClean, false);
  });

  it('server refuses the handshake', T30, async () => {
    const r = await runBoth(env.page, env.server.ws, '/chaos?status=403', undefined, async () => []);
    check(r, ['error', 'close']);
    assert.equal(r.native.log[1].code, 1006);
  });

  it('server closes with 1000 right after open', T30, async () => {
    const r = await runBoth(env.page, env.server.ws, '/chaos?close_after=1', undefined, async () => []);
    check(r, ['open', 'close']);
    assert.equal(r.native.log[1].code, 1000);
  });
});
