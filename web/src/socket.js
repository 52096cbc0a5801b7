// TetherSocket: the browser's WebSocket API, backed by Tether's Go client.

import { load, loadedAPI } from './load.js';
import {
  closeEvent, MessageEventClass, errorEvent, openEvent, ReconnectingEvent, ReconnectEvent,
  HeartbeatEvent, StateChangeEvent, UnsentEvent, defineHandlers,
} from './events.js';
import {
  parseURL, parseProtocols, checkClose, normalizeOptions, flushOptions, sendItem, itemSize, viewOf,
} from './validate.js';
import { askParams } from './params.js';
import { SendQueue } from './queue.js';
import { K_REFUSED } from './bridge.js';
/** @typedef {import('./bridge.js').Bridge} Bridge */
import { FlushCall, FLUSH_CLOSED, messages, unconfirmedMessage } from './flush.js';

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
const K_TEXT = 1; // a message's kind is its opcode (transport.Text), as in bridge.js
const K_BINARY = 2;
const K_OPEN = 3;
const K_RECONNECTING = 4;
const K_HEARTBEAT = 5;
const K_UNSENT = 6;
const K_ERROR = 7;
const K_CLOSE = 8; // the socket's last event
const K_CLOSE_RETRY = 9; // a connection or attempt ended; a reconnect follows
const K_PARAMS = 10; // call the url and protocols functions for an attempt
const K_FLUSH = 11; // token, error message ('' for success), reason
const K_FLUSH_GONE = -2; // token: a flush that found the socket ended in Go (never from Go)

// Send statuses (wasm/api.go).
const S_OK = 0;
const S_FULL = 2;

// Unsent reasons (wasm/delivery.go) and the messages of those JavaScript reports.
const R_MAYBE = 'maybe-delivered';
const R_FULL = 'outbox-full';
const R_CLOSED = 'closed';
const R_UNDELIVERABLE = 'undeliverable';
const MSG_REFUSED = 'tether: outbox full: message refused';
const MSG_CLOSED = 'tether: the socket closed before the message was queued';
const MSG_BLOB = 'tether: the Blob could not be read';

const HANDLER_TYPES = ['open', 'message', 'error', 'close', 'reconnecting', 'reconnect', 'heartbeat', 'statechange', 'unsent'];

/**
 * A WebSocket that reconnects, heartbeats and negotiates subprotocols by
 * policy. Same constructor, properties, methods and events as the browser's
 * WebSocket, plus options and events of its own.
 */
export class TetherSocket extends EventTarget {
  #url;
  /** @type {(() => string | URL | PromiseLike<string | URL>) | null} */
  #urlFn = null; // url given as a function: called before every attempt
  #protocols;
  /** @type {(() => string | string[] | null | undefined | PromiseLike<string | string[] | null | undefined>) | null} */
  #protocolsFn = null; // likewise for protocols
  #wasmOptions;
  #outbox;
  #origin;
  /** @type {Bridge | null} set once tether.wasm is loaded */
  #api = null;
  #id = 0;
  #readyState = CONNECTING;
  #state = 'idle';
  #protocol = '';
  #binaryType = 'blob';
  #closeCalled = false;
  /** @type {{ code: number, reason: string, abort: boolean } | null} */
  #closeReq = null; // close() waiting for #queue to reach tether.wasm
  #queue = new SendQueue(); // sends waiting in JavaScript, and flush calls behind them
  #discarded = 0; // bytes sent after close: counted, never sent (as browsers do)
  #flushes = new Map(); // token → FlushCall handed to tether.wasm
  #flushToken = 0;
  #unsentCount = 0; // messages handed back in unsent events
  #finalBuffered = 0;
  #rtt = { latest: 0, smoothed: 0 };
  #deferred = []; // events waiting for their own task, in order

