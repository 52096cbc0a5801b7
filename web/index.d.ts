// Types for @tetherws/tether: TetherSocket, a drop-in WebSocket backed by
// Tether's Go client compiled to wasm, and load(), which starts it.

/**
 * tether.wasm itself, or where to find it:
 * - a URL (a string is resolved against the document or worker; in Node,
 *   where there is none, a string without a scheme is a file path, and file:
 *   URLs are read from disk);
 * - its bytes (an ArrayBuffer or any ArrayBuffer view: Uint8Array, Buffer, DataView);
 * - a Response (e.g. fetch(url), or one from a Cache), streamed when it is
 *   served as application/wasm;
 * - a compiled WebAssembly.Module (e.g. compiled once in a page and posted
 *   to workers);
 * - or a promise of any of these.
 */
export type WasmSource =
  | string
  | URL
  | ArrayBuffer
  | ArrayBufferView
  | Response
  | WebAssembly.Module
  | PromiseLike<string | URL | ArrayBuffer | ArrayBufferView | Response | WebAssembly.Module>;

/** Where tether.wasm and Go's wasm_exec.js come from (default: next to the module). */
export interface LoadOptions {
  /** tether.wasm, or where to find it. */
  wasm?: WasmSource;
  /** The same as wasm, for a URL or path only (kept from earlier releases). Give one of wasm and wasmURL. */
  wasmURL?: string | URL;
  /** Go's wasm_exec.js (loaded unless globalThis.Go is defined); in Node, a path or file: URL. */
  wasmExecURL?: string | URL;
}

/**
 * Starts tether.wasm once per realm (a page, a worker, a Node process); later
 * calls return a promise of the same start and ignore their argument (after
 * checking it). A failed start is forgotten: the next call tries again.
 * TetherSocket calls it with no argument if needed; call it first to load
 * from elsewhere or to start loading early.
 *
 * Rejects with a TypeError naming what was given when that is not a
 * WasmSource or LoadOptions, and with an Error when tether.wasm cannot be read,
 * is not WebAssembly, or was built for another version of this module.
 */
export function load(wasm?: WasmSource | LoadOptions): Promise<void>;

/**
 * Reconnect policy. Durations are in milliseconds; omitted fields use Tether's
 * defaults, the same as Go's (README "Defaults").
 */
export interface ReconnectOptions {
  /** Delay before the first reconnect attempt, before jitter. Default 1000. */
  initialDelay?: number;
  /** Cap on every delay. Default 30000. */
  maxDelay?: number;
  /** Growth of the delay after each failed attempt, at least 1. Default 2. */
  multiplier?: number;
  /** Jitter factor in [0, 1]: each delay is drawn from delay × [1 − j, 1 + j]. 0 turns jitter off. Default 0.5. */
  jitter?: number;
  /** Failed attempts in a row before giving up (error, then close 1006). Default 0: never give up. */
  maxAttempts?: number;
  /** How long a connection must stay open for the backoff to start over. Default 5000. */
  minUptime?: number;
  /** Another name for the top-level handshakeTimeout: the bound on one connection attempt. handshakeTimeout wins when both are set. Default 10000. */
  connectTimeout?: number;
  /**
   * Retry when the very first connection attempt fails, too. Default false:
   * a failed first attempt fires error, then the last close (1006), as a
   * WebSocket does; a connection that was open reconnects.
   */
  retryFirstDial?: boolean;
}

/** Application-level heartbeats (browsers cannot send ping frames). Durations in milliseconds. */
export interface HeartbeatOptions {
  /** Idle time without a sign of life after which a ping is sent. Default 25000. */
  interval?: number;
  /** Wait for a sign of life after a ping before the connection is declared dead (closed with 4000 "heartbeat timeout"). Default 15000. */
  timeout?: number;
  /** The ping message: a string is sent as text, bytes as binary. Default: the agreed subprotocol's (graphql-transport-ws, mqtt), else no heartbeat. */
  ping?: string | ArrayBuffer | ArrayBufferView;
  /** The exact answer to a ping. Matched pongs are not delivered as messages unless deliverPongs. */
  pong?: string | ArrayBuffer | ArrayBufferView;
  /** Only a matched pong proves life (default false: any message does). */
  requirePong?: boolean;
  /** Deliver matched pongs as message events too. Default false. */
  deliverPongs?: boolean;
  /** Multiplies timeout while the page is hidden (browsers throttle timers). Default 4. */
  hiddenTimeoutFactor?: number;
}

/**
 * Bounds on messages waiting for a connection (while CONNECTING, and while
 * the browser's own buffer is over its high-water mark).
 */
