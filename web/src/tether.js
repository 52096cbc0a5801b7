// Tether for browsers: TetherSocket, a drop-in WebSocket backed by Tether's Go
// client (tether.wasm), and load(), which starts the wasm once per page,
// worker or Node process.

import { load as loadAPI } from './load.js';

export { TetherSocket } from './socket.js';
export {
  ReconnectingEvent, ReconnectEvent, HeartbeatEvent, StateChangeEvent, UnsentEvent,
} from './events.js';
export { UnconfirmedError } from './flush.js';

/**
 * Starts tether.wasm once per realm (see load.js): from a URL or path, bytes,
 * a Response, a WebAssembly.Module, a promise of one, or options
 * { wasm, wasmExecURL }; by default from next to this module.
 *
 * @param {import('../index.js').WasmSource | import('../index.js').LoadOptions} [wasm]
 * @returns {Promise<void>}
 */
export async function load(wasm) {
  await loadAPI(wasm);
}
