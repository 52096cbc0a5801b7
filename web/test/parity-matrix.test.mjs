// The parity matrix's browser column: the scenarios of tests/parity/expected.json,
// each played by a TetherSocket in headless Chromium against the Node ws server
// tests/peers/node/parity-server.mjs, once with the explicit settings of that
// file and once with TetherSocket's defaults. Each run reduces to one
// normalised outcome (the grammar in expected.json, the same driver as the Go
// targets' in tests/parity/driver.go) that must equal the expected one, or the
// expected one with the listed browser limits applied. The Go targets (sdk,
// js/wasm in Node, mobile, CLI) run the same table in tests/parity.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromiumAvailable, launchBrowser, openPage, startServer, testsDir } from './helpers.mjs';

const spec = JSON.parse(readFileSync(path.join(testsDir, 'parity', 'expected.json'), 'utf8'));
const nodeDir = path.join(testsDir, 'peers', 'node');
const MODES = ['explicit', 'defaults'];

function wsInstalled() {
  try {
    createRequire(path.join(nodeDir, 'parity-server.mjs')).resolve('ws');
    return true;
  } catch {
    return false;
  }
}

const skip = (!chromiumAvailable() && 'no chromium')
  || (!wsInstalled() && 'the ws package is not installed: run `npm ci` in tests/peers/node (.ci/run does)');

/**
 * Starts parity-server.mjs with one port per run (Chromium opens one
 * WebSocket at a time per host and port) and resolves with
 * { ports, refused, stop }; stop() ends it by pid.
 */
async function startParityServer(listeners) {
  const child = spawn(process.execPath, ['parity-server.mjs', `--listeners=${listeners}`, '--lifetime=600', '--watch-stdin'],
    { cwd: nodeDir, stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('parity-server printed no ports within 20 s')), 20_000);
    child.on('exit', (code) => reject(new Error(`parity-server exited early with ${code}`)));
    child.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(buf.slice(0, nl).trim());
      }
    });
  });
  const m = /^ports ([\d ]+) refused (\d+)$/.exec(line);
  if (!m) throw new Error(`parity-server's first line ${JSON.stringify(line)} is not "ports P… refused R"`);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.stdin.end();
    process.kill(child.pid, 'SIGTERM');
    const t = setTimeout(() => { try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
    await exited;
    clearTimeout(t);
  };
  return { ports: m[1].split(' ').map(Number), refused: Number(m[2]), pid: child.pid, line, stop };
}

/** The run's settings, as tests/parity/spec.go's RunSettings. */
function runSettings(sc, mode) {
  const st = { mode, protocols: sc.protocols };
  if (sc.appHeartbeat) Object.assign(st, spec.settings.appHeartbeat);
  if (mode !== 'explicit') return st;
  const e = spec.settings.explicit;
  st.reconnect = { ...e.reconnect, retryFirstDial: e.reconnect.retryFirstDial || sc.retryFirstDial === mode };
  st.handshakeTimeoutMs = e.handshakeTimeoutMs;
  st.outboxMaxMessages = e.outboxMaxMessages;
  if (sc.appHeartbeat) st.heartbeat = e.heartbeat;
  return st;
}

/** TetherSocket options for st: only what st sets, TetherSocket's defaults otherwise. */
function socketOptions(st) {
  const o = {};
  if (st.ping) o.heartbeat = { ping: st.ping, pong: st.pong };
  if (st.mode !== 'explicit') return o;
  const r = st.reconnect;
  o.reconnect = {
    initialDelay: r.initialDelayMs, maxDelay: r.maxDelayMs, maxAttempts: r.maxAttempts, retryFirstDial: r.retryFirstDial,
  };
  o.handshakeTimeout = st.handshakeTimeoutMs;
  o.outbox = { maxMessages: st.outboxMaxMessages };
  if (st.heartbeat) Object.assign(o.heartbeat, { interval: st.heartbeat.intervalMs, timeout: st.heartbeat.timeoutMs });
  return o;
}

/** The outcomes a js target may show: expected, or expected with every browser limit applied. */
function allowed(expected) {
  let limited = expected;
  for (const l of spec.browserLimits) if (l.from) limited = limited.split(l.from).join(l.to);
  return limited === expected ? [expected] : [expected, limited];
}

// The code below runs in the page (injected by pageScript): a Driver that is
// tests/parity/driver.go's, event for event, and play(), which drives one
// TetherSocket with it.