export interface OutboxOptions {
  /** Default 1024. */
  maxMessages?: number;
  /** Default 4 MiB. */
  maxBytes?: number;
  /** What happens to a message that does not fit: refused (default) or the oldest dropped; either way an unsent event reports it. */
  overflow?: 'reject' | 'drop-oldest';
}

/**
 * Delivery: how sent messages are confirmed and what happens to those a lost
 * connection leaves unconfirmed. A message is confirmed when the answer to
 * a ping written after it comes back: the server has read it. In a browser
 * that needs an application ping (heartbeat.ping, or the agreed
 * subprotocol's); see the open event's confirms. Omitted fields use Go's
 * defaults (README "Defaults").
 */
export interface DeliveryOptions {
  /**
   * Hand messages a lost connection left unconfirmed back in an unsent event
   * (reason 'maybe-delivered': the server may have read them) instead of
   * sending them again. Default false: they are re-sent first, in order, on
   * the next connection — at least once, so the server may read one twice.
   */
  handBackUnconfirmed?: boolean;
  /** Written messages waiting for confirmation before sends wait (at half of it written since the last ping, a ping goes out at once). Positive integer; default 4096. */
  maxUnconfirmed?: number;
  /** The same bound in bytes. Positive integer; default 4 MiB. */
  maxUnconfirmedBytes?: number;
  /** Milliseconds after a write before the ping that confirms it (one ping confirms every write before it). Default 50. */
  barrierDelay?: number;
}

/** flush() options. */
export interface FlushOptions {
  /** Give up after this many milliseconds (>= 0). Default: no timeout. */
  timeout?: number;
  /** Give up when this signal aborts (the error's cause is the signal's reason). */
  signal?: AbortSignal;
}

/**
 * The rejection of flush(): messages sent before it were not all confirmed.
 * The message says how many (Go's text).
 */
export class UnconfirmedError extends Error {
  readonly name: 'UnconfirmedError';
  /**
   * 'timeout' or 'aborted': options.timeout or options.signal ended the
   * wait; 'handed-back': messages were handed back meanwhile (unsent
   * events); 'closed': the socket closed first.
   */
  readonly reason: 'timeout' | 'aborted' | 'handed-back' | 'closed';
}

export interface TetherSocketOptions {
  /** Reconnect policy; false turns reconnecting off (a lost connection closes the socket, as WebSocket does). Default: on, except after a failed first attempt. */
  reconnect?: boolean | ReconnectOptions;
  /** Heartbeats; false turns them off. Default: on when a ping is configured or the agreed subprotocol defines one. */
  heartbeat?: boolean | HeartbeatOptions;
  /** Fail the connection when the server agrees none of the offered subprotocols (Chromium already does). */
  requireSubprotocol?: boolean;
  /** Extra entries offered after protocols carrying credentials (e.g. a bearer token); never accepted as the agreed protocol, never shown in errors. */
  subprotocolCredentials?: string[];
  /**
   * Sends while CONNECTING (the first connection and every reconnect) wait in
   * the outbox and go out in order once open; what does not fit is refused
   * (an unsent event). Default: on, 1024 messages and 4 MiB, refusing.
   * false: send while CONNECTING throws InvalidStateError, as WebSocket's
   * does, and while open sends are buffered without a bound of Tether's own.
   */
  outbox?: boolean | OutboxOptions;
  /** Largest message accepted, in bytes; -1 for no limit, as browsers. A larger one closes the connection with 1009. Default 1048576 (1 MiB). */
  readLimit?: number;
  /** Received messages held while the page is busy before the socket stops reading. Default 256. */
  receiveBuffer?: number;
  /** Bound on each opening handshake in milliseconds. Default: reconnect.connectTimeout (10000). */
  handshakeTimeout?: number;
  /** Confirmation of sent messages, and the policy for those a lost connection leaves unconfirmed. */
  delivery?: DeliveryOptions;
}

/** Tether's own connection state (finer than readyState). */
export type TetherState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closing' | 'closed';

/**
 * The connection was lost (or an attempt failed); the next attempt follows
 * after delay. Dispatched after that connection's close event (willReconnect
 * true). readyState is CONNECTING.
 */
export class ReconnectingEvent extends Event {
  constructor(type: string, init?: EventInit & Partial<Pick<ReconnectingEvent, 'attempt' | 'delay' | 'code' | 'reason' | 'wasClean' | 'message'>>);
  /** Number of the attempt that follows the delay. */
  readonly attempt: number;
  /** Milliseconds until that attempt. */
  readonly delay: number;
  /** How the previous connection ended: close code (1006 without a close frame or for a failed attempt), reason, wasClean. */
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
  /** Why, in words (credentials redacted). */
  readonly message: string;
}

