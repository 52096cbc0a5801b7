// A WebSocket server built on Node's `ws` package for the parity matrix
// (tests/parity, web/test/parity-matrix.test.mjs): every scenario the matrix
// runs, chosen by path and query, with state kept per run key.
//
//   node parity-server.mjs [--listeners=N] [--lifetime=300] [--watch-stdin]
//
// It listens on N ports of 127.0.0.1 (default 1; all serve the same routes and
// share their state: Chromium opens one WebSocket at a time per host and port,
// so a browser running scenarios side by side gives each its own port), and
// prints one line on stdout: "ports P1 P2 … refused R", where R is a port it
// bound and released, so that connecting to it is refused. --lifetime bounds
// how long it runs, in seconds; --watch-stdin makes it exit when its stdin
// closes (the process that started it is gone).
//
// Every route takes key=K, unique per run: "first connection" means the first
// one with that key.
//
//   GET /release?key=K     lets the held handshake of /hold?key=K complete
//                          (now or when it comes); 204, CORS allowed
//   /echo                  echoes every message with its type
//   /bad-proto             selects the subprotocol chat.v9, whatever was
//                          offered (a policy violation), then echoes
//   /close?code=C&reason=R closes the first connection with C and R at once;
//                          later ones echo
//   /drop                  the first connection echoes one message, then the
//                          TCP connection is dropped (no close frame); later
//                          ones echo
//   /blackhole             the first connection goes silent at once: nothing
//                          read, nothing sent, no pong; later ones answer
//                          {"type":"ping"} with {"type":"pong"} and echo the rest
//   /status?code=S&times=N refuses the first N handshakes (all when times is
//                          absent) with HTTP status S; later ones echo
//   /slow                  never answers the handshake (the client's timeout ends it)
//   /hold                  the first connection is dropped right after it
//                          opens; the next handshake waits for /release, then
//                          echoes
//
// The server supports the subprotocol chat.v1: it selects it when offered
// (except on /bad-proto). Protocol pings are answered by ws itself.
import http from 'node:http';
import net from 'node:net';
import { WebSocketServer } from 'ws';
import { isPing, parseArgs, stopOn } from './common.mjs';

const args = parseArgs(process.argv.slice(2));
const listeners = Math.max(1, Number(args.listeners ?? 1));
const lifetime = Number(args.lifetime ?? 300) * 1000;
const supported = ['chat.v1'];

const runs = new Map(); // key → { handshakes, conns, released, held }
const pending = new Set(); // sockets of handshakes not answered (held or slow)

const wss = new WebSocketServer({
  noServer: true,
  handleProtocols: (offered) => [...offered].find((p) => supported.includes(p)) ?? false,
});
const wssBadProto = new WebSocketServer({ noServer: true, handleProtocols: () => 'chat.v9' });
const servers = [];

for (let i = 0; i < listeners; i++) {
  const server = http.createServer(onRequest);
  server.on('upgrade', onUpgrade);
  servers.push(server);
}

Promise.all(servers.map((s) => new Promise((resolve) => s.listen(0, '127.0.0.1', resolve))))
  .then(refusedPort)
  .then((refused) => {
    const ports = servers.map((s) => s.address().port).join(' ');
    process.stdout.write(`ports ${ports} refused ${refused}\n`);
  });

// refusedPort binds a free port and releases it: nothing listens there.
function refusedPort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function run(key) {
  let r = runs.get(key);
  if (!r) {
    r = { handshakes: 0, conns: 0, released: false, held: null };
    runs.set(key, r);
  }
  return r;
}

function onRequest(req, res) {
  const url = new URL(req.url, 'http://parity');
  res.setHeader('Access-Control-Allow-Origin', '*');
  if (url.pathname !== '/release') {
    res.writeHead(404).end();
    return;
  }
  const r = run(url.searchParams.get('key') ?? '');
  r.released = true;
  if (r.held) {
    const complete = r.held;
    r.held = null;
    complete();
  }
  res.writeHead(204).end();
}

// onUpgrade answers a handshake as its route says.
function onUpgrade(req, socket, head) {
  const url = new URL(req.url, 'http://parity');
  const q = url.searchParams;
  const r = run(q.get('key') ?? '');
  const n = ++r.handshakes;
  socket.on('error', () => {}); // a client that gives up resets the socket
  const accept = (server = wss) => server.handleUpgrade(req, socket, head, (ws) => connected(ws, url, r));
  switch (url.pathname) {
    case '/status': {
      const times = q.has('times') ? Number(q.get('times')) : Infinity;
      if (n <= times) {
        refuse(socket, Number(q.get('code') ?? 503));
        return;
      }
      break;
    }
    case '/slow':
      hold(socket);
      return;
    case '/hold':
      if (n > 1 && !r.released) {
        hold(socket);
        r.held = () => {
          pending.delete(socket);
          if (!socket.destroyed) accept();
        };
        return;
      }
      break;
    case '/bad-proto':
      accept(wssBadProto);
      return;
  }
  accept();
}

// hold leaves a handshake unanswered until the client gives up or the server stops.
function hold(socket) {
  pending.add(socket);
  socket.on('close', () => pending.delete(socket));
}

function refuse(socket, status) {
  const text = http.STATUS_CODES[status] ?? 'Refused';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

// connected gives a new connection the behaviour its path asks for.
function connected(ws, url, r) {
  const first = ++r.conns === 1;
  const q = url.searchParams;
  switch (url.pathname) {
    case '/close':
      if (first) {
        ws.close(Number(q.get('code') ?? 1000), q.get('reason') ?? '');
        return;
      }
      break;
    case '/drop':
      if (first) {
        ws.once('message', (data, isBinary) => ws.send(data, { binary: isBinary }, () => ws.terminate()));
        return;
      }
      break;
    case '/blackhole':
      if (first) {
        ws._socket.pause(); // read nothing: no message, no close frame, no ping is seen
        ws.send = () => {}; // and write nothing
        return;
      }
      answerPings(ws);
      return;
    case '/hold':
      if (first) {
        setImmediate(() => ws.terminate());
        return;
      }
      break;
  }
  echo(ws);
}

function echo(ws) {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
}

function answerPings(ws) {
  ws.on('message', (data, isBinary) => {
    if (!isBinary && isPing(data)) ws.send('{"type":"pong"}');
    else ws.send(data, { binary: isBinary });
  });
}

function shutdown() {
  for (const s of pending) s.destroy();
  for (const c of wss.clients) c.terminate();
  for (const c of wssBadProto.clients) c.terminate();
  let open = servers.length;
  for (const s of servers) {
    s.closeAllConnections?.();
    s.close(() => { if (--open === 0) process.exit(0); });
  }
}

stopOn(shutdown, lifetime, Boolean(args['watch-stdin']));
