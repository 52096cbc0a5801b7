// Package tests holds Tether's cross-process tests: the js/wasm test binaries run
// in Node against a native server, real peers, fault proxies and real browsers.
// It is its own module so that its tooling never reaches the root go.mod.
package tests
