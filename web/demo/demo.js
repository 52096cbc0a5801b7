// The demo page: one TetherSocket at a time, its state timeline, heartbeat RTT,
// messages and events. Chaos comes from the test server's URL parameters.

import { TetherSocket, load } from '../dist/tether.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const READY = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];
const WINDOW_MS = 60_000;

let socket = null;
let sent = 0;
let received = 0;
let reconnects = 0;
let spans = []; // { state, from, to }
const rtts = []; // { t, rtt, smoothed }

$('server').value = params.get('server') ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;

function urlFor(chaos) {
  const q = new URLSearchParams('app_ping=1');
  for (const [k, v] of new URLSearchParams(chaos)) q.set(k, v);
  if (q.has('fail_first')) q.set('key', `demo-${Math.random().toString(36).slice(2, 8)}`);
  return `${$('server').value.replace(/\/$/, '')}/chaos?${q}`;
}

function now() {
  return new Date().toLocaleTimeString(undefined, { hour12: false }) + `.${String(Date.now() % 1000).padStart(3, '0')}`;
}

function log(list, kind, text) {
  const li = document.createElement('li');
  li.className = `k-${kind}`;
  li.innerHTML = '<time></time>';
  li.firstChild.textContent = now();
  li.append(text);
  const ol = $(list);
  ol.append(li);
  while (ol.children.length > 500) ol.firstChild.remove();
  ol.scrollTop = ol.scrollHeight;
}

function preview(data) {
  if (typeof data === 'string') return data.length > 120 ? `${data.slice(0, 120)}… (${data.length} chars)` : data;
  if (data instanceof ArrayBuffer) return `[binary ${data.byteLength} bytes]`;
  return `[${data.constructor.name} ${data.size} bytes]`;
}

function enterState(state) {
  const t = performance.now();
  const last = spans.at(-1);
  if (last) last.to = t;
  spans.push({ state, from: t, to: null });
}

function render() {
  const t = performance.now();
  spans = spans.filter((s) => (s.to ?? t) > t - WINDOW_MS);
  const bar = $('bar');
  bar.replaceChildren(...spans.map((s) => {
    const d = document.createElement('div');
    const from = Math.max(s.from, t - WINDOW_MS);
    d.className = `s-${s.state}`;
    d.style.flex = `${(s.to ?? t) - from} 0 0`;
    d.title = `${s.state} ${(((s.to ?? t) - s.from) / 1000).toFixed(1)} s`;
    return d;
  }));
  if (socket) {
    $('st-state').textContent = socket.state;
    $('st-ready').textContent = `${socket.readyState} ${READY[socket.readyState]}`;
    $('st-proto').textContent = socket.protocol || '""';
    $('st-buffered').textContent = socket.bufferedAmount.toLocaleString();
  }
  $('st-count').textContent = `${sent} / ${received}`;
  $('st-reconnects').textContent = String(reconnects);
  drawRTT(t);
  requestAnimationFrame(render);
}

function drawRTT(t) {
  const c = $('rtt');
  const g = c.getContext('2d');
  g.clearRect(0, 0, c.width, c.height);
  const pts = rtts.filter((p) => p.t > t - WINDOW_MS);
  if (pts.length === 0) return;
  const max = Math.max(5, ...pts.map((p) => p.rtt)) * 1.2;
  const x = (p) => c.width * (1 - (t - p.t) / WINDOW_MS);
  const y = (v) => c.height - (v / max) * c.height;
  g.strokeStyle = '#2457c5';
  g.beginPath();
  pts.forEach((p, i) => (i ? g.lineTo(x(p), y(p.smoothed)) : g.moveTo(x(p), y(p.smoothed))));
  g.stroke();
  g.fillStyle = '#e67e22';
  for (const p of pts) g.fillRect(x(p) - 2, y(p.rtt) - 2, 4, 4);
  g.fillStyle = '#6b7482';
  g.fillText(`${max.toFixed(1)} ms`, 4, 10);
}

function connect(url) {
  if (socket && socket.readyState < 2) socket.close(1000, 'demo reconnect');
  const protocols = $('proto').value ? [$('proto').value] : [];
  const s = new TetherSocket(url, protocols, {
    reconnect: { initialDelay: 500, maxDelay: 5000 },
    heartbeat: {
      interval: Number($('hbInterval').value), timeout: Number($('hbTimeout').value),
      ping: '{"type":"ping"}', pong: '{"type":"pong"}',
    },
    outbox: $('outbox').checked,
  });
  socket = s;
  s.binaryType = 'arraybuffer';
  log('events', 'info', `new TetherSocket(${url})`);
  const mine = (f) => (e) => { if (socket === s) f(e); };
  s.addEventListener('statechange', mine((e) => { enterState(e.state); log('events', e.state, `statechange ${e.previousState} → ${e.state}`); }));
  s.addEventListener('open', mine(() => log('events', 'open', `open (protocol "${s.protocol}")`)));
  s.addEventListener('reconnect', mine((e) => { reconnects++; log('events', 'reconnect', `reconnect (attempt ${e.attempt})`); }));
  s.addEventListener('reconnecting', mine((e) => log('events', 'reconnecting',
    `reconnecting: lost with ${e.code}${e.reason ? ` "${e.reason}"` : ''}, attempt ${e.attempt} in ${Math.round(e.delay)} ms`)));
  s.addEventListener('heartbeat', mine((e) => {
    rtts.push({ t: performance.now(), rtt: e.rtt, smoothed: e.smoothedRTT });
    $('st-rtt').textContent = `${e.rtt.toFixed(1)} / ${e.smoothedRTT.toFixed(1)}`;
  }));
  s.addEventListener('message', mine((e) => { received++; log('messages', 'in', `← ${preview(e.data)}`); }));
  s.addEventListener('unsent', mine((e) => log('events', 'error', `unsent: ${e.messages.length} message(s): ${e.message}`)));
  s.addEventListener('error', mine((e) => log('events', 'error', `error${e.message ? `: ${e.message}` : ''}`)));
  s.addEventListener('close', mine((e) => log('events', 'close', `close ${e.code}${e.reason ? ` "${e.reason}"` : ''} wasClean=${e.wasClean}`)));
}

function send(data) {
  if (!socket) return;
  try {
    socket.send(data);
    sent++;
    log('messages', 'out', `→ ${preview(data)}`);
  } catch (e) {
    log('events', 'error', `send threw ${e.name}: ${e.message}`);
  }
}

$('url').value = urlFor('');
$('connect').onclick = () => connect($('url').value);
$('close').onclick = () => socket?.close(1000, 'bye from the demo');
for (const b of document.querySelectorAll('[data-chaos]')) {
  b.onclick = () => {
    $('url').value = urlFor(b.dataset.chaos);
    connect($('url').value);
  };
}
$('send').onclick = () => send($('msg').value);
$('msg').onkeydown = (e) => { if (e.key === 'Enter') send($('msg').value); };
$('burst').onclick = () => { for (let i = 0; i < 100; i++) send(`${$('msg').value} #${i}`); };
$('big').onclick = () => send(new Uint8Array(512 << 10));

log('events', 'info', 'loading tether.wasm…');
const t0 = performance.now();
load().then(() => {
  log('events', 'info', `tether.wasm ready in ${Math.round(performance.now() - t0)} ms`);
  connect($('url').value);
}, (e) => log('events', 'error', `load failed: ${e.message}`));
requestAnimationFrame(render);
