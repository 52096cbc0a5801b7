// TetherSocket's own queue: sends that wait in JavaScript before they reach
// tether.wasm (Blobs being read, everything sent after one, everything sent
// before tether.wasm is loaded) and the flush() calls behind them, in order.

import { itemSize } from './validate.js';

/**
 * Items are send items (validate.js sendItem: text, binary, blob) and
 * { kind: 'flush', call }. bytes counts what the send items add to
 * bufferedAmount.
 */
export class SendQueue {
  #items = [];
  #bytes = 0;
  #draining = false;

  get length() { return this.#items.length; }
  get bytes() { return this.#bytes; }

  push(item) {
    this.#items.push(item);
    this.#bytes += item.kind === 'flush' ? 0 : itemSize(item);
  }

  /**
   * Hands the items to to, in order, reading Blobs as they come:
   * to.message(data) for a string or Uint8Array, to.flush(call),
   * to.unreadable(blob) for a Blob that could not be read; then to.empty().
   * A drain already running carries on instead; one whose queue was taken
   * meanwhile stops.
   */
  async drain(to) {
    if (this.#draining) return;
    this.#draining = true;
    try {
      while (this.#items.length > 0) {
        const item = this.#items[0];
        if (item.kind === 'blob' && !(await this.#read(item))) return;
        this.#items.shift();
        if (item.kind !== 'flush') this.#bytes -= item.size;
        if (item.kind === 'flush') to.flush(item.call);
        else if (item.kind === 'blob') to.unreadable(item.data);
        else to.message(item.data);
      }
      to.empty();
    } finally {
      this.#draining = false;
    }
  }

  /** Reads a Blob item (left a Blob if it cannot be read); false when the queue was taken meanwhile. */
  async #read(item) {
    try {
      item.data = new Uint8Array(await item.data.arrayBuffer());
      item.kind = 'binary';
    } catch {
      // drain reports it
    }
    return this.#items[0] === item;
  }

  /** Empties the queue and returns its items. */
  take() {
    const items = this.#items;
    this.#items = [];
    this.#bytes = 0;
    return items;
  }

  /**
   * Removes the flush call's item; returns how many messages wait ahead of
   * it (0 when it is not queued).
   */
  removeFlush(call) {
    const at = this.#items.findIndex((item) => item.call === call);
    if (at < 0) return 0;
    this.#items.splice(at, 1);
    return this.#items.slice(0, at).filter((item) => item.kind !== 'flush').length;
  }
}
