// The benchmark page's echo loop (web/bench/echo-rate.js, run by bench.mjs)
// keeps working: both sockets echo and report a rate, and TetherSocket closes
// cleanly afterwards. Rates are not judged here (see bench.mjs).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileEnv, chromiumAvailable } from './helpers.mjs';

describe('benchmark echo loop', { skip: !chromiumAvailable() && 'no chromium' }, () => {
  const env = fileEnv({ before, after });

  it('measures WebSocket and TetherSocket echo rates', { timeout: 30_000 }, async () => {
    const r = await env.page.evaluate(async (ws) => {
      const { echoRate } = await import('/web/bench/echo-rate.js');
      const api = globalThis[Symbol.for('tetherws.tether.wasm')].api;
      const before = api.count();
      const out = {};
      for (const kind of ['native', 'tether']) out[kind] = await echoRate({ ws, kind, size: 32, inflight: 4, ms: 200 });
      await T.until(() => api.count() === before, 5000, 'the benchmark socket released');
      return out;
    }, env.server.ws);
    assert.ok(r.native > 0 && r.tether > 0, `rates ${JSON.stringify(r)}`);
  });
});
