// dist/tether.js against index.d.ts at run time: the same exported values,
// and every class's members (instance, prototype and static) the same as
// declared. types/exports.ts checks the types TypeScript infers from the JS;
// this sees what it cannot: members made with Object.defineProperty (event
// fields, onopen..., CONNECTING...).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { webDir } from './helpers.mjs';
import * as tether from '../dist/tether.js';

const dts = readFileSync(path.join(webDir, 'index.d.ts'), 'utf8');

/** Names of the values index.d.ts exports (functions, classes, consts). */
function declaredValues() {
  return [...dts.matchAll(/^export (?:declare )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]);
}

/**
 * Members declared in the body of class name: { instance, statics } as
 * sorted name lists. Members sit two spaces in, one per line (overloads
 * repeat a name); comments start with / or *, so they never match.
 */
function declaredMembers(name) {
  const body = dts.match(new RegExp(`^export class ${name}\\b[^\\n]*\\{\\n([\\s\\S]*?)^\\}`, 'm'))?.[1];
  assert.ok(body, `index.d.ts declares class ${name}`);
  const instance = new Set();
  const statics = new Set();
  for (const m of body.matchAll(/^ {2}(static )?(?:readonly )?(\w+|\[Symbol\.\w+\])\??[(:<]/gm)) {
    if (m[2] !== 'constructor') (m[1] ? statics : instance).add(m[2]);
  }
  return { instance: [...instance].sort(), statics: [...statics].sort() };
}

/** A symbol key as index.d.ts writes it: [Symbol.toStringTag]. */
const keyName = (k) => (typeof k === 'symbol' ? `[${k.description}]` : k);

/** Own keys of o, sorted, less those skip names (the runtime's own, not ours). */
function ownKeys(o, skip = []) {
  return Reflect.ownKeys(o).map(keyName).filter((k) => !skip.includes(k)).sort();
}

test('dist/tether.js exports exactly the values index.d.ts declares', () => {
  assert.deepEqual(Object.keys(tether).sort(), declaredValues().sort());
});

test('TetherSocket: prototype and static members as declared', () => {
  const { instance, statics } = declaredMembers('TetherSocket');
  const { TetherSocket } = tether;
  // addEventListener and removeEventListener are EventTarget's, redeclared for typed events.
  const inherited = instance.filter((k) => k in EventTarget.prototype);
  assert.deepEqual(inherited, ['addEventListener', 'removeEventListener']);
  const own = ownKeys(TetherSocket.prototype, ['constructor']);
  assert.deepEqual(own, instance.filter((k) => !inherited.includes(k)));
  assert.deepEqual(ownKeys(TetherSocket, ['length', 'name', 'prototype']), statics);
});

// Each event class, built with no init: its own fields are the declared ones.
for (const name of ['ReconnectingEvent', 'ReconnectEvent', 'HeartbeatEvent', 'StateChangeEvent', 'UnsentEvent']) {
  test(`${name}: fields as declared`, () => {
    const e = new tether[name]('x');
    assert.ok(e instanceof Event);
    // Names only: Node's Event keeps symbol-keyed internals on each instance;
    // isTrusted is every Event's own field (WebIDL [LegacyUnforgeable]).
    const fields = Object.getOwnPropertyNames(e).filter((k) => k !== 'isTrusted').sort();
    assert.deepEqual(fields, declaredMembers(name).instance);
  });
}

test('UnconfirmedError: fields as declared', () => {
  const e = new tether.UnconfirmedError('tether: messages not confirmed: 1 message: closed', 'closed');
  assert.ok(e instanceof Error);
  // message and stack are every Error's own fields; index.d.ts inherits them.
  assert.deepEqual(ownKeys(e, ['message', 'stack']), declaredMembers('UnconfirmedError').instance);
  assert.equal(e.name, 'UnconfirmedError');
  assert.equal(e.reason, 'closed');
});
