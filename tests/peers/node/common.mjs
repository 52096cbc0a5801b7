// What server.mjs and parity-server.mjs share: argument parsing, the JSON
// application ping both answer, and when a peer process stops.

/** Parses --name=value and --flag arguments into an object. */
export function parseArgs(argv) {
  const out = {};
  for (const a of argv) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (m) out[m[1]] = m[2] ?? true;
  }
  return out;
}

/** Reports whether a text message is the application ping {"type":"ping"}. */
export function isPing(data) {
  try {
    return JSON.parse(data.toString()).type === 'ping';
  } catch {
    return false;
  }
}

/**
 * Calls shutdown after lifetimeMs, on SIGTERM or SIGINT, and, with
 * watchStdin, when stdin ends (the test process that started the peer is gone).
 */
export function stopOn(shutdown, lifetimeMs, watchStdin) {
  setTimeout(shutdown, lifetimeMs).unref();
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  if (watchStdin) {
    process.stdin.on('end', shutdown);
    process.stdin.on('error', shutdown);
    process.stdin.resume();
  }
}
