// A page's TypeScript using @tetherws/tether as a user would, through the
// package name (so the exports map and index.d.ts are what is checked).
// `npm run typecheck` compiles it with strict on and emits nothing; lines
// marked @ts-expect-error must stay errors, so a declaration that grows too
// loose fails the check as well as one that is too narrow.

import {
  load, TetherSocket, UnconfirmedError,
  ReconnectingEvent, ReconnectEvent, HeartbeatEvent, StateChangeEvent, UnsentEvent,
} from '@tetherws/tether';
import type {
  WasmSource, LoadOptions, TetherSocketOptions, ReconnectOptions, HeartbeatOptions,
  OutboxOptions, DeliveryOptions, FlushOptions, TetherState, UnsentReason,
  TetherOpenEvent, TetherErrorEvent, TetherCloseEvent, TetherSocketEventMap,
  UrlProvider, ProtocolsProvider,
} from '@tetherws/tether';

// ---- load(): every kind of input ----

export async function loading(bytes: ArrayBuffer, module: WebAssembly.Module): Promise<void> {
  await load();
  await load('/assets/tether.wasm');
  await load(new URL('/assets/tether.wasm', location.href));
  await load(bytes);
  await load(new Uint8Array(bytes));
  await load(new DataView(bytes));
  await load(fetch('/assets/tether.wasm'));
  await load(await fetch('/assets/tether.wasm'));
  await load(module);
  await load(WebAssembly.compileStreaming(fetch('/assets/tether.wasm')));
  await load({ wasm: '/assets/tether.wasm', wasmExecURL: '/assets/wasm_exec.js' });
  await load({ wasmURL: new URL('https://cdn.example/tether.wasm'), wasmExecURL: new URL('https://cdn.example/wasm_exec.js') });
  const src: WasmSource = bytes;
  const opts: LoadOptions = { wasm: src };
  const done: Promise<void> = load(opts);
  await done;
  // No @ts-expect-error for load(42): lib.dom declares WebAssembly.Module as
  // an empty interface, so every value but null and undefined is assignable
  // to WasmSource; load() rejects those with a TypeError (test/load.test.mjs).
  // @ts-expect-error LoadOptions has no field wasmPath
  const misspelt: LoadOptions = { wasmPath: 'x' };
  // @ts-expect-error wasmURL takes a URL or path only
  const bytesAsURL: LoadOptions = { wasmURL: bytes };
  void misspelt; void bytesAsURL;
}

// ---- the constructor ----

export function constructing(): TetherSocket[] {
  const urls: UrlProvider[] = ['wss://h/ws', new URL('wss://h/ws'), () => 'wss://h/ws', async () => new URL('wss://h/ws')];
  const protocols: ProtocolsProvider[] = ['chat', ['chat.v2', 'chat.v1'], () => ['chat'], async () => undefined, () => null];
  const sockets = [
    new TetherSocket('wss://example.com/live'),
    new TetherSocket(new URL('wss://example.com/live'), 'graphql-transport-ws'),
    new TetherSocket('/live', ['graphql-transport-ws', 'graphql-ws']),
    new TetherSocket(async () => `wss://h/ws?token=${await Promise.resolve('t')}`, () => ['chat.v1']),
    new TetherSocket(urls[0], protocols[1], {}),
    new TetherSocket('wss://h/ws', [], everyOption()),
    new TetherSocket('wss://h/ws', undefined, { reconnect: false, heartbeat: false, outbox: false }),
  ];
  // @ts-expect-error the url is required
  new TetherSocket();
  // @ts-expect-error a protocol is a string
  new TetherSocket('wss://h/ws', [1]);
  // @ts-expect-error an unknown option
  new TetherSocket('wss://h/ws', [], { retries: 3 });
  return sockets;
}

/** Every option, as a user writes them. */
function everyOption(): TetherSocketOptions {
  const reconnect: ReconnectOptions = {
    initialDelay: 500, maxDelay: 10_000, multiplier: 1.5, jitter: 0.2,
    maxAttempts: 10, minUptime: 5_000, connectTimeout: 8_000, retryFirstDial: true,
  };
  const heartbeat: HeartbeatOptions = {
    interval: 10_000, timeout: 5_000, ping: '{"type":"ping"}', pong: new TextEncoder().encode('{"type":"pong"}'),
    requirePong: true, deliverPongs: false, hiddenTimeoutFactor: 4,
  };
  const outbox: OutboxOptions = { maxMessages: 100, maxBytes: 1 << 20, overflow: 'drop-oldest' };
  const delivery: DeliveryOptions = {
    handBackUnconfirmed: true, maxUnconfirmed: 512, maxUnconfirmedBytes: 2 << 20, barrierDelay: 20,
  };
  // @ts-expect-error overflow is 'reject' or 'drop-oldest'
  const badOutbox: OutboxOptions = { overflow: 'drop-newest' };
  void badOutbox;
  return {
    reconnect, heartbeat, outbox, delivery,
    requireSubprotocol: true,
    subprotocolCredentials: ['bearer.token'],
    readLimit: -1,
    receiveBuffer: 64,
    handshakeTimeout: 5_000,
  };
}

// ---- properties, methods and constants ----

