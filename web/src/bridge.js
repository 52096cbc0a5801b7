// The JavaScript side of tether.wasm's API (wasm/api.go, wasm/buffers.go):
// calls into Go and the buffers messages cross in.
//
// syscall/js turns every JavaScript object, string or `this` that crosses into
// Go into a js.Value carrying a runtime finalizer, and a call into Go costs
// microseconds. So the hot paths pass numbers only: functions are called
// without a receiver, small outgoing messages are written into a send buffer
// that Go holds, small incoming messages arrive as a length into Go's receive
// buffer, and a send made by a listener while Go delivers an event is framed
// into a buffer that Go takes when the listener returns: no call at all.

/** Largest message that goes through the buffers (wasm/emit.go maxBuffered). */
const MAX_BUFFERED = 64 * 1024;
const FRAME_HEADER = 9; // id uint32, kind uint8, length uint32 (wasm/buffers.go)
const KIND = { text: 1, binary: 2 };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The wasm API as functions called without a receiver, and the buffers. */
export class Bridge {
  #api;
  #inBuf = new Uint8Array(4096); // JavaScript writes, Go reads (wasm/buffers.go "in")
  #frames = new Uint8Array(FRAME_HEADER + MAX_BUFFERED);
  #frameView = new DataView(this.#frames.buffer);
  #framed = 0; // bytes framed, not yet taken by Go
  #depth = 0; // calls into Go in progress
  #delivering = 0; // events being delivered by Go (sinks running)

  constructor(api) {
    this.#api = api;
    this.#call('setInBuffer', this.#inBuf);
    this.#call('setFrameBuffer', this.#frames);
  }

  /**
   * Calls into Go run its goroutines until they are idle, which may produce
   * events (a state change inside the constructor, a close inside close()).
   * Browsers never dispatch during such calls: socket.js defers events that
   * arrive while this is true.
   */
  inCall() { return this.#depth > 0; }

  #call(name, ...args) {
    this.#depth++;
    try {
      const f = this.#api[name];
      return f(...args); // no receiver: `this` is undefined and costs nothing
    } finally {
      this.#depth--;
    }
  }

  /** Calls name after handing Go the framed sends, which come first. */
  #callInOrder(name, ...args) {
    if (this.#framed > 0) this.#flushFrames();
    return this.#call(name, ...args);
  }

  #flushFrames() {
    const n = this.#framed;
    this.#framed = 0;
    this.#call('sendFrames', n);
  }

  open(url, protocols, options, handle) {
    const sink = (...ev) => {
      this.#delivering++;
      try {
        handle(...ev);
      } catch (err) {
        queueMicrotask(() => { throw err; }); // report it, but keep Go running
      } finally {
        this.#delivering--;
      }
      // Go takes the framed sends when this returns.
      const n = this.#framed;
      this.#framed = 0;
      return n;
    };
    return this.#callInOrder('open', url, protocols, options, sink);
  }

  close(id, code, reason, abort) { return this.#callInOrder('close', id, code, reason, abort); }

  bufferedAmount(id) {
    return this.#callInOrder('bufferedAmount', id);
  }

  probe(id) { return this.#callInOrder('probe', id); }

  reconnectNow(id) { return this.#callInOrder('reconnectNow', id); }

  count() { return this.#callInOrder('count'); }

  /** Appends a frame when Go is delivering an event and there is room. */
  #frame(id, kind, size, write) {
    // Whatever runs while a sink runs was called by it: the innermost sink's
    // return hands these frames to Go (calls into Go flush them first).
    if (this.#delivering === 0 || size > MAX_BUFFERED) return false;
    if (this.#framed + FRAME_HEADER + size > this.#frames.length) this.#flushFrames();
    const at = this.#framed;
    this.#frameView.setUint32(at, id, true);
    this.#frameView.setUint8(at + 4, kind);
    const written = write(at + FRAME_HEADER);
    this.#frameView.setUint32(at + 5, written, true);
    this.#framed = at + FRAME_HEADER + written;
    return true;
  }

  /** Sends text (lone surrogates become U+FFFD, as for USVString); returns the status. */
  text(id, s) {
    if (s.length <= MAX_BUFFERED / 3 && this.#frame(id, KIND.text, s.length * 3,
      (at) => encoder.encodeInto(s, this.#frames.subarray(at)).written)) return 0;
    if (s.length > MAX_BUFFERED) return this.#callInOrder('sendText', id, s); // Go reads the string itself
    if (s.length * 3 > this.#inBuf.length) this.#growIn(s.length * 3); // UTF-8: at most 3 bytes per UTF-16 unit
    const n = encoder.encodeInto(s, this.#inBuf).written;
    return this.#callInOrder('sendText', id, n);
  }

  /** Sends the bytes of u8 (copied before it returns); returns the status. */
  binary(id, u8) {
    const n = u8.byteLength;
    if (this.#frame(id, KIND.binary, n, (at) => { this.#frames.set(u8, at); return n; })) return 0;
    if (n > MAX_BUFFERED) return this.#callInOrder('sendBinary', id, u8);
    if (n > this.#inBuf.length) this.#growIn(n);
    this.#inBuf.set(u8);
    return this.#callInOrder('sendBinary', id, n);
  }

  #growIn(n) {
    let size = this.#inBuf.length;
    while (size < n) size *= 2;
    this.#inBuf = new Uint8Array(size);
    this.#callInOrder('setInBuffer', this.#inBuf);
  }
}

/**
 * A received message as its sink arguments: (n, buffer) for the first n bytes
 * of Go's receive buffer, or a string / Uint8Array of its own.
 */
export function textData(a, b) {
  return typeof a === 'number' ? decoder.decode(b.subarray(0, a)) : a;
}

export function binaryData(a, b) {
  return typeof a === 'number' ? b.slice(0, a) : a;
}
