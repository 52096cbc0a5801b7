// src/tether.js (as TypeScript infers it from the JS and its JSDoc) against
// index.d.ts: the same exported names, the same load() and constructor
// parameters, and no public member of the JS classes missing from the
// declarations. test/exports.test.mjs checks the members TypeScript cannot
// see (those defined with Object.defineProperty) at run time.

import type * as Declared from '@tetherws/tether';
import type * as Implemented from '../src/tether.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
/** Each assignable to the other: what a caller sees as the same signature. */
type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type SameExports = Assert<Equal<keyof typeof Implemented, keyof typeof Declared>>;

export type SameLoadParameters = Assert<Equal<Parameters<typeof Implemented.load>, Parameters<typeof Declared.load>>>;
export type SameLoadResult = Assert<Equal<ReturnType<typeof Implemented.load>, ReturnType<typeof Declared.load>>>;

export type SameConstructorParameters = Assert<Equal<
  ConstructorParameters<typeof Implemented.TetherSocket>,
  ConstructorParameters<typeof Declared.TetherSocket>>>;

/** Public members of the JS class that index.d.ts does not declare: none. */
type Undeclared<JS, DTS> = Exclude<keyof JS, keyof DTS>;
export type SocketMembersDeclared = Assert<Equal<Undeclared<Implemented.TetherSocket, Declared.TetherSocket>, never>>;

/** The JS methods take what index.d.ts says, and return it. */
type Method<C, K extends keyof C> = C[K] extends (...a: infer P) => infer R ? [P, R] : never;
export type SameSend = Assert<Agree<Method<Implemented.TetherSocket, 'send'>[0], Method<Declared.TetherSocket, 'send'>[0]>>;
export type SameFlush = Assert<Agree<Method<Implemented.TetherSocket, 'flush'>, Method<Declared.TetherSocket, 'flush'>>>;
