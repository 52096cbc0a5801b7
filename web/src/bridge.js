// The JavaScript side of tether.wasm's API (wasm/api.go, wasm/exports.go,
// wasm/host.go, wasm/frames.go): calls into Go, and the browser WebSockets'
// message path.
//
// A js.FuncOf call into Go costs microseconds: it runs Go's scheduler until
// every goroutine is idle, and syscall/js wraps every JavaScript object that
// crosses in a js.Value with a finalizer. So the per-message paths pass
// numbers and bytes in Go's memory instead:
//
//   - a received message is copied into Go's scratch buffer and handed over
//     with the tether_message export, which also runs the socket's message
//     listeners unless Go is delivering the socket's events (wasm/stream.go);
//     TetherSocket.send uses tether_send;
//   - Go hands a received message over as an address and a length, and
//     sends the same way: through functions it imports (wasm/imports.go),
//     host.message(socket, kind, addr, n) and host.send(conn, kind, addr, n),
//     which load.js binds to this Bridge. They must never throw into Go;
//   - a send made by a listener while Go delivers an event is framed into
//     Go's frame buffer, not a call at all: the return value of the call
//     that delivered the event tells Go how many bytes to take.
//
// An export runs no goroutine: Go runs what it readied when resumed, which a
// top-level call asks for with one microtask per task (#resume), or, after a
// message delivered inside its export, within a millisecond for all the
// messages of that time (#resumeSoon). While JavaScript runs inside a call
// from Go (a listener), it never calls into Go's scheduler or an export that
// allocates: calls that would are deferred to a microtask (see
// wasm/exports.go for why).

const encoder = new TextEncoder();
const decoder = new TextDecoder();
// A message's kind is its RFC 6455 opcode (Go's transport.Text and Binary), in
// every call that carries one: tether_send, tether_message, host.send,
// frames, and the events of received messages (wasm/emit.go).
const K_TEXT = 1;
const K_BINARY = 2;
const K_CLOSE = 8; // the socket's last event
const K_PARAMS = 10; // attempt, reply: a js.FuncOf of Go's (wasm/params.go)
export const K_REFUSED = -1; // data, status: a deferred send Go did not queue (socket.js reports it)
const S_OK = 0; // tether_send statuses (wasm/api.go)
const S_UNKNOWN = 4; // no such socket in Go: it has ended
const FRAME_HEADER = 9; // id uint32, kind uint8, length uint32 (wasm/frames.go)
const RESUME_SOON_MS = 1; // see #resumeSoon

/** The wasm API: js.FuncOf functions called without a receiver, and exports. */
export class Bridge {
  #api;
  #go;
  #ex;
  #frameAddr;
  #frameSize;
  #framed = 0; // bytes framed, not yet taken by Go
  #later = []; // [id, kind, data, handle]: sends deferred to the top level, in order
  #depth = 0; // js.FuncOf calls into Go in progress
  #inGo = 0; // calls from Go into this file in progress
  #delivering = 0; // sinks in progress (listeners may send)
  #resumeQueued = false;
  #soonQueued = false;
  #soonTask = () => {
    this.#soonQueued = false;
    if (!this.#resumeQueued) this.#runGo();
  };
  #conns = new Map(); // hosted connection id → browser WebSocket
  #handlers = new Map(); // socket id → its TetherSocket's event handler

  constructor({ api, go, instance, host }) {
    this.#api = api;
    this.#go = go;
    this.#ex = instance.exports;
    host.send = (conn, kind, addr, n) => this.#send(conn, kind, addr, n);
    host.message = (socket, kind, addr, n) => this.#message(socket, kind, addr, n);
    [this.#frameAddr, this.#frameSize] = this.#call('setHost', {
      attach: (ws, id) => this.#fromGo(() => this.#attach(ws, id)),
      detach: (id) => { this.#conns.delete(id); },
    });
  }

  /**
   * Calls into Go run its goroutines until they are idle, which may produce
   * events (a state change inside the constructor, a close inside close()).
   * Browsers never dispatch during such calls: socket.js defers events that
   * arrive while this is true.
   */
  inCall() { return this.#depth > 0; }

  /** True while JavaScript runs inside a call from Go. */
  nested() { return this.#inGo > 0; }

  #call(name, ...args) {
    this.#depth++;
    try {
      const f = this.#api[name];
      return f(...args); // no receiver: `this` is undefined and costs nothing
    } finally {
      this.#depth--;
    }
  }

  /** Calls name now, or in a microtask when running inside a call from Go. */
  #callTopLevel(name, ...args) {
    if (!this.nested()) {
      this.#flushLater();
      this.#call(name, ...args);
      return;
    }
    queueMicrotask(() => this.#callTopLevel(name, ...args));
  }

  #fromGo(f) {
    this.#inGo++;
    try {
      return f();
    } finally {
      this.#inGo--;
    }
  }

