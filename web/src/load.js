// Loading tether.wasm: once per page, shared by every copy of this module.

import { Bridge } from './bridge.js';
import { lazyTimeouts } from './timers.js';

const KEY = Symbol.for('tetherws.tether.wasm');
const WASM_API_VERSION = 3;

function slot() {
  globalThis[KEY] ??= { promise: null, api: null };
  return globalThis[KEY];
}

/** The wasm API (a Bridge) once load() has finished, else null. */
export function loadedAPI() {
  return slot().api;
}

async function instantiate(url, importObject) {
  const resp = await fetch(url);
  if (!resp.ok) throw new Error(`tether: fetching ${url} failed: HTTP ${resp.status}`);
  const type = resp.headers.get('content-type') ?? '';
  if (WebAssembly.instantiateStreaming && type.startsWith('application/wasm')) {
    return (await WebAssembly.instantiateStreaming(resp, importObject)).instance;
  }
  return (await WebAssembly.instantiate(await resp.arrayBuffer(), importObject)).instance;
}

async function boot({ wasmURL, wasmExecURL }) {
  if (typeof globalThis.Go !== 'function') await import(String(wasmExecURL));
  const go = new globalThis.Go();
  lazyTimeouts(go);
  // Functions tether.wasm imports (wasm/imports.go); the Bridge binds them.
  const host = { send: () => -1, message: () => 0 };
  go.importObject.tether = {
    send: (conn, kind, addr, n) => host.send(conn, kind, addr, n),
    message: (socket, kind, addr, n) => host.message(socket, kind, addr, n),
  };
  const ready = new Promise((resolve) => {
    globalThis.__tetherBoot = (api) => {
      delete globalThis.__tetherBoot;
      resolve(api);
    };
  });
  let instance;
  try {
    instance = await instantiate(String(wasmURL), go.importObject);
  } catch (err) {
    if (err instanceof WebAssembly.LinkError) {
      throw new Error(`tether: ${wasmURL} does not match this module (${err.message}): rebuild both`);
    }
    throw err;
  }
  const exited = go.run(instance).then(() => {
    throw new Error(`tether: tether.wasm exited (code ${go.exitCode}) before it started`);
  });
  const api = await Promise.race([ready, exited]);
  if (api.version !== WASM_API_VERSION) {
    throw new Error(`tether: tether.wasm speaks API version ${api.version}, this module ${WASM_API_VERSION}: rebuild both`);
  }
  return { api, go, instance, host };
}

/**
 * Fetches and starts tether.wasm with Go's wasm_exec.js, once per page: later
 * calls return the same promise (and ignore their options). TetherSocket calls
 * it with the defaults when it was not called before; call it yourself to load
 * from elsewhere or to start loading early.
 *
 * @param {{ wasmURL?: string | URL, wasmExecURL?: string | URL }} [options]
 *   Defaults: tether.wasm and wasm_exec.js next to this module.
 * @returns {Promise<void>}
 */
export function load(options = {}) {
  const s = slot();
  if (!s.promise) {
    const wasmURL = options.wasmURL ?? new URL('./tether.wasm', import.meta.url);
    const wasmExecURL = options.wasmExecURL ?? new URL('./wasm_exec.js', import.meta.url);
    s.promise = boot({ wasmURL, wasmExecURL }).then((booted) => {
      s.api = new Bridge(booted);
    }, (err) => {
      s.promise = null; // a later call may try again
      throw err;
    });
  }
  return s.promise;
}
