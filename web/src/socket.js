// TetherSocket: the browser's WebSocket API, backed by Tether's Go client.

import { load, loadedAPI } from './load.js';
import {
  closeEvent, MessageEventClass, errorEvent, ReconnectingEvent, ReconnectEvent,
  HeartbeatEvent, StateChangeEvent, UnsentEvent,
} from './events.js';
import {
  parseURL, parseProtocols, checkClose, normalizeOptions, sendItem, itemSize, viewOf, utf8Length,
} from './validate.js';

const CLS = 'TetherSocket';
const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

// sdk.State values, in order.
const STATES = ['idle', 'connecting', 'open', 'reconnecting', 'closing', 'closed'];
const READY = { idle: CONNECTING, connecting: CONNECTING, reconnecting: CONNECTING, open: OPEN, closing: CLOSING, closed: CLOSED };

// Event kinds sent by tether.wasm (wasm/emit.go).
const K_STATE = 0;
const K_OPEN = 1;
const K_TEXT = 2;
const K_BINARY = 3;
const K_RECONNECTING = 4;
const K_HEARTBEAT = 5;
const K_UNSENT = 6;
const K_ERROR = 7;
const K_CLOSE = 8; // the socket's last event
const K_CLOSE_RETRY = 9; // a connection or attempt ended; a reconnect follows
const K_PARAMS = 10; // call the url and protocols functions for an attempt

// Send statuses (wasm/api.go).
const S_CLOSED = 1;
const S_FULL = 2;
const S_UNKNOWN = 4; // the socket is gone in Go: it has closed

const HANDLER_TYPES = ['open', 'message', 'error', 'close', 'reconnecting', 'reconnect', 'heartbeat', 'statechange', 'unsent'];
const handlers = new WeakMap();

/**
 * A WebSocket that reconnects, heartbeats and negotiates subprotocols by
 * policy. Same constructor, properties, methods and events as the browser's
 * WebSocket, plus options and events of its own.
 */
export class TetherSocket extends EventTarget {
  #url;
  #urlFn = null; // url given as a function: called before every attempt
  #protocols;
  #protocolsFn = null; // likewise for protocols
  #wasmOptions;
  #outbox;
  #origin;
  #api = null;
  #id = 0;
  #readyState = CONNECTING;
  #state = 'idle';
  #protocol = '';
  #binaryType = 'blob';
  #closeCalled = false;
  #queue = []; // sends waiting in JavaScript: Blobs being read, and what follows them
  #queueBytes = 0;
  #draining = false;
  #discarded = 0; // bytes sent after close: counted, never sent (as browsers do)
  #finalBuffered = 0;
  #rtt = { latest: 0, smoothed: 0 };
  #deferred = []; // events waiting for their own task, in order

