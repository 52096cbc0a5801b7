// TetherSocket.flush(): one call's promise, timeout and AbortSignal, and the
// error it rejects with. socket.js hands a call to tether.wasm (wasm/flush.go)
// once every send made before it has reached Go; until then the call's
// timeout and signal are handled here.

/** Why a flush() failed: the reason field of UnconfirmedError. */
export const FLUSH_TIMEOUT = 'timeout';
export const FLUSH_ABORTED = 'aborted';
export const FLUSH_CLOSED = 'closed';

// setTimeout fires at once for delays it cannot hold: longer ones mean none.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * flush() rejected: some messages sent before it were not confirmed. reason
 * is 'timeout', 'aborted' (cause is the signal's reason), 'closed' or
 * 'handed-back' (see the unsent events); message says how many.
 */
export class UnconfirmedError extends Error {
  constructor(message, reason, cause = undefined) {
    super(message, cause === undefined ? undefined : { cause });
    Object.defineProperty(this, 'name', { value: 'UnconfirmedError', enumerable: false, configurable: true, writable: true });
    Object.defineProperty(this, 'reason', { value: reason, enumerable: true });
  }
}

/** "1 message" or "n messages", as Go says it. */
export function messages(n) {
  return n === 1 ? '1 message' : `${n} messages`;
}

/** The message of a flush that JavaScript ends itself, shaped like Go's. */
export function unconfirmedMessage(n, why) {
  return `tether: messages not confirmed: ${messages(n)}: ${why}`;
}

/**
 * One flush() call. It settles once. hooks.expire(call, reason) runs when
 * its timeout or signal ends the wait: socket.js settles it, or asks Go to.
 */
export class FlushCall {
  promise;
  token;
  issued = false; // handed to tether.wasm: Go runs the timeout
  settled = false;
  #resolve;
  #reject;
  #deadline = -1;
  #timer = 0;
  #signal;
  /** @type {(() => void) | null} */
  #onAbort = null;

  /**
   * @param {number} token
   * @param {{ timeout?: number, signal?: AbortSignal }} options
   * @param {{ expire: (call: FlushCall, reason: string) => void }} hooks
   */
  constructor(token, { timeout, signal }, hooks) {
    this.token = token;
    this.promise = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#signal = signal;
    if (timeout !== undefined && timeout <= MAX_TIMER_MS) {
      this.#deadline = performance.now() + timeout;
      this.#timer = setTimeout(() => hooks.expire(this, FLUSH_TIMEOUT), timeout);
    }
    if (signal) {
      this.#onAbort = () => hooks.expire(this, FLUSH_ABORTED);
      signal.addEventListener('abort', this.#onAbort, { once: true });
    }
  }

  /** True once the signal has aborted. */
  get aborted() { return this.#signal?.aborted === true; }

  /**
   * Marks the call handed to Go and returns the milliseconds left of its
   * timeout (-1: none); the timer here stops, Go's runs instead.
   */
  issue() {
    this.issued = true;
    clearTimeout(this.#timer);
    return this.#deadline < 0 ? -1 : Math.max(0, this.#deadline - performance.now());
  }

  /** Resolves (message '') or rejects with an UnconfirmedError. */
  settle(message, reason) {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.#timer);
    if (this.#onAbort) this.#signal.removeEventListener('abort', this.#onAbort);
    if (!message) {
      this.#resolve();
      return;
    }
    const cause = reason === FLUSH_ABORTED ? this.#signal?.reason : undefined;
    this.#reject(new UnconfirmedError(message, reason, cause));
  }
}
