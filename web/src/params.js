// Per-attempt parameters: TetherSocket's url and protocols arguments may be
// functions (sync or async), called before every connection attempt
// (wasm/params.go).

import { parseURL, parseProtocols } from './validate.js';

/**
 * Calls urlFn and protocolsFn (either may be null) and resolves with the
 * checked { url ('' without urlFn), protocols (undefined without
 * protocolsFn) }. A function that throws, rejects or returns something
 * invalid rejects; messages never quote the URL or the protocols (they may
 * carry tokens).
 */
export function askParams(urlFn, protocolsFn, cls) {
  const call = (fn, what) => fn && new Promise((resolve) => resolve(fn())).catch((err) => {
    throw new Error(`tether: the ${what} function failed: ${err?.message ?? String(err)}`);
  });
  return Promise.all([call(urlFn, 'url'), call(protocolsFn, 'protocols')])
    .then(([u, p]) => checkParams(urlFn && u, protocolsFn && p, !!urlFn, !!protocolsFn, cls));
}

function checkParams(u, p, hasURL, hasProtocols, cls) {
  let url = '';
  let protocols;
  if (hasURL) {
    try {
      url = parseURL(u, cls);
    } catch {
      throw new Error('tether: the url function returned an invalid URL');
    }
  }
  if (hasProtocols) {
    try {
      protocols = parseProtocols(p ?? undefined, cls);
    } catch {
      throw new Error('tether: the protocols function returned an invalid subprotocol list');
    }
  }
  return { url, protocols };
}
