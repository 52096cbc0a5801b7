// Tether for browsers: TetherSocket, a drop-in WebSocket backed by Tether's Go
// client (tether.wasm), and load(), which starts the wasm once per page.

export { load } from './load.js';
export { TetherSocket } from './socket.js';
export {
  ReconnectingEvent, ReconnectEvent, HeartbeatEvent, StateChangeEvent, UnsentEvent,
} from './events.js';
