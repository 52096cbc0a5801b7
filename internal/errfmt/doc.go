// Package errfmt is the small part of fmt that Tether's libraries use to build
// errors and messages: Errorf and Sprintf with the verbs %s, %v, %d, %q, %w and
// %%, for strings, byte slices, errors, Stringers, booleans, and integer and
// float kinds of the built-in types.
//
// It exists for the browser build: fmt pulls reflect and its printer into
// every js/wasm binary (about 60 KB gzipped with encoding/json and log/slog),
// and the packages linked into the browser shim use this instead. Errors made
// by Errorf wrap their %w operands exactly like fmt.Errorf (one: Unwrap()
// error; several: Unwrap() []error). An operand of another type prints as
// %!v(unsupported) rather than panicking.
//
// go vet checks every call's format against its operands when run with
// -tags tether_vet (scripts/test does), a build in which Sprintf and Errorf
// forward to fmt so that vet knows them as printf wrappers.
package errfmt