/** Parses "text:…" or "binary:HEX". */
function parseMsg(m) {
  const i = m.indexOf(':');
  const data = m.slice(i + 1);
  if (m.slice(0, i) === 'text') return { binary: false, data };
  return { binary: true, data: Uint8Array.from(data.match(/../g) ?? [], (h) => parseInt(h, 16)) };
}

function hexOf(b) {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function showMsg(m) {
  return m.binary ? `binary ${hexOf(m.data)}` : `text ${JSON.stringify(m.data)}`;
}

function sameMsg(a, b) {
  return a.binary === b.binary && (a.binary ? hexOf(a.data) === hexOf(b.data) : a.data === b.data);
}

/** Joins tokens with "; ", a token repeated in a row written once with " ×N". */
function compress(tokens) {
  const out = [];
  for (let i = 0; i < tokens.length;) {
    let j = i + 1;
    while (j < tokens.length && tokens[j] === tokens[i]) j++;
    out.push(j - i > 1 ? `${tokens[i]} ×${j - i}` : tokens[i]);
    i = j;
  }
  return out.join('; ');
}

/** Plays a scenario: reacts to events with its actions, writes the outcome down. */
class Driver {
  constructor(sc) {
    this.sc = sc;
    this.plan = sc.plan.map((ms) => ms.map(parseMsg));
    this.tokens = [];
    this.opens = 0;
    this.expect = []; // sent on this connection (or queued for it), awaiting their echo
    this.got = [];
    this.queued = false;
    this.done = false;
  }

  add(t) { this.tokens.push(t); }

  outcome() { return compress(this.tokens); }

  /** act: { send(m) (throws as TetherSocket.send does), release() (a promise) }. */
  handle(ev, act) {
    if (this.done) return;
    if (ev.kind === 'open') this.open(ev, act);
    else if (ev.kind === 'message') this.message(ev.msg);
    else if (ev.kind === 'close') this.close(ev, act);
    else if (ev.kind === 'fail') {
      this.add(`fail ${ev.category}, ${ev.again ? 'retry' : 'final'}`);
      this.done = !ev.again;
    }
  }

  open(ev, act) {
    this.add(ev.proto ? `open proto=${ev.proto}` : 'open');
    this.opens++;
    for (const m of this.plan[this.opens - 1] ?? []) {
      try {
        act.send(m);
        this.expect.push(m);
      } catch (err) {
        this.add(`send failed: ${err.name}: ${err.message}`);
      }
    }
    this.checkDone();
  }

  message(m) {
    if (this.expect.length === 0) {
      this.add(`unexpected message [${showMsg(m)}]`);
      return;
    }
    this.got.push(m);
    if (this.got.length < this.expect.length) return;
    const ok = this.expect.every((e, i) => sameMsg(e, this.got[i]));
    this.add(ok ? `echo ${this.expect.map((x) => (x.binary ? 'binary' : 'text')).join(',')}`
      : `echo mismatch: sent [${this.expect.map(showMsg).join(' ')}], got [${this.got.map(showMsg).join(' ')}]`);
    this.expect = [];
    this.got = [];
    this.checkDone();
  }

  checkDone() {
    if (this.opens >= this.plan.length && this.expect.length === 0) this.done = true;
  }

  close(ev, act) {
    if (this.expect.length > 0) {
      this.add(`echo incomplete: ${this.got.length} of ${this.expect.length}`);
      this.expect = [];
      this.got = [];
    }
    this.add(`close ${ev.code}${ev.reason ? ` ${ev.reason}` : ''}, ${ev.again ? 'reconnect' : 'final'}`);
    if (!ev.again) {
      this.done = true;
    } else if (this.sc.whileReconnecting?.length && !this.queued) {
      this.queued = true;
      this.queue(act);
    }
  }

  /** Hands the messages to the socket while it is not open, then lets the server complete the held handshake. */
  queue(act) {
    const types = [];
    for (const m of this.sc.whileReconnecting.map(parseMsg)) {
      try {
        act.send(m);
        this.expect.push(m);
        types.push(m.binary ? 'binary' : 'text');
      } catch (err) {
        this.add(`queue failed: ${err.name}: ${err.message}`);
      }
    }
    if (types.length) this.add(`queued ${types.join(',')}`);
    act.release().catch((err) => this.add(`harness: release: ${err.message}`));
  }
}

/** Names why an attempt failed from TetherSocket's error message: all a browser knows. */
function failCategory(message) {
  if (/timed out|timeout/i.test(message)) return 'handshake timeout';
  if (/attempt failed/.test(message)) return 'attempt';
  return `other: ${message || 'no error event'}`;
}

/**
 * Plays one run with a TetherSocket and resolves with its outcome. A close
 * event ends a connection (after open) or an attempt (before; its error event
 * said why); willReconnect says whether another attempt follows.
 */
async function play({ sc, url, releaseURL, options, boundMs }) {
  const d = new Driver(sc);
  let s;
  try {
    s = new tether.TetherSocket(url, sc.protocols.length ? sc.protocols : undefined, options);
  } catch (err) {
    return `new TetherSocket: ${err.name}: ${err.message}`;
  }
  s.binaryType = 'arraybuffer';
  const act = {
    send: (m) => s.send(m.data),
    release: async () => {
      const resp = await fetch(releaseURL);
      if (resp.status !== 204) throw new Error(`status ${resp.status}`);
    },
  };
  let isOpen = false;
  let lastError = '';
  let finish;
  const finished = new Promise((resolve) => { finish = resolve; });
  const handle = (ev) => {
    d.handle(ev, act);
    if (d.done) finish();
  };
  s.addEventListener('open', () => {
    isOpen = true;
    handle({ kind: 'open', proto: s.protocol });
  });
  s.addEventListener('message', (e) => handle({
    kind: 'message',
    msg: typeof e.data === 'string' ? { binary: false, data: e.data } : { binary: true, data: new Uint8Array(e.data) },
  }));
  s.addEventListener('error', (e) => { if (!isOpen) lastError = e.message ?? ''; });
  s.addEventListener('close', (e) => {
    const again = e.willReconnect === true;
    if (isOpen) {
      isOpen = false;
      handle({ kind: 'close', code: e.code, reason: e.reason, again });
    } else {
      handle({ kind: 'fail', category: failCategory(lastError), again });
      lastError = '';
    }
  });
  const timer = setTimeout(() => {
    if (!d.done) d.add('unfinished');
    d.done = true;
    finish();
  }, boundMs);
  await finished;
  clearTimeout(timer);
  s.close();
  return d.outcome();
}

/** The page-side code, as a classic script that sets window.parityPlay. */
const pageScript = [parseMsg, hexOf, showMsg, sameMsg, compress, Driver, failCategory, play]
  .map(String).join('\n') + '\nwindow.parityPlay = play;\n';

/**
 * Renders outcomes as tests/parity's Markdown table (scenario × settings ×
 * target); columns: [{ name, js, outcomes: { mode: { id: outcome } } }].
 * Returns the table and a description of every cell that is not allowed.
 */
function matrix(columns) {
  const rows = [`| id | scenario | settings | expected | ${columns.map((c) => c.name).join(' | ')} |`,
    `|---|---|---|---|${'---|'.repeat(columns.length)}`];
  const bad = [];
  const same = {};
  for (const mode of MODES) {
    same[mode] = 0;
    for (const sc of spec.scenarios) {
      const want = sc.expect[mode];
      let cells = '';
      let allOK = true;
      for (const c of columns) {
        const got = c.outcomes[mode]?.[sc.id] ?? '(no outcome)';
        const ok = c.js ? allowed(want) : [want];
        if (got === want) cells += ' ✓ |';
        else if (ok.includes(got)) cells += ` ✓ᴮ ${got} |`;
        else {
          allOK = false;
          cells += ` ✗ ${got} |`;
          bad.push(`scenario ${sc.id} (${sc.name}), ${mode}, ${c.name}:\n  got  ${got}\n  want ${ok.join('\n    or ')}`);
        }
      }
      if (allOK) same[mode]++;
      rows.push(`| ${sc.id} | ${sc.name} | ${mode} | ${want} |${cells}`);
    }
  }
  const names = columns.map((c) => c.name).join(', ');
  for (const mode of MODES) {
    rows.push(`\n${mode} settings: ${same[mode]} of ${spec.scenarios.length} scenarios as expected on every target (${names})`);
  }
  return { table: rows.join('\n'), bad };
}

/**
 * With TETHER_PARITY_OUT=DIR, writes DIR/chromium.json and, when tests/parity
 * left DIR/go.json (same variable), prints the whole matrix: every target.
 */
function printCombined(chromium) {
  const dir = process.env.TETHER_PARITY_OUT;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'chromium.json'), `${JSON.stringify({ targets: [chromium] }, null, 1)}\n`);
  let go;
  try {
    go = JSON.parse(readFileSync(path.join(dir, 'go.json'), 'utf8'));
  } catch {
    console.log(`no ${path.join(dir, 'go.json')} (run tests/parity with TETHER_PARITY_OUT=${dir}): chromium column only`);
    return;
  }
  console.log(`parity matrix, every target:\n${matrix([...go.targets, chromium]).table}`);
}

