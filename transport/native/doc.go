//go:build !js

// Package native is Tether's transport for Go programs: RFC 6455 over
// github.com/coder/websocket, with handshake headers, a custom *http.Client (TLS
// configuration, proxies), permessage-deflate, a read limit and protocol-level pings.
//
// Every file carries the build constraint !js; browsers use transport/jsws.
//
// A [Dialer]'s zero value is ready to use. [Conn] follows the contract of
// [transport.Conn]: one goroutine in Read, any number in Write, Close idempotent.
package native
