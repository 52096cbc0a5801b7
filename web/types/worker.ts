// A module worker's TypeScript (lib webworker, no DOM): index.d.ts must
// compile there too, since the package runs in workers. Checked by
// tsconfig.worker.json.

import { load, TetherSocket } from '@tetherws/tether';

self.onmessage = async (e: MessageEvent<{ url: string, module?: WebAssembly.Module }>) => {
  await load(e.data.module); // a Module the page compiled, or undefined: tether.wasm next to the module
  const ws = new TetherSocket(e.data.url, [], { reconnect: false });
  ws.binaryType = 'arraybuffer';
  ws.onopen = () => ws.send('hello from a worker');
  ws.onmessage = (m) => {
    self.postMessage(m.data);
    ws.close();
  };
  ws.onclose = (c) => { if (!c.willReconnect) self.postMessage({ closed: c.code }); };
};