  /**
   * @param {import('../index.js').UrlProvider} url
   *   ws:, wss:, http:, https: or relative to the document; or a function
   *   (sync or async) called before every connection attempt.
   * @param {import('../index.js').ProtocolsProvider} [protocols]
   *   Subprotocols offered, most preferred first; or a function called before every attempt.
   * @param {import('../index.js').TetherSocketOptions} [options]
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
    let n = this.#queue.bytes + this.#discarded;
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
   * InvalidStateError, as WebSocket does. Data given while CONNECTING or
   * OPEN is confirmed, re-sent or handed back in an unsent event; data given
   * after close() is counted in bufferedAmount and discarded, as WebSocket
   * does.
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
      this.#queue.push(sendItem(data)); // a copy: the data as it is now
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
    this.#closeReq = { ...req, abort: this.#readyState === CONNECTING };
    this.#readyState = CLOSING;
    this.#closeCalled = true;
    // What send() queued here reaches tether.wasm first, as a WebSocket
    // sends what it buffered before its close frame; without tether.wasm
    // yet, #start sees #closeCalled.
    this.#drain();
  }

  /**
   * Resolves once every message sent before the call is confirmed (the
   * server read it: README "Nothing lost silently"); rejects with an
   * UnconfirmedError when some were handed back meanwhile, the socket
   * closes first, or options.timeout (ms) or options.signal ends the wait.
   * @param {import('../index.js').FlushOptions} [options]
   * @returns {Promise<void>}
   */
  flush(options = undefined) {
    const opts = flushOptions(options, CLS);
    const call = new FlushCall(++this.#flushToken, opts, { expire: (c, why) => this.#expireFlush(c, why) });
    if (this.#readyState === CLOSED) {
      this.#flushGone(call);
    } else if (this.#queue.length > 0 || !this.#api) {
      if (this.#queue.length === 0) call.settle('', ''); // nothing was sent before it
      else this.#queue.push({ kind: 'flush', call, size: 0 });
    } else {
      this.#issueFlush(call);
    }
    if (call.aborted) this.#expireFlush(call, 'aborted');
    return call.promise;
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

  /**
   * Ends a socket that never reached tether.wasm: what send() queued is
   * handed back (unsent), then error and close 1006.
   */
  #fail(message) {
    setTimeout(() => {
      const prev = this.#state;
      this.#readyState = CLOSED;
      this.#state = 'closed';
      this.#takeQueue();
      this.#dispatch(new StateChangeEvent('statechange', { state: 'closed', previousState: prev, readyState: CLOSED }));
      this.#dispatch(errorEvent(message));
      this.#dispatch(closeEvent(1006, '', false, false));
    }, 0);
  }

  /**
   * Hands a string or a Uint8Array (copied at once) to tether.wasm. All
   * that reaches here was given to send() while CONNECTING or OPEN: one Go
   * does not queue (outbox full; the socket closed though its close event
   * is still to come) is reported in an unsent event.
   */
  #toWasm(data) {
    const api = /** @type {Bridge} */ (this.#api); // #toWasm runs once loaded
    const st = typeof data === 'string' ? api.text(this.#id, data) : api.binary(this.#id, data);
    if (st !== S_OK) this.#refused(typeof data === 'string' ? data : data.slice(), st);
  }

  /** Reports a send Go did not queue, in its own task, before the last close. */
  #refused(data, status) {
    const full = status === S_FULL;
    this.#queueEvent([K_UNSENT, [data], full ? MSG_REFUSED : MSG_CLOSED, full ? R_FULL : R_CLOSED]);
  }

  /**
   * Hands queued sends and flush calls to tether.wasm in order, then the
   * close() that waited for them.
   */
  #drain() {
    if (!this.#api) return;
    this.#queue.drain(this.#drainTo);
  }

  #drainTo = {
    message: (data) => this.#toWasm(data),
    flush: (call) => this.#issueFlush(call),
    unreadable: (blob) => this.#queueEvent([K_UNSENT, [blob], MSG_BLOB, R_UNDELIVERABLE]),
    empty: () => this.#sendClose(),
  };

  /** Calls close on tether.wasm once close() was called and #queue is empty. */
  #sendClose() {
    const req = this.#closeReq;
    if (!req || !this.#api) return;
    this.#closeReq = null;
    this.#api.close(this.#id, req.code, req.reason, req.abort);
  }

  /**
   * At the socket's end: what is still queued here never reached tether.wasm
   * and is handed back (an unsent event, now); the flush calls waiting
   * behind it fail.
   */
  #takeQueue() {
    const items = this.#queue.take();
    this.#closeReq = null;
    const lost = [];
    for (const item of items) {
      if (item.kind === 'flush') item.call.settle(unconfirmedMessage(lost.length, 'the socket closed first'), FLUSH_CLOSED);
      else lost.push(item.data);
    }
    if (lost.length > 0) this.#handle(K_UNSENT, lost, MSG_CLOSED, R_CLOSED);
  }

