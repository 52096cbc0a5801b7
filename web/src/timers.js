// Go's idle timer, without a setTimeout per resume.
//
// When Go goes idle with a timer pending (a heartbeat, the client's read
// grace), its scheduler asks wasm_exec.js for a timeout event; and every time
// JavaScript resumes Go (bridge.js does once per received message), the
// runtime takes the resume for that timeout, clears it, and asks for a new one
// when it idles again: a clearTimeout and a setTimeout per message. These
// imports keep the events' deadlines in a map and one browser timer armed for
// the earliest: scheduling and clearing an event cost a map operation, and the
// browser timer moves only when a deadline comes earlier than the armed one.
// When it fires, Go is resumed if a live deadline has passed (as wasm_exec.js
// does), else it is re-armed for the earliest.

/** Replaces go's runtime.scheduleTimeoutEvent and clearTimeoutEvent imports. */
export function lazyTimeouts(go) {
  const imports = go.importObject.gojs;
  if (!imports?.['runtime.scheduleTimeoutEvent'] || !imports['runtime.clearTimeoutEvent']) return;
  const live = new Map(); // id → deadline (performance.now() milliseconds)
  let nextID = 1;
  /** @type {ReturnType<typeof setTimeout> | null} */
  let timer = null;
  let armedAt = Infinity;

  const earliest = () => {
    let at = Infinity;
    for (const d of live.values()) if (d < at) at = d;
    return at;
  };
  const arm = () => {
    const at = earliest();
    if (at === Infinity || (timer !== null && armedAt <= at)) return; // fire re-arms later
    if (timer !== null) clearTimeout(timer);
    armedAt = at;
    timer = setTimeout(fire, Math.max(0, at - performance.now()));
  };
  const fire = () => {
    timer = null;
    armedAt = Infinity;
    const now = performance.now();
    const due = [...live].filter(([, d]) => d <= now).map(([id]) => id);
    if (due.length > 0 && !go.exited) {
      go._resume(); // Go clears the event it takes
      for (const id of due) live.delete(id); // as wasm_exec.js: never resume twice for one event
    }
    if (!go.exited) arm();
  };

  imports['runtime.scheduleTimeoutEvent'] = (sp) => {
    sp >>>= 0;
    const lo = go.mem.getUint32(sp + 8, true);
    const hi = go.mem.getInt32(sp + 12, true);
    const id = nextID++;
    live.set(id, performance.now() + lo + hi * 4294967296);
    go.mem.setInt32(sp + 16, id, true);
    arm();
  };
  imports['runtime.clearTimeoutEvent'] = (sp) => {
    sp >>>= 0;
    live.delete(go.mem.getInt32(sp + 8, true));
  };
}