  /**
   * @param {string | URL | (() => string | URL | Promise<string | URL>)} url
   *   ws:, wss:, http:, https: or relative to the document; or a function
   *   (sync or async) called before every connection attempt.
   * @param {string | string[] | (() => string | string[] | Promise<string | string[]>)} [protocols]
   *   Subprotocols offered, most preferred first; or a function called before every attempt.
   * @param {import('../index').TetherSocketOptions} [options]
   */
  constructor(url, protocols = undefined, options = undefined) {
    super();
    if (arguments.length < 1) {
      throw new TypeError(`Failed to construct '${CLS}': 1 argument required, but only 0 present.`);
    }
    if (typeof url === 'function') {
      this.#urlFn = url;
      this.#url = ''; // until the first attempt's URL is known
    } else {
      this.#url = parseURL(url, CLS);
    }
    if (typeof protocols === 'function') {
      this.#protocolsFn = protocols;
      this.#protocols = [];
    } else {
      this.#protocols = parseProtocols(protocols, CLS);
    }
    const { wasmOptions, outbox } = normalizeOptions(options);
    wasmOptions.perAttempt = { url: this.#urlFn !== null, protocols: this.#protocolsFn !== null };
    this.#wasmOptions = wasmOptions;
    this.#outbox = outbox;
    this.#origin = this.#url ? new URL(this.#url).origin : '';
    const api = loadedAPI();
    if (api && api.nested()) {
      queueMicrotask(() => this.#start(api)); // constructed by a listener Go is calling
    } else if (api) {
      this.#start(api);
    } else {
      load().then((a) => this.#start(a), (err) => this.#fail(String(err?.message ?? err)));
    }
  }

  /** The URL given, resolved; with a url function, the latest it returned ('' before). */
  get url() { return this.#url; }
  get readyState() { return this.#readyState; }
  get protocol() { return this.#protocol; }
  get extensions() { return ''; }

  get binaryType() { return this.#binaryType; }
  set binaryType(v) {
    if (v === 'blob' || v === 'arraybuffer') this.#binaryType = v; // other values are ignored, as in browsers
  }

  /** Bytes given to send that have not been transmitted yet. */
  get bufferedAmount() {
    let n = this.#queueBytes + this.#discarded;
    if (this.#api && this.#readyState !== CLOSED) n += this.#api.bufferedAmount(this.#id);
    else n += this.#finalBuffered;
    return n;
  }

  /** Tether's own state: idle, connecting, open, reconnecting, closing or closed. */
  get state() { return this.#state; }

  /** Latest and smoothed heartbeat round-trip times in milliseconds (0 before the first). */
  get rtt() { return { ...this.#rtt }; }

  /**
   * Queues data. While CONNECTING (the first connection and every reconnect)
   * it waits in the outbox for the connection; with outbox: false it throws
   * InvalidStateError, as WebSocket does.
   * @param {string | ArrayBuffer | ArrayBufferView | Blob} data
   */
  send(data) {
    if (arguments.length < 1) {
      throw new TypeError(`Failed to execute 'send' on '${CLS}': 1 argument required, but only 0 present.`);
    }
    if (this.#readyState === CONNECTING && !this.#outbox) {
      throw new DOMException(`Failed to execute 'send' on '${CLS}': Still in CONNECTING state.`, 'InvalidStateError');
    }
    if (this.#readyState === CLOSING || this.#readyState === CLOSED) {
      this.#discarded += itemSize(sendItem(data));
      return;
    }
    const isBlob = typeof Blob !== 'undefined' && data instanceof Blob;
    if (isBlob || this.#queue.length > 0 || !this.#api) {
      const item = sendItem(data); // a copy: the data as it is now
      this.#queue.push(item);
      this.#queueBytes += itemSize(item);
      this.#drain();
      return;
    }
    this.#toWasm(typeof data === 'string' ? data : viewOf(data));
  }

  /**
   * Closes the connection, or stops connecting or reconnecting. Throws
   * InvalidAccessError for a code other than 1000 or 3000–4999 and SyntaxError
   * for a reason over 123 bytes, as browsers do.
   * @param {number} [code]
   * @param {string} [reason]
   */
  close(code = undefined, reason = undefined) {
    const req = checkClose(code, reason, CLS);
    if (this.#readyState === CLOSING || this.#readyState === CLOSED) return;
    const abort = this.#readyState === CONNECTING;
    this.#readyState = CLOSING;
    this.#closeCalled = true;
    if (this.#api) this.#api.close(this.#id, req.code, req.reason, abort);
    // else: #start sees #closeCalled once tether.wasm is loaded.
  }

  /** Sends a heartbeat now (when heartbeats are on), e.g. when the app returns to the foreground. */
  probe() {
    if (this.#api) this.#api.probe(this.#id);
  }

  /** Ends a reconnect wait at once (or probes an open connection), e.g. when the network is back. */
  reconnectNow() {
    if (this.#api) this.#api.reconnectNow(this.#id);
  }

  get [Symbol.toStringTag]() { return CLS; }

  #start(api) {
    if (this.#closeCalled) {
      this.#fail('tether: closed before the connection was established');
      return;
    }
    this.#api = api; // events may arrive during open
    const r = api.open(this.#urlFn ? '' : this.#url, this.#protocols, this.#wasmOptions,
      (k, a, b, c, d, e, f) => this.#event(k, a, b, c, d, e, f));
    if (typeof r === 'string') {
      this.#api = null;
      this.#fail(r);
      return;
    }
    this.#id = r;
    this.#drain();
  }

  /** Ends a socket that never reached tether.wasm: error, then close 1006. */
  #fail(message) {
    setTimeout(() => {
      const prev = this.#state;
      this.#readyState = CLOSED;
      this.#state = 'closed';
      this.#dispatch(new StateChangeEvent('statechange', { state: 'closed', previousState: prev, readyState: CLOSED }));
      this.#dispatch(errorEvent(message));
      this.#dispatch(closeEvent(1006, '', false, false));
    }, 0);
  }

  /** Hands a string or a Uint8Array (copied at once) to tether.wasm. */
  #toWasm(data) {
    const st = typeof data === 'string' ? this.#api.text(this.#id, data) : this.#api.binary(this.#id, data);
    if (st === S_CLOSED || st === S_UNKNOWN) {
      this.#discarded += typeof data === 'string' ? utf8Length(data) : data.byteLength;
    } else if (st === S_FULL) {
      const copy = typeof data === 'string' ? data : data.slice();
      queueMicrotask(() => this.#dispatch(new UnsentEvent('unsent', {
        messages: [this.#toData(copy)], message: 'tether: outbox full: message refused',
      })));
    }
  }

  /** Hands queued sends to tether.wasm in order, reading Blobs as they come. */
  async #drain() {
    if (this.#draining || !this.#api) return;
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        const item = this.#queue[0];
        if (item.kind === 'blob') {
          item.data = new Uint8Array(await item.data.arrayBuffer());
          item.kind = 'binary';
        }
        this.#queue.shift();
        this.#queueBytes -= item.size;
        if (this.#closeCalled || this.#readyState === CLOSED) this.#discarded += item.size;
        else this.#toWasm(item.data);
      }
    } finally {
      this.#draining = false;
    }
  }

  #dispatch(ev) {
    this.dispatchEvent(ev);
  }

  #toData(d) {
    if (typeof d === 'string') return d;
    return this.#binaryType === 'arraybuffer' ? d.buffer : new Blob([d]);
  }

  #event(kind, a, b, c, d, e, f) {
    if (this.#api.inCall() || this.#deferred.length > 0) {
      if (this.#deferred.push([kind, a, b, c, d, e, f]) === 1) setTimeout(() => this.#flushDeferred(), 0);
      return;
    }
    this.#handle(kind, a, b, c, d, e, f);
  }

  #flushDeferred() {
    const evs = this.#deferred;
    while (evs.length > 0) this.#handle(...evs.shift());
  }

  #handle(kind, a, b, c, d, e, f) {
    switch (kind) {
      case K_TEXT:
      case K_BINARY:
        if (this.#readyState !== OPEN) return; // browsers drop messages after close()
        this.#dispatch(new MessageEventClass('message', { data: this.#toData(a), origin: this.#origin }));
        return;
      case K_STATE:
        this.#onState(STATES[a], STATES[b]);
        return;
      case K_OPEN:
        if (this.#closeCalled) return;
        this.#protocol = a;
        this.#dispatch(new Event('open'));
        if (b) this.#dispatch(new ReconnectEvent('reconnect', { attempt: c, protocol: a }));
        return;
      case K_RECONNECTING:
        if (this.#closeCalled) return;
        this.#dispatch(new ReconnectingEvent('reconnecting', {
          attempt: a, delay: b, code: c, reason: d, wasClean: e, message: f,
        }));
        return;
      case K_HEARTBEAT:
        this.#rtt = { latest: a, smoothed: b };
        this.#dispatch(new HeartbeatEvent('heartbeat', { rtt: a, smoothedRTT: b }));
        return;
      case K_UNSENT:
        this.#dispatch(new UnsentEvent('unsent', { messages: Array.from(a, (m) => this.#toData(m)), message: b }));
        return;
      case K_ERROR:
        this.#dispatch(errorEvent(a));
        return;
      case K_CLOSE:
        this.#finalBuffered = d;
        this.#readyState = CLOSED;
        this.#dispatch(closeEvent(a, b, c, false));
        return;
      case K_CLOSE_RETRY:
        if (this.#closeCalled) return; // close() has its own last close
        this.#readyState = CONNECTING;
        if (d) this.#dispatch(errorEvent(d)); // an attempt that never opened
        this.#dispatch(closeEvent(a, b, c, true));
        return;
      case K_PARAMS:
        this.#askParams(a, b);
        return;
      default:
    }
  }

  /**
   * Calls the url and protocols functions for attempt and answers Go through
   * reply, always from a promise's settlement. A function that throws, rejects
   * or returns something invalid fails the attempt; messages never quote the
   * URL or the protocols (they may carry tokens).
   */
  #askParams(attempt, reply) {
    const call = (fn, what) => fn && new Promise((resolve) => resolve(fn())).catch((err) => {
      throw new Error(`tether: the ${what} function failed: ${err?.message ?? String(err)}`);
    });
    Promise.all([call(this.#urlFn, 'url'), call(this.#protocolsFn, 'protocols')])
      .then(([u, p]) => this.#checkParams(u, p))
      .then(({ url, protocols }) => {
        if (url && !this.#closeCalled) {
          this.#url = url;
          this.#origin = new URL(url).origin;
        }
        reply(attempt, true, url, protocols);
      }, (err) => reply(attempt, false, err.message));
  }

  #checkParams(u, p) {
    let url = '';
    let protocols;
    if (this.#urlFn) {
      try {
        url = parseURL(u, CLS);
      } catch {
        throw new Error('tether: the url function returned an invalid URL');
      }
    }
    if (this.#protocolsFn) {
      try {
        protocols = parseProtocols(p ?? undefined, CLS);
      } catch {
        throw new Error('tether: the protocols function returned an invalid subprotocol list');
      }
    }
    return { url, protocols };
  }

  #onState(from, to) {
    this.#state = to;
    if (this.#closeCalled && to !== 'closing' && to !== 'closed') return;
    this.#readyState = READY[to];
    this.#dispatch(new StateChangeEvent('statechange', { state: to, previousState: from, readyState: this.#readyState }));
  }
}

for (const [name, value] of Object.entries({ CONNECTING, OPEN, CLOSING, CLOSED })) {
  Object.defineProperty(TetherSocket.prototype, name, { value, enumerable: true });
  Object.defineProperty(TetherSocket, name, { value, enumerable: true });
}

// onopen, onmessage, ...: event handler attributes. A handler takes its place
// among the listeners when first set, as in browsers.
for (const type of HANDLER_TYPES) {
  Object.defineProperty(TetherSocket.prototype, `on${type}`, {
    enumerable: true,
    configurable: true,
    get() {
      return handlers.get(this)?.get(type)?.fn ?? null;
    },
    set(fn) {
      let m = handlers.get(this);
      if (!m) handlers.set(this, (m = new Map()));
      const f = typeof fn === 'function' ? fn : null;
      const cur = m.get(type);
      if (cur && f) {
        cur.fn = f;
      } else if (cur) {
        this.removeEventListener(type, cur.listener);
        m.delete(type);
      } else if (f) {
        const entry = { fn: f, listener: (ev) => entry.fn.call(this, ev) };
        m.set(type, entry);
        this.addEventListener(type, entry.listener);
      }
    },
  });
}
