// Event classes. open and error are plain Events (with a field of our own),
// message a MessageEvent and close a CloseEvent, as a browser WebSocket
// dispatches them; the rest are TetherSocket's own.

function readonly(target, fields) {
  for (const [k, v] of Object.entries(fields)) {
    Object.defineProperty(target, k, { value: v, enumerable: true });
  }
}

/** CloseEvent where the runtime has one (browsers); a look-alike elsewhere. */
export const CloseEventClass = globalThis.CloseEvent ?? class CloseEvent extends Event {
  constructor(type, init = {}) {
    super(type, init);
    readonly(this, { wasClean: !!init.wasClean, code: init.code ?? 0, reason: init.reason ?? '' });
  }
};

/**
 * The close event: a CloseEvent, as browsers dispatch it, plus willReconnect:
 * true when a reconnect follows (readyState is then CONNECTING), false on the
 * socket's last close (readyState CLOSED).
 */
export function closeEvent(code, reason, wasClean, willReconnect) {
  const e = new CloseEventClass('close', { code, reason, wasClean });
  readonly(e, { willReconnect: !!willReconnect });
  return e;
}

/** MessageEvent where the runtime has one; a look-alike elsewhere. */
export const MessageEventClass = globalThis.MessageEvent ?? class MessageEvent extends Event {
  constructor(type, init = {}) {
    super(type, init);
    readonly(this, { data: init.data ?? null, origin: init.origin ?? '', lastEventId: '', source: null, ports: [] });
  }
};

/** The error event: a plain Event, plus message saying why (browsers give none). */
export function errorEvent(message) {
  const e = new Event('error');
  readonly(e, { message: message || '' });
  return e;
}

/** reconnecting: the connection was lost (or an attempt failed); the next attempt follows after delay ms. */
export class ReconnectingEvent extends Event {
  constructor(type, init = {}) {
    super(type, init);
    readonly(this, {
      attempt: init.attempt ?? 0,
      delay: init.delay ?? 0,
      code: init.code ?? 1006,
      reason: init.reason ?? '',
      wasClean: !!init.wasClean,
      message: init.message ?? '',
    });
  }
}

/**
 * The open event: a plain Event, as browsers dispatch it, plus confirms:
 * whether the connection can confirm delivery (an application ping is
 * configured or the agreed subprotocol defines one).
 */
export function openEvent(confirms) {
  const e = new Event('open');
  readonly(e, { confirms: !!confirms });
  return e;
}

/** reconnect: a connection opened again after a loss (dispatched after open). */
export class ReconnectEvent extends Event {
  constructor(type, init = {}) {
    super(type, init);
    readonly(this, { attempt: init.attempt ?? 0, protocol: init.protocol ?? '', confirms: !!init.confirms });
  }
}

/** heartbeat: a heartbeat was answered; rtt and smoothedRTT in milliseconds. */
export class HeartbeatEvent extends Event {
  constructor(type, init = {}) {
    super(type, init);
    readonly(this, { rtt: init.rtt ?? 0, smoothedRTT: init.smoothedRTT ?? 0 });
  }
}

/** statechange: the client moved between idle, connecting, open, reconnecting, closing and closed. */
export class StateChangeEvent extends Event {
  constructor(type, init = {}) {
    super(type, init);
    readonly(this, {
      state: init.state ?? 'idle',
      previousState: init.previousState ?? 'idle',
      readyState: init.readyState ?? 0,
    });
  }
}

/**
 * unsent: messages given to send that are handed back, and why: reason is
 * 'maybe-delivered' (written, the connection lost before the server
 * confirmed it; maybeDelivered is then true), or, never written,
 * 'outbox-full', 'undeliverable' or 'closed'; message is the error's text.
 */
export class UnsentEvent extends Event {
  constructor(type, init = {}) {
    super(type, init);
    readonly(this, {
      messages: Object.freeze([...(init.messages ?? [])]),
      message: init.message ?? '',
      reason: init.reason ?? '',
      maybeDelivered: !!init.maybeDelivered,
    });
  }
}

const handlers = new WeakMap(); // target → type → { fn, listener }

/**
 * Defines onopen, onmessage, ...: event handler attributes for types on
 * proto. A handler takes its place among the listeners when first set, as
 * in browsers.
 */
export function defineHandlers(proto, types) {
  for (const type of types) {
    Object.defineProperty(proto, `on${type}`, {
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
}