// The page's Driver must be tests/parity/driver.go's: a few of driver_test.go's cases.
describe('parity matrix: the page-side driver', () => {
  const run = (sc, events, sendFails = false) => {
    const calls = [];
    const act = {
      send: (m) => {
        if (sendFails) throw Object.assign(new Error('x'), { name: 'InvalidStateError', message: 'x' });
        calls.push(`send ${m.binary ? 'binary' : 'text'}`);
      },
      release: async () => { calls.push('release'); },
    };
    const d = new Driver(sc);
    for (const ev of events) d.handle(ev, act);
    return { outcome: d.outcome(), calls, done: d.done };
  };
  const open = { kind: 'open', proto: '' };
  const text = (data) => ({ kind: 'message', msg: { binary: false, data } });
  const lost = { kind: 'close', code: 1006, reason: '', again: true };

  it('echo, retries, queue while reconnecting', () => {
    const echo = run({ plan: [['text:a', 'binary:0102']] },
      [{ kind: 'open', proto: 'chat.v1' }, text('a'), { kind: 'message', msg: { binary: true, data: new Uint8Array([1, 2]) } }]);
    assert.deepEqual(echo, { outcome: 'open proto=chat.v1; echo text,binary', calls: ['send text', 'send binary'], done: true });
    const retry = { kind: 'fail', category: 'attempt', again: true };
    assert.equal(run({ plan: [['text:a']] }, [retry, retry, retry, open, text('a')]).outcome,
      'fail attempt, retry ×3; open; echo text');
    const queueing = { plan: [[], []], whileReconnecting: ['text:q1', 'text:q2'] };
    assert.deepEqual(run(queueing, [open, lost, open, text('q1'), text('q2')]), {
      outcome: 'open; close 1006, reconnect; queued text,text; open; echo text,text',
      calls: ['send text', 'send text', 'release'],
      done: true,
    });
    assert.equal(run(queueing, [open, lost, open], true).outcome,
      'open; close 1006, reconnect; queue failed: InvalidStateError: x ×2; open');
    assert.equal(run({ plan: [['text:a', 'text:b']] }, [open, text('a'), { ...lost, again: false }]).outcome,
      'open; echo incomplete: 1 of 2; close 1006, final');
  });
});