export function using(ws: TetherSocket): void {
  const ready: number = ws.readyState;
  if (ready === TetherSocket.OPEN || ready === ws.OPEN) ws.send('text');
  const states: [0, 1, 2, 3] = [ws.CONNECTING, ws.OPEN, ws.CLOSING, TetherSocket.CLOSED];
  ws.binaryType = 'arraybuffer';
  ws.send(new ArrayBuffer(8));
  ws.send(new Uint8Array(8));
  ws.send(new DataView(new ArrayBuffer(8)));
  ws.send(new Blob(['b']));
  const info: [string, string, string, number, TetherState] = [ws.url, ws.protocol, ws.extensions, ws.bufferedAmount, ws.state];
  const rtt: number = ws.rtt.latest + ws.rtt.smoothed;
  ws.probe();
  ws.reconnectNow();
  ws.close();
  ws.close(1000);
  ws.close(4001, 'bye');
  void states; void info; void rtt;
  // @ts-expect-error readyState is read-only
  ws.readyState = 1;
  // @ts-expect-error send takes no number
  ws.send(42);
}

// ---- flush() and UnconfirmedError ----

export async function flushing(ws: TetherSocket, order: string): Promise<string> {
  ws.send(order);
  const options: FlushOptions = { timeout: 5_000, signal: AbortSignal.timeout(10_000) };
  try {
    await ws.flush();
    await ws.flush({ timeout: 1_000 });
    await ws.flush(options);
    return 'confirmed';
  } catch (e) {
    if (e instanceof UnconfirmedError) {
      const name: 'UnconfirmedError' = e.name;
      const reason: 'timeout' | 'aborted' | 'handed-back' | 'closed' = e.reason;
      return `${name}: ${reason}: ${e.message} (${String(e.cause)})`;
    }
    throw e;
  }
}

// ---- every event, with its fields ----

export function listening(ws: TetherSocket, log: (...a: unknown[]) => void): void {
  ws.onopen = (e) => log(e.confirms, this_is(ws, e));
  ws.onmessage = (e) => log(e.data, e.origin);
  ws.onerror = (e) => log(e.message);
  ws.onclose = (e) => log(e.code, e.reason, e.wasClean, e.willReconnect);
  ws.onreconnecting = (e) => log(e.attempt, e.delay, e.code, e.reason, e.wasClean, e.message);
  ws.onreconnect = (e) => log(e.attempt, e.protocol, e.confirms);
  ws.onheartbeat = (e) => log(e.rtt, e.smoothedRTT);
  ws.onstatechange = (e) => log(e.state, e.previousState, e.readyState);
  ws.onunsent = (e) => log(e.messages.length, e.message, e.reason, e.maybeDelivered);
  ws.onopen = null;

  ws.addEventListener('open', (e: TetherOpenEvent) => log(e.confirms));
  ws.addEventListener('message', (e: MessageEvent) => log(e.data));
  ws.addEventListener('error', (e: TetherErrorEvent) => log(e.message));
  ws.addEventListener('close', (e: TetherCloseEvent) => { if (!e.willReconnect) log('offline', e.code); });
  ws.addEventListener('reconnecting', (e: ReconnectingEvent) => log(`retry ${e.attempt} in ${e.delay} ms`));
  ws.addEventListener('reconnect', (e: ReconnectEvent) => log(e.protocol));
  ws.addEventListener('heartbeat', (e: HeartbeatEvent) => log(e.rtt));
  ws.addEventListener('statechange', (e: StateChangeEvent) => log(e.state));
  ws.addEventListener('unsent', (e: UnsentEvent) => {
    const reason: UnsentReason = e.reason;
    for (const m of e.messages) log(typeof m === 'string' ? m : m instanceof Blob ? m.size : m.byteLength, reason);
  }, { once: true });
  const onClose = (e: TetherSocketEventMap['close']) => log(e.code);
  ws.addEventListener('close', onClose);
  ws.removeEventListener('close', onClose);
  ws.addEventListener('custom', (e: Event) => log(e.type)); // any other type: a plain Event

  // @ts-expect-error an UnsentEvent's reason is one of four
  const wrong: UnsentReason = 'lost';
  void wrong;
  // @ts-expect-error heartbeat events carry no code
  ws.addEventListener('heartbeat', (e) => log(e.code));
}

/** The handler's this is the socket. */
function this_is(ws: TetherSocket, e: Event): boolean {
  return e.target === ws;
}

// ---- event classes a test or an app may construct ----

export function constructingEvents(): Event[] {
  return [
    new ReconnectingEvent('reconnecting', { attempt: 2, delay: 1500, code: 1006, reason: '', wasClean: false, message: 'lost' }),
    new ReconnectEvent('reconnect', { attempt: 2, protocol: 'chat', confirms: true }),
    new HeartbeatEvent('heartbeat', { rtt: 12, smoothedRTT: 10 }),
    new StateChangeEvent('statechange', { state: 'open', previousState: 'connecting', readyState: 1 }),
    new UnsentEvent('unsent', { messages: ['a', new ArrayBuffer(1)], message: 'm', reason: 'closed', maybeDelivered: false }),
  ];
}
