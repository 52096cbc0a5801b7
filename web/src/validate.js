// Argument checks that mirror the browser's WebSocket: the same exceptions
// (DOMException names) for the same mistakes, so swapping classes changes
// nothing for code that catches them.

const encoder = new TextEncoder();

/** Bytes of s in UTF-8 (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length &&
      s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/** WebIDL USVString conversion: lone surrogates become U+FFFD. */
export function toUSVString(v) {
  const s = String(v);
  return typeof s.toWellFormed === 'function' ? s.toWellFormed() : new TextDecoder().decode(encoder.encode(s));
}

function syntaxError(cls, what, msg) {
  return new DOMException(`Failed to ${what} '${cls}': ${msg}`, 'SyntaxError');
}

/**
 * Resolves url like the WebSocket constructor: relative to the document,
 * http(s) mapped to ws(s), no fragment. Returns the serialised URL.
 */
export function parseURL(input, cls) {
  const base = globalThis.document?.baseURI ?? globalThis.location?.href;
  let u;
  try {
    u = base === undefined ? new URL(String(input)) : new URL(String(input), base);
  } catch {
    throw syntaxError(cls, 'construct', `The URL '${input}' is invalid.`);
  }
  if (u.protocol === 'http:') u.protocol = 'ws:';
  else if (u.protocol === 'https:') u.protocol = 'wss:';
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') {
    throw syntaxError(cls, 'construct',
      `The URL's scheme must be either 'http', 'https', 'ws', or 'wss'. '${u.protocol.slice(0, -1)}' is not allowed.`);
  }
  if (u.href.includes('#')) {
    throw syntaxError(cls, 'construct',
      `The URL contains a fragment identifier ('${u.hash.slice(1)}'). Fragment identifiers are not allowed in WebSocket URLs.`);
  }
  return u.href;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The protocols argument: a string or a sequence of tokens, no duplicates. */
export function parseProtocols(protocols, cls) {
  if (protocols === undefined) return [];
  let list;
  if (protocols !== null && typeof protocols === 'object' && typeof protocols[Symbol.iterator] === 'function') {
    list = Array.from(protocols, String);
  } else {
    list = [String(protocols)];
  }
  const seen = new Set();
  for (const p of list) {
    if (!TOKEN.test(p)) throw syntaxError(cls, 'construct', `The subprotocol '${p}' is invalid.`);
    if (seen.has(p)) throw syntaxError(cls, 'construct', `The subprotocol '${p}' is duplicated.`);
    seen.add(p);
  }
  return list;
}

/** WebIDL [Clamp] unsigned short. */
function clampUShort(v) {
  let n = Number(v);
  if (Number.isNaN(n)) return 0;
  n = Math.min(Math.max(n, 0), 65535);
  const f = Math.floor(n);
  const d = n - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * The arguments of close(code, reason), checked as the browser does:
 * InvalidAccessError for a code other than 1000 or 3000–4999, SyntaxError for
 * a reason over 123 bytes of UTF-8. Returns { code (-1: none), reason }.
 */
export function checkClose(code, reason, cls) {
  let c = -1;
  // Chromium converts the code whenever a reason is given: close(undefined,
  // 'x') checks code 0 and throws.
  if (code !== undefined || reason !== undefined) {
    c = clampUShort(code);
    if (c !== 1000 && (c < 3000 || c > 4999)) {
      throw new DOMException(`Failed to execute 'close' on '${cls}': The close code must be either 1000, or between 3000 and 4999. ${c} is neither.`, 'InvalidAccessError');
    }
  }
  let r = '';
  if (reason !== undefined) {
    r = toUSVString(reason);
    if (utf8Length(r) > 123) {
      throw syntaxError(cls, 'execute \'close\' on', 'The close reason must not be greater than 123 UTF-8 bytes.');
    }
  }
  return { code: c, reason: r };
}

/**
 * send's data as a string or a Uint8Array view of the caller's bytes (not a
 * copy: use it before returning). Blobs are not handled here.
 */
export function viewOf(data) {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return String(data);
}

/**
 * What send was given: text, bytes (copied now, as the browser snapshots the
 * data at the call) or a Blob (read later, in order).
 */
export function sendItem(data) {
  if (data instanceof ArrayBuffer) return { kind: 'binary', data: new Uint8Array(data.slice(0)), size: data.byteLength };
  if (ArrayBuffer.isView(data)) {
    const copy = new Uint8Array(data.byteLength);
    copy.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return { kind: 'binary', data: copy, size: data.byteLength };
  }
  if (typeof Blob !== 'undefined' && data instanceof Blob) return { kind: 'blob', data, size: data.size };
  return { kind: 'text', data: String(data), size: -1 };
}

/** The bytes a send item adds to bufferedAmount. */
export function itemSize(item) {
  if (item.size < 0) item.size = utf8Length(item.data);
  return item.size;
}

function num(v, name, { min = 0, integer = false } = {}) {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) {
    throw new TypeError(`TetherSocket options: ${name} must be a${integer ? 'n integer' : ' number'} >= ${min}`);
  }
  return v;
}