  /** Lets Go run what the exports queued, once per task. */
  #resume() {
    if (this.#resumeQueued) return;
    this.#resumeQueued = true;
    queueMicrotask(() => this.#runGo());
  }

  /**
   * Lets Go run within about a millisecond, once for however many message
   * events come meanwhile: after a message was delivered inside its export,
   * Go has at most bookkeeping left to run (a heartbeat timer to rearm, an
   * event for later), and a resume per message costs more than the rest of
   * the message's work in Go.
   */
  #resumeSoon() {
    if (this.#soonQueued) return;
    this.#soonQueued = true;
    setTimeout(this.#soonTask, RESUME_SOON_MS);
  }

  #runGo() {
    this.#resumeQueued = false;
    this.#flushLater();
    if (!this.#go.exited) this.#go._resume();
  }

  /** Bytes of Go's memory (a fresh view: the memory may have grown). */
  #bytes(addr, n) {
    return new Uint8Array(this.#ex.mem.buffer, addr, n);
  }

  /** Copies a string (UTF-8) or bytes into the scratch buffer; returns the length. */
  #toScratch(data) {
    if (typeof data === 'string') {
      const max = data.length * 3; // UTF-8: at most 3 bytes per UTF-16 unit
      const addr = this.#ex.tether_scratch(max);
      return encoder.encodeInto(data, this.#bytes(addr, max)).written;
    }
    const src = data instanceof ArrayBuffer ? new Uint8Array(data) : data;
    const addr = this.#ex.tether_scratch(src.byteLength);
    this.#bytes(addr, src.byteLength).set(src);
    return src.byteLength;
  }

  #attach(ws, id) {
    this.#conns.set(id, ws);
    ws.onmessage = (ev) => {
      const kind = typeof ev.data === 'string' ? K_TEXT : K_BINARY;
      const delivered = this.#ex.tether_message(id, kind, this.#toScratch(ev.data));
      if (delivered) this.#resumeSoon();
      else this.#resume(); // Go delivers it
    };
  }

  /** host.send: sends n bytes of Go's memory on connection conn; -1 when it is not OPEN. */
  #send(conn, kind, addr, n) {
    const ws = this.#conns.get(conn);
    if (ws?.readyState !== 1) return -1; // CLOSING or CLOSED: send would discard it
    try {
      if (kind === K_TEXT) ws.send(decoder.decode(this.#bytes(addr, n)));
      else ws.send(this.#bytes(addr, n).slice());
    } catch {
      return -1; // never throw into Go
    }
    return ws.bufferedAmount;
  }

  /** host.message: a received message for socket's listeners. */
  #message(socket, kind, addr, n) {
    const handle = this.#handlers.get(socket);
    if (!handle) return 0;
    return this.#deliver(handle, kind, addr, n);
  }

  /**
   * Runs handle(kind, ...) inside a call from Go and returns the bytes of
   * sends framed meanwhile, which Go takes when this returns. Messages
   * (K_TEXT, K_BINARY at address a, b bytes) are decoded or copied first.
   */
  #deliver(handle, kind, a, b, c, d, e, f) {
    this.#inGo++;
    this.#delivering++;
    try {
      if (kind === K_TEXT) handle(kind, decoder.decode(this.#bytes(a, b)));
      else if (kind === K_BINARY) handle(kind, this.#bytes(a, b).slice());
      else handle(kind, a, b, c, d, e, f);
    } catch (err) {
      queueMicrotask(() => { throw err; }); // report it, but keep Go running
    } finally {
      this.#delivering--;
      this.#inGo--;
    }
    const n = this.#framed;
    this.#framed = 0;
    return n;
  }

  open(url, protocols, options, handle) {
    let id = 0;
    const sink = (kind, a, b, c, d, e, f) => {
      if (kind === K_CLOSE) this.#handlers.delete(id);
      else if (kind === K_PARAMS) b = this.#replyTo(() => this.#handlers.has(id), b);
      return this.#deliver(handle, kind, a, b, c, d, e, f);
    };
    this.#flushLater();
    const r = this.#call('open', url, protocols, options, sink);
    if (typeof r === 'number') {
      id = r;
      this.#handlers.set(id, handle);
    }
    return r;
  }

  /**
   * Wraps fn, a js.FuncOf that Go releases once the socket's last event was
   * delivered: the wrapper calls it at the top level (as #call does), and
   * never once live() is false (calling a released function would crash Go).
   */
  #replyTo(live, fn) {
    const reply = (...args) => {
      if (this.nested()) {
        queueMicrotask(() => reply(...args));
        return;
      }
      if (!live()) return;
      this.#flushLater();
      this.#depth++;
      try {
        fn(...args);
      } finally {
        this.#depth--;
      }
    };
    return reply;
  }

  close(id, code, reason, abort) { this.#callTopLevel('close', id, code, reason, abort); }

  probe(id) { this.#callTopLevel('probe', id); }

  reconnectNow(id) { this.#callTopLevel('reconnectNow', id); }

  /**
   * Starts sdk.Client.Flush for the socket's call token (timeout ms, -1:
   * none) after the sends made before it; its result is a K_FLUSH event.
   * gone() runs instead when the socket has ended in Go.
   */
  flush(id, token, timeout, gone) {
    if (this.nested()) {
      queueMicrotask(() => this.flush(id, token, timeout, gone));
      return;
    }
    this.#flushLater();
    if (!this.#call('flush', id, token, timeout)) gone();
  }

  /** Ends the wait of a flush call (its result still comes as a K_FLUSH event). */
  cancelFlush(id, token) { this.#callTopLevel('cancelFlush', id, token); }

  /** Bytes sent and not yet handed to Go or the network. */
  bufferedAmount(id) {
    let n = this.#ex.tether_buffered(id);
    for (const [i, , data] of this.#later) if (i === id) n += data.byteLength ?? encoder.encode(data).length;
    return n;
  }

  count() { return this.#ex.tether_count(); }

  /** Sends text (lone surrogates become U+FFFD, as for USVString); returns the status. */
  text(id, s) { return this.#sendData(id, K_TEXT, s); }

  /** Sends the bytes of u8 (copied before it returns); returns the status. */
  binary(id, u8) { return this.#sendData(id, K_BINARY, u8); }

  #sendData(id, kind, data) {
    if (this.nested()) {
      const handle = this.#handlers.get(id);
      if (!handle) return S_UNKNOWN; // its last event was delivered: Go would not queue it
      if (this.#later.length === 0 && this.#delivering > 0 && this.#frame(id, kind, data)) return S_OK;
      this.#later.push([id, kind, kind === K_TEXT ? data : data.slice(), handle]);
      this.#resume();
      return S_OK; // a failure is reported later (Go's unsent event, or K_REFUSED)
    }
    this.#flushLater();
    const st = this.#ex.tether_send(id, kind, this.#toScratch(data));
    this.#resume();
    return st;
  }

  /** Frames a send into Go's frame buffer when there is room. */
  #frame(id, kind, data) {
    const max = kind === K_TEXT ? data.length * 3 : data.byteLength;
    if (this.#framed + FRAME_HEADER + max > this.#frameSize) return false;
    const at = this.#frameAddr + this.#framed;
    const mem = this.#ex.mem.buffer;
    const body = new Uint8Array(mem, at + FRAME_HEADER, max);
    const n = kind === K_TEXT ? encoder.encodeInto(data, body).written : (body.set(data), max);
    const head = new DataView(mem, at, FRAME_HEADER);
    head.setUint32(0, id, true);
    head.setUint8(4, kind);
    head.setUint32(5, n, true);
    this.#framed += FRAME_HEADER + n;
    return true;
  }

  /**
   * Hands Go the sends deferred while JavaScript ran inside a call from Go.
   * Their callers have returned: one Go does not queue (outbox full, or the
   * socket closed meanwhile) goes back to its socket as K_REFUSED, which
   * reports it in an unsent event.
   */
  #flushLater() {
    if (this.#later.length === 0 || this.nested()) return;
    const later = this.#later;
    this.#later = [];
    for (const [id, kind, data, handle] of later) {
      const st = this.#ex.tether_send(id, kind, this.#toScratch(data));
      if (st !== S_OK) handle(K_REFUSED, data, st);
    }
    this.#resume();
  }
}
