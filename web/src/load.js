// Loading tether.wasm: once per realm (a page, a worker, a Node process),
// shared by every copy of this module, from a URL, a path, bytes, a Response
// or a compiled WebAssembly.Module.
//
// Browsers and workers fetch URLs. Node's fetch cannot read file: URLs, so in
// Node a path or a file: URL is read with node:fs/promises, imported only
// then: the module imports nothing from Node at top level.

import { Bridge } from './bridge.js';
import { lazyTimeouts } from './timers.js';

const KEY = Symbol.for('tetherws.tether.wasm');
const WASM_API_VERSION = 6;
const OPTIONS = ['wasm', 'wasmURL', 'wasmExecURL'];
const TAKES = 'a URL or path of tether.wasm, its bytes (ArrayBuffer or typed array), '
  + 'a Response, a WebAssembly.Module, a promise of one of these, or options { wasm, wasmExecURL }';

function slot() {
  globalThis[KEY] ??= { promise: null, api: null };
  return globalThis[KEY];
}

/** The wasm API (a Bridge) once load() has finished, else null. */
export function loadedAPI() {
  return slot().api;
}

// ---- what load() was given ----

const tag = (v) => Object.prototype.toString.call(v).slice(8, -1);
const isPlainObject = (v) => tag(v) === 'Object' && [Object.prototype, null].includes(Object.getPrototypeOf(v));
const isThenable = (v) => v !== null && typeof v === 'object' && typeof v.then === 'function';

/** What v is, for an error message: never its contents (a URL may hold a token). */
function describe(v) {
  if (v === null) return 'null';
  if (typeof v === 'string') return v === '' ? 'an empty string' : 'a string';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `the ${typeof v} ${String(v)}`;
  if (typeof v === 'symbol' || typeof v === 'function') return `a ${typeof v}`;
  const name = isPlainObject(v) ? 'plain object' : (v.constructor?.name || tag(v));
  const vowel = /^[AEIO]|^[AEFHILMNORSX][A-Z]/.test(name); // an Array, an HTMLElement
  return vowel ? `an ${name}` : `a ${name}`;
}

function badInput(v, what = 'load()') {
  return new TypeError(`tether: ${what} takes ${TAKES}; got ${describe(v)}`);
}

/** The base URL relative URLs resolve against, as fetch does: undefined in Node. */
function baseURL() {
  return globalThis.document?.baseURI ?? globalThis.location?.href;
}

/** True in Node (and runtimes compatible with it): files are read with node:fs. */
function hasNodeFS() {
  return typeof globalThis.process?.versions?.node === 'string';
}

/** Imports a Node built-in; a variable specifier that bundlers leave alone. */
function nodeModule(name) {
  return import(/* webpackIgnore: true */ /* @vite-ignore */ name);
}

