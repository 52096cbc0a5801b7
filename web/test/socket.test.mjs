// TetherSocket as a WebSocket: echo, binaryType, subprotocols, close codes,
// the exceptions of the native class, handler attributes, many sockets.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileEnv, chromiumAvailable } from './helpers.mjs';

const T30 = { timeout: 30_000 };

describe('TetherSocket', { skip: !chromiumAvailable() && 'no chromium' }, () => {
  const env = fileEnv({ before, after });

  it('echoes text and binary with both binaryTypes, in send order', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const s = new tether.TetherSocket(`${ws}/echo`);
      const out = { binaryType: s.binaryType };
      await T.next(s, 'open');
      const msg = async () => (await T.next(s, 'message')).data;
      s.binaryType = 'arraybuffer';
      s.send('héllo ☃ 𝄞');
      out.text = await msg();
      s.send(new Uint8Array([0, 1, 255]));
      const ab = await msg();
      out.ab = [ab.constructor.name, Array.from(new Uint8Array(ab))];
      s.send(new Uint8Array([9, 8, 7, 6, 5]).subarray(1, 4)); // a view with an offset
      out.view = Array.from(new Uint8Array(await msg()));
      s.send(new DataView(new Uint8Array([1, 2, 3, 4]).buffer, 2));
      out.dataview = Array.from(new Uint8Array(await msg()));
      s.send('');
      out.empty = JSON.stringify(await msg());
      s.send(new ArrayBuffer(0));
      out.emptyBin = (await msg()).byteLength;
      const big = new Uint8Array(1 << 20).map((_, i) => i % 251);
      s.send(big);
      const back = new Uint8Array(await msg());
      out.big = back.length === big.length && back.every((b, i) => b === big[i]);
      s.binaryType = 'bogus'; // ignored, as in browsers
      out.afterBogus = s.binaryType;
      s.binaryType = 'blob';
      s.send(new Uint8Array([4, 5]));
      const blob = await msg();
      out.blob = [blob.constructor.name, Array.from(new Uint8Array(await blob.arrayBuffer()))];
      // A Blob is read asynchronously but keeps its place among the sends.
      s.binaryType = 'arraybuffer';
      const got = [];
      const all = new Promise((resolve) => {
        s.onmessage = (e) => { got.push(typeof e.data === 'string' ? e.data : Array.from(new Uint8Array(e.data)).join(',')); if (got.length === 3) resolve(); };
      });
      s.send('a');
      s.send(new Blob([new Uint8Array([1, 2])]));
      s.send('b');
      await all;
      out.order = got;
      s.close();
      const c = await T.next(s, 'close');
      out.close = [c.code, c.wasClean, s.readyState];
      return out;
    }, env.server.ws);
    assert.equal(r.binaryType, 'blob');
    assert.equal(r.text, 'héllo ☃ 𝄞');
    assert.deepEqual(r.ab, ['ArrayBuffer', [0, 1, 255]]);
    assert.deepEqual(r.view, [8, 7, 6]);
    assert.deepEqual(r.dataview, [3, 4]);
    assert.equal(r.empty, '""');
    assert.equal(r.emptyBin, 0);
    assert.equal(r.big, true);
    assert.equal(r.afterBogus, 'arraybuffer');
    assert.deepEqual(r.blob, ['Blob', [4, 5]]);
    assert.deepEqual(r.order, ['a', '1,2', 'b']);
    assert.deepEqual(r.close, [1005, true, 3]);
  });

  it('shows the agreed subprotocol in protocol, like WebSocket', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const offer = ['nope', 'chat.v2', 'chat.v1'];
      const n = new WebSocket(`${ws}/echo`, offer);
      const t = new tether.TetherSocket(`${ws}/echo`, offer);
      await Promise.all([T.next(n, 'open'), T.next(t, 'open')]);
      const out = { native: n.protocol, tether: t.protocol };
      const single = new tether.TetherSocket(`${ws}/echo`, 'graphql-transport-ws');
      await T.next(single, 'open');
      out.single = single.protocol;
      const none = new tether.TetherSocket(`${ws}/echo`);
      await T.next(none, 'open');
      out.none = none.protocol;
      for (const s of [n, t, single, none]) s.close();
      return out;
    }, env.server.ws);
    assert.deepEqual(r, { native: 'chat.v2', tether: 'chat.v2', single: 'graphql-transport-ws', none: '' });
  });

  it('fails like WebSocket when the server agrees no offered subprotocol', T30, async () => {
    // Chromium itself fails such a handshake; requireSubprotocol says the same
    // for every platform.
    const r = await env.page.evaluate(async (ws) => {
      const run = async (s) => {
        const log = T.record(s, T.WS_EVENTS);
        await T.next(s, 'close');
        return log.map(({ type, code, wasClean, readyState }) => ({ type, code, wasClean, readyState }));
      };
      const url = `${ws}/subprotocol/none`;
      return {
        native: await run(new WebSocket(url, ['chat.v1'])),
        tether: await run(new tether.TetherSocket(url, ['chat.v1'], { requireSubprotocol: true, reconnect: false })),
      };
    }, env.server.ws);
    assert.deepEqual(r.tether, r.native);
    assert.deepEqual(r.native.map((e) => e.type), ['error', 'close']);
    assert.equal(r.native[1].code, 1006);
  });

  it('passes the close code and reason of both sides to onclose', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const out = {};
      const a = new tether.TetherSocket(`${ws}/chaos?close_after=100&code=4001&reason=bye%20now`, [], { reconnect: false });
      const ca = await new Promise((resolve) => { a.onclose = resolve; });
      out.server = [ca.code, ca.reason, ca.wasClean, ca.constructor.name, a.readyState];
      const b = new tether.TetherSocket(`${ws}/echo`, [], { reconnect: false });
      await T.next(b, 'open');
      b.close(4002, 'done ✓');
      out.closingState = b.readyState;
      const cb = await T.next(b, 'close');
      out.client = [cb.code, cb.reason, cb.wasClean];
      const c = new tether.TetherSocket(`${ws}/echo`);
      await T.next(c, 'open');
      c.close(1000);
      const cc = await T.next(c, 'close');
      out.normal = [cc.code, cc.reason, cc.wasClean];
      return out;
    }, env.server.ws);
    assert.deepEqual(r.server, [4001, 'bye now', true, 'CloseEvent', 3]);
    assert.equal(r.closingState, 2);
    assert.deepEqual(r.client, [4002, 'done ✓', true]);
    assert.deepEqual(r.normal, [1000, '', true]);
  });

  it('throws what WebSocket throws for bad arguments', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const same = (f) => ({
        native: T.outcome(() => f(WebSocket)),
        tether: T.outcome(() => f(tether.TetherSocket)).replaceAll('TetherSocket', 'WebSocket'),
      });
      const url = `${ws}/echo`;
      const results = {
        noArgs: same((C) => new C()),
        badURL: same((C) => new C('http://[::1')),
        scheme: same((C) => new C('ftp://127.0.0.1/')),
        fragment: same((C) => new C(`${url}#frag`)),
        emptyFragment: same((C) => new C(`${url}#`)),
        badProtocol: same((C) => new C(url, 'a b')),
        emptyProtocol: same((C) => new C(url, '')),
        dupProtocol: same((C) => new C(url, ['x', 'x'])),
      };
      const open = [];
      const both = (name, f, options = undefined) => {
        const n = new WebSocket(url);
        const t = new tether.TetherSocket(url, [], options);
        open.push(n, t);
        results[name] = {
          native: T.outcome(() => f(n)),
          tether: T.outcome(() => f(t)).replaceAll('TetherSocket', 'WebSocket'),
        };
      };
      both('sendConnecting', (s) => s.send('x'), { outbox: false }); // the default outbox queues instead
      both('sendNoArgs', (s) => s.send());
      for (const code of [1001, 0, 999, 1004, 1005, 1015, 2999, 5000, 65536, -1, 'abc', null, NaN]) {
        both(`close(${String(code)})`, (s) => s.close(code));
      }
      both('undefinedCodeWithReason', (s) => s.close(undefined, 'r'));
      both('reason124', (s) => s.close(1000, 'x'.repeat(124)));
      both('reason126utf8', (s) => s.close(4000, '€'.repeat(42)));
      both('codeBeforeReason', (s) => s.close(1001, 'x'.repeat(124)));
      both('reason123ok', (s) => s.close(4000, '€'.repeat(41)));
      both('closeAgain', (s) => s.close(4000));
      both('closeAgainBadCode', (s) => s.close(1001));
      for (const s of open) if (s.readyState < 2) s.close();
      await Promise.all(open.map((s) => (s.readyState === 3 ? null : T.next(s, 'close'))));
      return results;
    }, env.server.ws);
    for (const [name, { native, tether }] of Object.entries(r)) {
      assert.equal(tether, native, name);
    }
    assert.match(r.sendConnecting.native, /^InvalidStateError/);
    assert.match(r['close(1001)'].native, /^InvalidAccessError/);
    assert.match(r.reason124.native, /^SyntaxError/);
  });

  it('has the constants, properties and handler attributes of WebSocket', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const { TetherSocket } = tether;
      const out = {};
      out.statics = [TetherSocket.CONNECTING, TetherSocket.OPEN, TetherSocket.CLOSING, TetherSocket.CLOSED];
      const s = new TetherSocket(`${ws}/echo?x=1`, ['chat.v1']);
      out.instance = [s.CONNECTING, s.OPEN, s.CLOSING, s.CLOSED];
      out.props = { url: s.url, readyState: s.readyState, protocol: s.protocol, extensions: s.extensions, bufferedAmount: s.bufferedAmount };
      out.isEventTarget = s instanceof EventTarget;
      out.tag = Object.prototype.toString.call(s);
      const seen = [];
      s.onopen = () => seen.push('first');
      s.onopen = (e) => seen.push(`second:${e.type}:${s.readyState}`); // replaces, keeps its place
      s.addEventListener('open', () => seen.push('listener'));
      s.onmessage = 'not a function'; // ignored
      out.onmessage = s.onmessage;
      await T.next(s, 'open');
      await T.sleep(0);
      out.seen = seen;
      s.onopen = null;
      out.cleared = s.onopen;
      const relative = new TetherSocket('/echo');
      out.relative = relative.url;
      const https = new TetherSocket(`${ws.replace('ws:', 'http:')}/echo`);
      out.http = https.url;
      out.nativeHttp = new WebSocket(`${ws.replace('ws:', 'http:')}/echo`).url;
      for (const x of [s, relative, https]) x.close();
      return out;
    }, env.server.ws);
    assert.deepEqual(r.statics, [0, 1, 2, 3]);
    assert.deepEqual(r.instance, [0, 1, 2, 3]);
    assert.deepEqual(r.props, { url: `${env.server.ws}/echo?x=1`, readyState: 0, protocol: '', extensions: '', bufferedAmount: 0 });
    assert.equal(r.isEventTarget, true);
    assert.equal(r.tag, '[object TetherSocket]');
    assert.deepEqual(r.seen, ['second:open:1', 'listener']);
    assert.equal(r.onmessage, null);
    assert.equal(r.cleared, null);
    assert.equal(r.relative, `${env.server.ws}/echo`);
    assert.equal(r.http, r.nativeHttp);
  });

  it('errors and closes with 1006 when closed while connecting, like WebSocket', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const run = async (C) => {
        const s = new C(`${ws}/echo?delay_ms=0`);
        const log = T.record(s, T.WS_EVENTS);
        s.close(4000, 'never mind');
        const state = s.readyState;
        await T.next(s, 'close');
        await T.sleep(50);
        return { state, log: log.map(({ cls, ...e }) => e) };
      };
      return { native: await run(WebSocket), tether: await run(tether.TetherSocket) };
    }, env.server.ws);
    assert.deepEqual(r.tether, r.native);
    assert.equal(r.native.state, 2);
    assert.deepEqual(r.native.log.map((e) => e.type), ['error', 'close']);
  });

  it('serves many sockets at once and releases them all', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const api = globalThis[Symbol.for('tetherws.tether.wasm')].api;
      const before = api.count();
      const sockets = Array.from({ length: 16 }, (_, i) => new tether.TetherSocket(`${ws}/echo?i=${i}`));
      await Promise.all(sockets.map((s) => T.next(s, 'open')));
      const during = api.count();
      const results = await Promise.all(sockets.map((s, i) => new Promise((resolve) => {
        const got = [];
        s.onmessage = (e) => { got.push(e.data); if (got.length === 10) resolve(got.every((d, j) => d === `${i}:${j}`)); };
        for (let j = 0; j < 10; j++) s.send(`${i}:${j}`);
      })));
      await Promise.all(sockets.map((s) => { s.close(); return T.next(s, 'close'); }));
      await T.until(() => api.count() === before, 5000, 'sockets released');
      return { before, during, ok: results.every(Boolean), after: api.count() };
    }, env.server.ws);
    assert.equal(r.during - r.before, 16);
    assert.equal(r.ok, true);
    assert.equal(r.after, r.before);
  });

  it('keeps messages in order through bursts, idle gaps and sends from listeners', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const s = new tether.TetherSocket(`${ws}/echo`, [], { heartbeat: false });
      await T.next(s, 'open');
      const got = [];
      let chain = 0;
      s.onmessage = (e) => {
        got.push(e.data);
        // a listener's send goes out while Go delivers the event
        if (e.data.startsWith('c') && chain < 200) s.send(`c${++chain}`);
      };
      for (let burst = 0; burst < 4; burst++) {
        for (let i = 0; i < 25; i++) s.send(`b${burst}.${i}`);
        await T.until(() => got.length === 25 * (burst + 1), 5000, `burst ${burst}`);
        await T.sleep(150); // idle for longer than the client's read grace
      }
      s.send('c0');
      await T.until(() => got.length === 100 + 201, 10000, 'the chain');
      s.close();
      await T.next(s, 'close');
      return got;
    }, env.server.ws);
    const want = [];
    for (let burst = 0; burst < 4; burst++) for (let i = 0; i < 25; i++) want.push(`b${burst}.${i}`);
    for (let i = 0; i <= 200; i++) want.push(`c${i}`);
    assert.deepEqual(r, want);
  });

  it('dispatches no event inside the constructor or close()', T30, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const sync = [];
      const s = new tether.TetherSocket(`${ws}/echo`);
      for (const t of T.ALL_EVENTS) s.addEventListener(t, (e) => sync.push(e.type));
      const atConstruct = sync.length;
      await T.next(s, 'open');
      s.close();
      const atClose = sync.length;
      await T.next(s, 'close');
      return { atConstruct, atClose, all: sync };
    }, env.server.ws);
    assert.equal(r.atConstruct, 0);
    assert.equal(r.all[0], 'statechange'); // connecting, delivered after the constructor returned
    assert.equal(r.all.at(-1), 'close');
  });
});