/**
 * The open event: a plain Event, as WebSocket's, plus confirms: true when the
 * connection can confirm delivery (an application ping is configured or the
 * agreed subprotocol defines one). False: a message counts as confirmed once
 * written, and at a loss only those written since the server last sent
 * anything are re-sent or handed back.
 */
export interface TetherOpenEvent extends Event {
  readonly confirms: boolean;
}

/** A connection opened again after a loss; dispatched right after its open event. */
export class ReconnectEvent extends Event {
  constructor(type: string, init?: EventInit & Partial<Pick<ReconnectEvent, 'attempt' | 'protocol' | 'confirms'>>);
  readonly attempt: number;
  /** The subprotocol agreed on the new connection. */
  readonly protocol: string;
  /** Whether the new connection can confirm delivery (as the open event's). */
  readonly confirms: boolean;
}

/** A heartbeat was answered. */
export class HeartbeatEvent extends Event {
  constructor(type: string, init?: EventInit & Partial<Pick<HeartbeatEvent, 'rtt' | 'smoothedRTT'>>);
  /** This ping's round-trip time in milliseconds. */
  readonly rtt: number;
  /** Moving average of the round-trip time in milliseconds. */
  readonly smoothedRTT: number;
}

/** Tether's state changed. */
export class StateChangeEvent extends Event {
  constructor(type: string, init?: EventInit & Partial<Pick<StateChangeEvent, 'state' | 'previousState' | 'readyState'>>);
  readonly state: TetherState;
  readonly previousState: TetherState;
  /** readyState after the change. */
  readonly readyState: number;
}

/**
 * Why messages were handed back: 'maybe-delivered' (written, the connection
 * was lost before the server confirmed them: it may have read them), or
 * never written: 'outbox-full' (refused by, or dropped from, a full outbox),
 * 'undeliverable' (the write kept failing, or a Blob could not be read),
 * 'closed' (the socket closed first).
 */
export type UnsentReason = 'maybe-delivered' | 'outbox-full' | 'undeliverable' | 'closed';

/** Messages given to send that are handed back to the page, and why. */
export class UnsentEvent extends Event {
  constructor(type: string, init?: EventInit & Partial<Pick<UnsentEvent, 'messages' | 'message' | 'reason' | 'maybeDelivered'>>);
  /** Text as strings, binary as ArrayBuffer or Blob (per binaryType; a Blob given to send that never reached Go comes back as that Blob). */
  readonly messages: ReadonlyArray<string | ArrayBuffer | Blob>;
  /** The error, in words. */
  readonly message: string;
  readonly reason: UnsentReason;
  /** True only for reason 'maybe-delivered'. */
  readonly maybeDelivered: boolean;
}

/**
 * The error event: a plain Event as in browsers, plus a message saying why
 * (never quoting the URL or the protocols). Fired before the close event of
 * every connection attempt that failed, including those a reconnect follows.
 */
export interface TetherErrorEvent extends Event {
  readonly message: string;
}

/**
 * The close event: a CloseEvent, fired for every connection or connection
 * attempt that ends (an attempt that failed: code 1006, after an error event).
 */
export interface TetherCloseEvent extends CloseEvent {
  /**
   * True when a reconnect follows (readyState stays CONNECTING; a
   * reconnecting event comes next). False on the socket's last close
   * (readyState CLOSED): close() was called, reconnect is off, the policy
   * does not retry this end, or the attempts ran out.
   */
  readonly willReconnect: boolean;
}

/**
 * The url argument: a URL, or a function (sync or async) called before every
 * connection attempt, e.g. to put a fresh token in the query. What it throws,
 * rejects or returns that is not a valid WebSocket URL fails that attempt
 * (error, then close 1006) and the reconnect policy decides what follows.
 */
export type UrlProvider = string | URL | (() => string | URL | PromiseLike<string | URL>);

/** The protocols argument: a list, or a function (sync or async) called before every attempt. */
export type ProtocolsProvider =
  | string
  | string[]
  | (() => string | string[] | null | undefined | PromiseLike<string | string[] | null | undefined>);

export interface TetherSocketEventMap {
  open: TetherOpenEvent;
  message: MessageEvent;
  error: TetherErrorEvent;
  close: TetherCloseEvent;
  reconnecting: ReconnectingEvent;
  reconnect: ReconnectEvent;
  heartbeat: HeartbeatEvent;
  statechange: StateChangeEvent;
  unsent: UnsentEvent;
}

