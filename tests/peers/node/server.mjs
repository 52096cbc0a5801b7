// A WebSocket server built on Node's `ws` package, for Tether's interop tests
// (tests/peers). It listens on 127.0.0.1 on a free port and prints the port
// alone on the first line of stdout.
//
//   node server.mjs [--protocols=chat.v1,other] [--lifetime=120] [--watch-stdin] [--deflate]
//
// --protocols (or the PEER_PROTOCOLS environment variable) lists the
// subprotocols it supports; it selects the first one the client offers that is
// in that list, or none. --lifetime bounds how long it runs, in seconds
// (default 120). --watch-stdin makes it exit when its stdin closes (the test
// process that started it is gone). --deflate accepts permessage-deflate
// (ws leaves it off by default; Python's websockets accepts it by default).
//
// Paths (any other path echoes):
//   /echo                          echoes every message with its type
//   /close?code=4001&reason=bye    closes with that code and reason at once
//   /app-ping                      answers {"type":"ping"} with {"type":"pong"}, echoes the rest
//   /terminate?after=200           drops the TCP connection (no close frame) after 200 ms
//   /server-ping?count=3&interval=100
//                                  sends count protocol pings, interval ms apart, each
//                                  after the previous pong (none within 10 s: close
//                                  4002), then the text "pongs N", then echoes
//   /closed?key=K                  sends "CODE REASON" of the connection opened with
//                                  key=K once it has closed (waits up to 10 s), then echoes
// Any path takes key=K: the server records how that connection closed.
// /close and /terminate take once=KEY: only the first connection with that KEY
// is closed or dropped; later ones echo (so a reconnecting client can be
// checked). Protocol pings are answered by ws itself.
import { WebSocketServer } from 'ws';
import { isPing, parseArgs, stopOn } from './common.mjs';

const args = parseArgs(process.argv.slice(2));
const supported = (args.protocols ?? process.env.PEER_PROTOCOLS ?? '')
  .split(',').map((s) => s.trim()).filter(Boolean);
const lifetime = Number(args.lifetime ?? 120) * 1000;
const seen = new Set(); // once keys already used
const closes = new Map(); // key → {promise, resolve} of "CODE REASON"

const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  maxPayload: 8 << 20,
  perMessageDeflate: Boolean(args.deflate), // --deflate: accept permessage-deflate (RFC 7692)
  handleProtocols: (offered) => [...offered].find((p) => supported.includes(p)) ?? false,
});

wss.on('listening', () => process.stdout.write(`${wss.address().port}\n`));
wss.on('connection', (ws, req) => route(ws, new URL(req.url, 'http://peer')));

// route gives a new connection the behaviour its path asks for.
function route(ws, url) {
  const q = url.searchParams;
  const first = firstTime(q.get('once'));
  const key = q.get('key');
  if (key !== null && url.pathname !== '/closed') {
    ws.on('close', (code, reason) => closeSlot(key).resolve(`${code} ${reason}`));
  }
  switch (url.pathname) {
    case '/close':
      if (first) {
        ws.close(Number(q.get('code') ?? 1000), q.get('reason') ?? '');
        return;
      }
      break;
    case '/terminate':
      if (first) setTimeout(() => ws.terminate(), Number(q.get('after') ?? 0));
      break;
    case '/server-ping':
      serverPings(ws, Number(q.get('count') ?? 3), Number(q.get('interval') ?? 100));
      break;
    case '/closed':
      reportClose(ws, key ?? '');
      break;
    case '/app-ping':
      ws.on('message', (data, isBinary) => {
        if (!isBinary && isPing(data)) ws.send(JSON.stringify({ type: 'pong' }));
        else ws.send(data, { binary: isBinary });
      });
      return;
  }
  echo(ws);
}

// serverPings pings count times, each interval ms after the previous pong,
// and reports the pongs it got as the text "pongs N".
function serverPings(ws, count, interval) {
  let pongs = 0;
  let deadline;
  const ping = () => {
    if (ws.readyState !== ws.OPEN) return;
    ws.ping();
    deadline = setTimeout(() => ws.close(4002, 'no pong'), 10000);
  };
  ws.on('pong', () => {
    clearTimeout(deadline);
    if (++pongs < count) setTimeout(ping, interval);
    else ws.send(`pongs ${pongs}`);
  });
  ws.on('close', () => clearTimeout(deadline));
  setTimeout(ping, interval);
}

// closeSlot returns the record of how the connection with key closed.
function closeSlot(key) {
  let slot = closes.get(key);
  if (!slot) {
    let resolve;
    const promise = new Promise((r) => { resolve = r; });
    slot = { promise, resolve };
    closes.set(key, slot);
  }
  return slot;
}

// reportClose sends "CODE REASON" once the connection with key has closed,
// or "timeout" after 10 s.
function reportClose(ws, key) {
  let timer;
  const timeout = new Promise((r) => { timer = setTimeout(() => r('timeout'), 10000); });
  Promise.race([closeSlot(key).promise, timeout]).then((s) => {
    clearTimeout(timer);
    if (ws.readyState === ws.OPEN) ws.send(s);
  });
}

function echo(ws) {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
}

// firstTime reports whether key is new; no key means every connection is first.
function firstTime(key) {
  if (key === null) return true;
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

function shutdown() {
  for (const ws of wss.clients) ws.terminate();
  wss.close(() => process.exit(0));
}

stopOn(shutdown, lifetime, Boolean(args['watch-stdin']));