/** A URL or path without user info, query or fragment, fit for an error message. */
function label(where) {
  if (typeof where === 'string') return where; // a file path
  if (['http:', 'https:', 'file:'].includes(where.protocol)) {
    return where.protocol === 'file:' ? where.href.replace(/[?#].*$/, '') : `${where.origin}${where.pathname}`;
  }
  return `a ${where.protocol} URL`;
}

/**
 * A string as a URL (relative to the document or worker) or, where there is
 * no base URL (Node), as an absolute URL or a file path. Returns a URL or a
 * path string.
 */
function place(s, what) {
  if (s === '') throw badInput(s, what);
  const base = baseURL();
  const absolute = /^[a-z][a-z0-9+.-]+:/i.test(s); // 2+ letters: C:\ is a path
  try {
    if (base !== undefined) return new URL(s, base);
    if (absolute) return new URL(s);
  } catch {
    throw new TypeError(`tether: ${what} was given a string that is not a valid URL`);
  }
  if (!hasNodeFS()) throw new TypeError(`tether: ${what} was given a relative URL and there is no base URL here`);
  return s;
}

/**
 * Classifies what load() was given (not a promise, not options) as a source
 * { kind, value }: url (a URL), path (a string), bytes, response or module.
 */
function source(v, what = 'load()') {
  if (typeof v === 'string') {
    const where = place(v, what);
    return typeof where === 'string' ? { kind: 'path', value: where } : { kind: 'url', value: where };
  }
  if (v instanceof URL) return { kind: 'url', value: v };
  if (tag(v) === 'ArrayBuffer') return { kind: 'bytes', value: v };
  if (ArrayBuffer.isView(v)) return { kind: 'bytes', value: new Uint8Array(v.buffer, v.byteOffset, v.byteLength) }; // V8 takes no DataView
  if (tag(v) === 'WebAssembly.Module') return { kind: 'module', value: v };
  if (tag(v) === 'Response') return { kind: 'response', value: v };
  throw badInput(v, what);
}

/**
 * Reads load()'s argument: { wasm, execURL } where wasm is a source or a
 * promise of one (checked once it settles). Throws TypeError for anything else.
 */
function parseArgs(arg) {
  if (arg === undefined) return { wasm: undefined, execURL: undefined };
  if (!isPlainObject(arg)) return { wasm: isThenable(arg) ? arg : source(arg), execURL: undefined };
  const unknown = Object.keys(arg).filter((k) => !OPTIONS.includes(k));
  if (unknown.length > 0) {
    throw new TypeError(`tether: load() options have no field ${unknown.join(', ')} (fields: ${OPTIONS.join(', ')})`);
  }
  if (arg.wasm !== undefined && arg.wasmURL !== undefined) {
    throw new TypeError('tether: load() options give both wasm and wasmURL: give one');
  }
  if (arg.wasmURL !== undefined && typeof arg.wasmURL !== 'string' && !(arg.wasmURL instanceof URL)) {
    throw new TypeError(`tether: load() option wasmURL takes a string or URL; got ${describe(arg.wasmURL)} (bytes, Responses and modules go in wasm)`);
  }
  const w = arg.wasm ?? arg.wasmURL;
  const wasm = w === undefined || isThenable(w) ? w : source(w, 'load() option wasm');
  return { wasm, execURL: execPlace(arg.wasmExecURL) };
}

/** wasmExecURL as a URL or path; undefined for the default. */
function execPlace(v) {
  if (v === undefined || v instanceof URL) return v;
  if (typeof v === 'string') return place(v, 'load() option wasmExecURL');
  throw new TypeError(`tether: load() option wasmExecURL takes a string or URL; got ${describe(v)}`);
}

// ---- instantiating ----

async function readFile(where) {
  const { readFile: read } = await nodeModule('node:fs/promises');
  try {
    return await read(where); // a path or a file: URL
  } catch (err) {
    throw new Error(`tether: reading ${label(where)} failed: ${err.message}`, { cause: err });
  }
}

/** msg without url's user info and query (runtimes quote the URL in some errors). */
function redact(msg, url) {
  let m = msg.split(url.href).join(label(url));
  for (const secret of [url.search, url.password, url.username]) {
    if (secret.length > 1) m = m.split(secret).join('…');
  }
  return m;
}

async function fetchURL(url) {
  try {
    return await fetch(url);
  } catch (err) {
    const why = err.cause?.message ? `${err.message}: ${err.cause.message}` : err.message;
    // No cause: the runtime's error may quote the URL with its credentials.
    throw new Error(`tether: fetching ${label(url)} failed: ${redact(String(why), url)}`);
  }
}

async function fromResponse(resp, name, importObject, fetched = false) {
  if (!resp.ok) {
    throw new Error(fetched ? `tether: fetching ${name} failed: HTTP ${resp.status}` : `tether: ${name} has HTTP status ${resp.status}`);
  }
  const type = resp.headers.get('content-type') ?? '';
  if (WebAssembly.instantiateStreaming && type.startsWith('application/wasm')) {
    return (await WebAssembly.instantiateStreaming(resp, importObject)).instance;
  }
  return (await WebAssembly.instantiate(await resp.arrayBuffer(), importObject)).instance;
}

/** Instantiates src ({ kind, value }) with importObject; returns the Instance. */
async function instantiateSource(src, name, importObject) {
  const { kind, value } = src;
  if (kind === 'module') return WebAssembly.instantiate(value, importObject);
  if (kind === 'bytes') return (await WebAssembly.instantiate(value, importObject)).instance;
  if (kind === 'response') return fromResponse(value, name, importObject);
  if (kind === 'path' || (value.protocol === 'file:' && hasNodeFS())) {
    return (await WebAssembly.instantiate(await readFile(value), importObject)).instance;
  }
  return fromResponse(await fetchURL(value), name, importObject, true);
}

/** What a source is called in errors. */
function nameOf(src) {
  switch (src.kind) {
    case 'url': case 'path': return label(src.value);
    case 'bytes': return 'the buffer given to load()';
    case 'module': return 'the WebAssembly.Module given to load()';
    default: return `the Response given to load()${src.value.url ? ` (${label(new URL(src.value.url))})` : ''}`;
  }
}

/** V8's TypeError for a wasm importing a module the host does not give (a LinkError elsewhere). */
function importMissing(err) {
  return err instanceof TypeError && /^WebAssembly\.instantiate(Streaming)?\(\): Import #\d+/.test(err.message);
}

async function instantiate(wasm, importObject) {
  const src = isThenable(wasm) ? source(await wasm, 'load() (a promise that resolved to it)') : wasm;
  const name = nameOf(src);
  try {
    return await instantiateSource(src, name, importObject);
  } catch (err) {
    if (err instanceof WebAssembly.LinkError || importMissing(err)) {
      throw new Error(`tether: ${name} does not match this tether.js (${err.message}): rebuild both`, { cause: err });
    }
    if (err instanceof WebAssembly.CompileError) {
      throw new Error(`tether: ${name} is not WebAssembly (${err.message}); a server may have answered with a page instead`, { cause: err });
    }
    throw err;
  }
}

/** Defines globalThis.Go with Go's wasm_exec.js unless it is defined. */
async function loadWasmExec(where) {
  if (typeof globalThis.Go === 'function') return;
  let url = where;
  if (typeof where === 'string') url = (await nodeModule('node:url')).pathToFileURL(where);
  try {
    await import(/* webpackIgnore: true */ /* @vite-ignore */ String(url));
  } catch (err) {
    throw new Error(`tether: loading Go's wasm_exec.js from ${label(where)} failed: ${redact(String(err.message), url)}`);
  }
  if (typeof globalThis.Go !== 'function') {
    throw new Error(`tether: ${label(where)} did not define globalThis.Go: is it Go's wasm_exec.js?`);
  }
}

async function boot(wasm, execURL) {
  await loadWasmExec(execURL);
  const go = new globalThis.Go();
  lazyTimeouts(go);
  // Functions tether.wasm imports (wasm/imports.go); the Bridge binds them.
  /** @type {{ send: (...args: number[]) => number, message: (...args: number[]) => number }} */
  const host = { send: () => -1, message: () => 0 };
  go.importObject.tether = {
    send: (conn, kind, addr, n) => host.send(conn, kind, addr, n),
    message: (socket, kind, addr, n) => host.message(socket, kind, addr, n),
  };
  const instance = await instantiate(wasm, go.importObject);
  const ready = new Promise((resolve) => {
    globalThis.__tetherBoot = (api) => {
      delete globalThis.__tetherBoot;
      resolve(api);
    };
  });
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
 * Starts tether.wasm with Go's wasm_exec.js, once per realm (page, worker or
 * Node process): later calls return the same promise, after checking their
 * argument, and ignore it. TetherSocket calls it with no argument when it was
 * not called before.
 *
 * @param {import('../index.js').WasmSource | import('../index.js').LoadOptions} [arg]
 *   tether.wasm as a URL (relative to the document or worker; in Node, a file:
 *   URL or a path too), bytes, a Response, a WebAssembly.Module or a promise
 *   of one; or options { wasm, wasmExecURL }. Default: tether.wasm and
 *   wasm_exec.js next to this module.
 * @returns {Promise<Bridge>} the wasm API (tether.js's load resolves to undefined).
 */
export function load(arg) {
  let parsed;
  try {
    parsed = parseArgs(arg);
  } catch (err) {
    return Promise.reject(err);
  }
  const s = slot();
  if (!s.promise) {
    const wasm = parsed.wasm ?? source(new URL('./tether.wasm', import.meta.url));
    const execURL = parsed.execURL ?? new URL('./wasm_exec.js', import.meta.url);
    s.promise = boot(wasm, execURL).then((booted) => {
      s.api = new Bridge(booted);
      return s.api;
    }, (err) => {
      s.promise = null; // a later call may try again
      throw err;
    });
  }
  return s.promise;
}
