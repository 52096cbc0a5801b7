// A static file server for tests, on 127.0.0.1: serves a directory with the
// Content-Types browsers need (text/javascript for modules, application/wasm
// for streaming compiles), never cached, and records what it served. It
// passes WebSocket upgrades through to a backend untouched: the test server,
// as coder/websocket does by default, accepts only same-origin WebSockets,
// so a page it serves and that page's WebSockets share one origin, as an
// app's page and its server do.

import { createServer } from 'node:http';
import { once } from 'node:events';
import { readFile, stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8',
};

/** The file under root that urlPath names, or null if it would leave root. */
function fileFor(root, urlPath) {
  const file = path.join(root, decodeURIComponent(urlPath));
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

async function serveFile(root, req, res) {
  const { pathname } = new URL(req.url, 'http://x');
  let file = fileFor(root, pathname);
  if (file && (await stat(file).catch(() => null))?.isDirectory()) file = path.join(file, 'index.html');
  const body = file && await readFile(file).catch(() => null);
  const type = body ? TYPES[path.extname(file)] ?? 'application/octet-stream' : 'text/plain';
  res.writeHead(body ? 200 : 404, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body ?? 'not found');
  return { path: pathname, status: res.statusCode, type };
}

/** Sends an upgrade request on to host:port as it came, then pipes both ways. */
function passUpgrade(req, socket, head, backend, sockets) {
  const up = net.connect(backend.port, backend.host);
  sockets.add(up);
  up.on('close', () => sockets.delete(up));
  const lines = [`${req.method} ${req.url} HTTP/1.1`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  up.write(`${lines.join('\r\n')}\r\n\r\n`);
  up.write(head);
  socket.pipe(up).pipe(socket);
  const end = () => { socket.destroy(); up.destroy(); };
  socket.on('error', end);
  up.on('error', end);
  socket.on('close', end);
  up.on('close', end);
}

/**
 * Serves root on 127.0.0.1 (a free port); WebSocket upgrades go to
 * upgradeTo (an http://host:port URL). Resolves with { url, served, stop }:
 * served lists { path, status, type } per request; stop() closes the server
 * and every connection.
 */
export async function startStaticServer(root, { upgradeTo }) {
  const served = [];
  const sockets = new Set();
  const backend = new URL(upgradeTo);
  const server = createServer((req, res) => {
    serveFile(root, req, res).then((r) => served.push(r), (err) => {
      res.writeHead(500).end(String(err));
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  server.on('upgrade', (req, socket, head) => {
    passUpgrade(req, socket, head, { host: backend.hostname, port: Number(backend.port) }, sockets);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const stop = async () => {
    const closed = new Promise((resolve) => server.close(resolve));
    for (const s of sockets) s.destroy();
    await closed;
  };
  return { url: `http://127.0.0.1:${server.address().port}`, served, stop };
}