/**
 * A positive number (an integer with integer), at most max: TypeError for
 * another type, RangeError out of range. undefined stays undefined (Go's
 * default).
 */
function positive(v, name, { integer = false, max = Number.MAX_SAFE_INTEGER } = {}) {
  if (v === undefined) return undefined;
  if (typeof v !== 'number') throw new TypeError(`TetherSocket options: ${name} must be a number`);
  if (!(v > 0 && v <= max) || (integer && !Number.isInteger(v))) {
    throw new RangeError(`TetherSocket options: ${name} must be a${integer ? ' positive integer' : ' number > 0'} (at most ${max}); omit it for the default`);
  }
  return v;
}

function bool(v, name) {
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw new TypeError(`TetherSocket options: ${name} must be a boolean`);
  return v;
}

function message(v, name) {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v.slice(0));
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
  throw new TypeError(`TetherSocket options: ${name} must be a string, an ArrayBuffer or an ArrayBufferView`);
}

function section(v, name) {
  if (v === undefined || v === null || v === true) return undefined;
  if (v === false) return false;
  if (typeof v !== 'object') throw new TypeError(`TetherSocket options: ${name} must be a boolean or an object`);
  return v;
}

/**
 * Checks the options object and returns what the wasm side reads
 * (milliseconds as numbers; false for a feature turned off, undefined for
 * the defaults, which are Go's: see README "Defaults") and whether send may
 * queue while CONNECTING (the outbox, on unless outbox is false).
 */
