// Package sdkhook lets the project's own facades reach sdk settings that are
// not public API. The sdk sets the variables in its init; a facade asserts
// them to the documented function type.
package sdkhook

// SetWake is a func(*sdk.Options, func()): the function is called, without
// locks held and without blocking, after every entry (message or event) is
// added to the client's stream, so that a facade that polls Next with an
// ended context (the browser shim's event pump) knows when to poll again.
// Set by package sdk.
var SetWake any

// SetJitterSeed is a func(*sdk.Options, uint64): a non-zero seed makes the
// reconnect jitter of clients made with those options reproducible (the same
// seed, the same delays), for the CLI's demo; zero keeps the default, a
// randomly seeded source. Set by package sdk in native builds only (nil in
// js/wasm, where nothing uses it).
var SetJitterSeed any