  /** Hands call to tether.wasm (every send before it is there). */
  #issueFlush(call) {
    if (call.settled) return;
    this.#flushes.set(call.token, call);
    /** @type {Bridge} */ (this.#api).flush(this.#id, call.token, call.issue(), () => this.#queueEvent([K_FLUSH_GONE, call.token]));
  }

  /** options.timeout or options.signal ended the wait of call. */
  #expireFlush(call, why) {
    if (call.settled) return;
    if (call.issued) {
      /** @type {Bridge} */ (this.#api).cancelFlush(this.#id, call.token); // Go answers with its count
      return;
    }
    const ahead = this.#queue.removeFlush(call);
    call.settle(unconfirmedMessage(ahead, why === 'timeout' ? 'the timeout ended the wait' : 'the signal aborted the wait'), why);
  }

  /**
   * Settles a flush on a socket that has ended (in Go, or here): like Go's
   * Flush on a closed client, it fails when messages were handed back.
   */
  #flushGone(call) {
    this.#flushes.delete(call.token);
    if (this.#unsentCount === 0) call.settle('', '');
    else call.settle(`tether: messages not confirmed: the socket closed and handed ${messages(this.#unsentCount)} back (see the unsent events)`, FLUSH_CLOSED);
  }

  /**
   * Queues an event of JavaScript's own behind those already deferred, and
   * before the socket's last close when that is among them.
   */
  #queueEvent(ev) {
    const evs = this.#deferred;
    const at = evs.findIndex((e) => e[0] === K_CLOSE);
    if (at >= 0) evs.splice(at, 0, ev);
    else if (evs.push(ev) === 1) setTimeout(() => this.#flushDeferred(), 0);
  }

  #dispatch(ev) {
    this.dispatchEvent(ev);
  }

  #toData(d) {
    if (typeof d === 'string') return d;
    return this.#binaryType === 'arraybuffer' ? d.buffer : new Blob([d]);
  }

  /** A handed-back message as the page gave it: a Blob stays that Blob. */
  #unsentData(d) {
    return typeof Blob !== 'undefined' && d instanceof Blob ? d : this.#toData(d);
  }

  #event(kind, a, b, c, d, e, f) {
    if (/** @type {Bridge} */ (this.#api).inCall() || this.#deferred.length > 0) {
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
        this.#dispatch(openEvent(d));
        if (b) this.#dispatch(new ReconnectEvent('reconnect', { attempt: c, protocol: a, confirms: d }));
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
        this.#unsentCount += a.length;
        this.#dispatch(new UnsentEvent('unsent', {
          messages: Array.from(a, (m) => this.#unsentData(m)), message: b, reason: c, maybeDelivered: c === R_MAYBE,
        }));
        return;
      case K_ERROR:
        this.#dispatch(errorEvent(a));
        return;
      case K_CLOSE:
        this.#finalBuffered = d;
        this.#readyState = CLOSED;
        this.#takeQueue();
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
        this.#handleFlush(kind, a, b, c);
    }
  }

  /** Flush results (K_FLUSH, K_FLUSH_GONE) and sends Go refused (K_REFUSED). */
  #handleFlush(kind, a, b, c) {
    switch (kind) {
      case K_FLUSH: {
        const call = this.#flushes.get(a);
        this.#flushes.delete(a);
        call?.settle(b, c);
        return;
      }
      case K_FLUSH_GONE:
        if (this.#flushes.has(a)) this.#flushGone(this.#flushes.get(a));
        return;
      case K_REFUSED:
        this.#refused(a, b);
        return;
      default:
    }
  }

  /**
   * Calls the url and protocols functions for attempt (params.js) and
   * answers Go through reply, always from a promise's settlement.
   */
  #askParams(attempt, reply) {
    askParams(this.#urlFn, this.#protocolsFn, CLS).then(({ url, protocols }) => {
      if (url && !this.#closeCalled) {
        this.#url = url;
        this.#origin = new URL(url).origin;
      }
      reply(attempt, true, url, protocols);
    }, (err) => reply(attempt, false, err.message));
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

defineHandlers(TetherSocket.prototype, HANDLER_TYPES);