export function normalizeOptions(options) {
  const o = options ?? {};
  if (typeof o !== 'object') throw new TypeError('TetherSocket options must be an object');
  const out = {
    requireSubprotocol: bool(o.requireSubprotocol, 'requireSubprotocol') ?? false,
    readLimit: num(o.readLimit, 'readLimit', { min: -1, integer: true }),
    receiveBuffer: num(o.receiveBuffer, 'receiveBuffer', { integer: true }),
    handshakeTimeout: num(o.handshakeTimeout, 'handshakeTimeout'),
  };
  if (o.subprotocolCredentials !== undefined) {
    if (!Array.isArray(o.subprotocolCredentials)) throw new TypeError('TetherSocket options: subprotocolCredentials must be an array of strings');
    out.subprotocolCredentials = o.subprotocolCredentials.map(String);
  }
  const r = section(o.reconnect, 'reconnect');
  if (r === false) out.reconnect = false;
  else if (r) {
    out.reconnect = {
      initialDelay: num(r.initialDelay, 'reconnect.initialDelay'),
      maxDelay: num(r.maxDelay, 'reconnect.maxDelay'),
      multiplier: num(r.multiplier, 'reconnect.multiplier', { min: 1 }),
      jitter: num(r.jitter, 'reconnect.jitter'),
      maxAttempts: num(r.maxAttempts, 'reconnect.maxAttempts', { integer: true }),
      minUptime: num(r.minUptime, 'reconnect.minUptime'),
      connectTimeout: num(r.connectTimeout, 'reconnect.connectTimeout'),
      retryFirstDial: bool(r.retryFirstDial, 'reconnect.retryFirstDial'),
    };
    if (out.reconnect.jitter > 1) throw new TypeError('TetherSocket options: reconnect.jitter must be between 0 and 1');
  }
  const h = section(o.heartbeat, 'heartbeat');
  if (h === false) out.heartbeat = false;
  else if (h) {
    out.heartbeat = {
      interval: num(h.interval, 'heartbeat.interval'),
      timeout: num(h.timeout, 'heartbeat.timeout'),
      ping: message(h.ping, 'heartbeat.ping'),
      pong: message(h.pong, 'heartbeat.pong'),
      requirePong: bool(h.requirePong, 'heartbeat.requirePong'),
      deliverPongs: bool(h.deliverPongs, 'heartbeat.deliverPongs'),
      hiddenTimeoutFactor: num(h.hiddenTimeoutFactor, 'heartbeat.hiddenTimeoutFactor', { min: 1 }),
    };
  }
  // The outbox is on unless turned off: send() while CONNECTING queues.
  const b = section(o.outbox, 'outbox');
  const outbox = b !== false;
  if (b === false) out.outbox = false;
  else if (b) {
    if (b.overflow !== undefined && b.overflow !== 'reject' && b.overflow !== 'drop-oldest') {
      throw new TypeError("TetherSocket options: outbox.overflow must be 'reject' or 'drop-oldest'");
    }
    out.outbox = {
      maxMessages: num(b.maxMessages, 'outbox.maxMessages', { integer: true }),
      maxBytes: num(b.maxBytes, 'outbox.maxBytes', { integer: true }),
      overflow: b.overflow,
    };
  }
  const d = delivery(o.delivery);
  if (d) out.delivery = d;
  return { wasmOptions: out, outbox };
}

/**
 * The delivery option: what happens to messages a lost connection leaves
 * unconfirmed, and the bounds of the unconfirmed window. Omitted fields
 * keep Go's defaults.
 */
function delivery(d) {
  if (d === undefined || d === null) return undefined;
  if (typeof d !== 'object') throw new TypeError('TetherSocket options: delivery must be an object');
  return {
    handBackUnconfirmed: bool(d.handBackUnconfirmed, 'delivery.handBackUnconfirmed'),
    maxUnconfirmed: positive(d.maxUnconfirmed, 'delivery.maxUnconfirmed', { integer: true }),
    maxUnconfirmedBytes: positive(d.maxUnconfirmedBytes, 'delivery.maxUnconfirmedBytes', { integer: true }),
    barrierDelay: positive(d.barrierDelay, 'delivery.barrierDelay', { max: 2 ** 31 - 1 }),
  };
}

/**
 * flush()'s options: timeout in milliseconds (>= 0; none when omitted) and
 * signal, an AbortSignal. TypeError for a wrong type, RangeError for a
 * negative or NaN timeout.
 */
export function flushOptions(options, cls) {
  const where = `Failed to execute 'flush' on '${cls}'`;
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw new TypeError(`${where}: options must be an object`);
  const { timeout, signal } = options;
  if (timeout !== undefined && typeof timeout !== 'number') throw new TypeError(`${where}: timeout must be a number of milliseconds`);
  if (typeof timeout === 'number' && !(timeout >= 0)) throw new RangeError(`${where}: timeout must be >= 0`);
  const isSignal = signal !== null && typeof signal === 'object' &&
    (typeof AbortSignal === 'undefined' ? typeof signal.addEventListener === 'function' : signal instanceof AbortSignal);
  if (signal !== undefined && signal !== null && !isSignal) throw new TypeError(`${where}: signal must be an AbortSignal`);
  return { timeout, signal: signal ?? undefined };
}