describe('parity matrix: TetherSocket in Chromium', { skip }, () => {
  let server;
  let parity;
  let browser;
  let page;

  before(async () => {
    parity = await startParityServer(MODES.length * spec.scenarios.length);
    server = await startServer();
    browser = await launchBrowser();
    page = await openPage(browser, server);
    await page.addScriptTag({ content: pageScript });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await parity?.stop();
  });

  it('every scenario, explicit settings and defaults, gives the expected outcome', { timeout: 170_000 }, async () => {
    const started = Date.now();
    const runs = [];
    MODES.forEach((mode, m) => spec.scenarios.forEach((sc, i) => {
      const key = `chromium-${mode}-${sc.id}`;
      const port = sc.refused ? parity.refused : parity.ports[m * spec.scenarios.length + i];
      const url = `ws://127.0.0.1:${port}${sc.path}${sc.path.includes('?') ? '&' : '?'}key=${key}`;
      runs.push({
        mode, sc, url,
        releaseURL: `http://127.0.0.1:${parity.ports[0]}/release?key=${key}`,
        options: socketOptions(runSettings(sc, mode)),
        boundMs: spec.settings.boundSeconds[mode] * 1000,
      });
    }));
    const outcomes = await Promise.all(runs.map((r) => page.evaluate((run) => window.parityPlay(run), r)));
    const chromium = { name: 'chromium', js: true, outcomes: {} };
    runs.forEach((r, i) => { (chromium.outcomes[r.mode] ??= {})[r.sc.id] = outcomes[i]; });
    const { table, bad } = matrix([chromium]);
    console.log(`parity matrix (✓ expected outcome, ✓ᴮ expected with the browser limits, ✗ differs), `
      + `run in ${Math.round((Date.now() - started) / 1000)} s:\n${table}`);
    printCombined(chromium);
    assert.deepEqual(page.errors, [], 'errors in the page');
    assert.deepEqual(bad, [], `outcomes that differ from tests/parity/expected.json:\n${bad.join('\n')}`);
  });
});