/**
 * The browser's WebSocket API, backed by Tether's Go client: it reconnects,
 * heartbeats and negotiates subprotocols by policy. Every connection or
 * attempt that ends fires close (willReconnect true while a reconnect
 * follows, readyState staying CONNECTING); CLOSED is reached once, with the
 * last close (willReconnect false). close() stops everything.
 */
export class TetherSocket extends EventTarget {
  /**
   * @param url A URL, or a function called before every connection attempt (see UrlProvider).
   * @param protocols Subprotocols offered, most preferred first, or a function called before every attempt.
   */
  constructor(url: UrlProvider, protocols?: ProtocolsProvider, options?: TetherSocketOptions);

  static readonly CONNECTING: 0;
  static readonly OPEN: 1;
  static readonly CLOSING: 2;
  static readonly CLOSED: 3;
  readonly CONNECTING: 0;
  readonly OPEN: 1;
  readonly CLOSING: 2;
  readonly CLOSED: 3;

  /**
   * The URL, resolved as WebSocket does. With a url function: the latest URL
   * it returned for an attempt, "" before the first.
   */
  readonly url: string;
  /**
   * CONNECTING until the first open and again from the moment a connection
   * or attempt ends with a reconnect to follow (also inside that close
   * event); OPEN while open; CLOSING from close(); CLOSED only from the
   * last close (willReconnect false).
   */
  readonly readyState: number;
  /** The subprotocol agreed on the current (or last) connection, or "". */
  readonly protocol: string;
  /** Always "" (the negotiated extensions are not exposed by the Go transport). */
  readonly extensions: string;
  binaryType: BinaryType;
  /** Bytes given to send and not yet transmitted (queued in Tether plus the browser's own buffer). */
  readonly bufferedAmount: number;

  /** Tether's own state. */
  readonly state: TetherState;
  /** Latest and smoothed heartbeat round-trip times in milliseconds; 0 before the first answer. */
  readonly rtt: { latest: number; smoothed: number };

  onopen: ((this: TetherSocket, ev: TetherOpenEvent) => any) | null;
  onmessage: ((this: TetherSocket, ev: MessageEvent) => any) | null;
  onerror: ((this: TetherSocket, ev: TetherErrorEvent) => any) | null;
  onclose: ((this: TetherSocket, ev: TetherCloseEvent) => any) | null;
  onreconnecting: ((this: TetherSocket, ev: ReconnectingEvent) => any) | null;
  onreconnect: ((this: TetherSocket, ev: ReconnectEvent) => any) | null;
  onheartbeat: ((this: TetherSocket, ev: HeartbeatEvent) => any) | null;
  onstatechange: ((this: TetherSocket, ev: StateChangeEvent) => any) | null;
  onunsent: ((this: TetherSocket, ev: UnsentEvent) => any) | null;

  /**
   * Sends data. While CONNECTING it waits in the outbox (with outbox: false
   * it throws InvalidStateError, as WebSocket does). Data given while
   * CONNECTING or OPEN ends confirmed, re-sent on the next connection, or
   * handed back in an unsent event; none is dropped silently. After close()
   * (CLOSING, CLOSED) the data is counted in bufferedAmount and dropped
   * without an event, as WebSocket does.
   */
  send(data: string | ArrayBuffer | Blob | ArrayBufferView): void;
  /**
   * Resolves once every message sent before the call is confirmed (the
   * server read it; without confirms: written). Re-sent messages are waited
   * for on the next connection. Rejects with an UnconfirmedError when some
   * were handed back meanwhile, when the socket closes first (also when it
   * is already closed after handing messages back), or when options.timeout
   * or options.signal ends the wait.
   */
  flush(options?: FlushOptions): Promise<void>;
  /**
   * Closes the connection, or stops connecting or reconnecting. What send()
   * was given before is written first and confirmed within a 2 s grace, or
   * handed back (unsent). Throws
   * InvalidAccessError for a code other than 1000 or 3000–4999 and
   * SyntaxError for a reason over 123 UTF-8 bytes.
   */
  close(code?: number, reason?: string): void;
  /** Sends a heartbeat now (when heartbeats are on). */
  probe(): void;
  /** Cuts a reconnect wait short (or probes an open connection). */
  reconnectNow(): void;
  /** "TetherSocket", as Object.prototype.toString shows it. */
  readonly [Symbol.toStringTag]: 'TetherSocket';

  addEventListener<K extends keyof TetherSocketEventMap>(type: K, listener: (this: TetherSocket, ev: TetherSocketEventMap[K]) => any, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof TetherSocketEventMap>(type: K, listener: (this: TetherSocket, ev: TetherSocketEventMap[K]) => any, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
