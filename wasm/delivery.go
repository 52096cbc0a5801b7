//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"github.com/tetherws/tether/sdk"
)

// Unsent reasons: the short, stable names an unsent event carries in
// JavaScript (its reason field), one per kind of error the sdk hands
// messages back with.
const (
	reasonMaybeDelivered = "maybe-delivered" // written, the connection lost before a pong confirmed it
	reasonOutboxFull     = "outbox-full"     // refused by, or dropped from, a full outbox
	reasonUndeliverable  = "undeliverable"   // Outbox.MaxWriteAttempts reached
	reasonClosed         = "closed"          // never written: the socket closed first
)

// unsentReason names why messages were handed back. A message written but
// unconfirmed at Close wraps ErrClosed too: maybe-delivered wins, as it says
// more.
func unsentReason(err error) string {
	switch {
	case errors.Is(err, sdk.ErrMaybeDelivered):
		return reasonMaybeDelivered
	case errors.Is(err, sdk.ErrOutboxFull):
		return reasonOutboxFull
	case errors.Is(err, sdk.ErrUndeliverable):
		return reasonUndeliverable
	}
	return reasonClosed // ErrClosed, or the terminal error that wraps it
}

// statusReason names why a send that JavaScript accepted (readyState
// CONNECTING or OPEN) was refused when it reached Go.
func statusReason(status int) string {
	if status == statusFull {
		return reasonOutboxFull
	}
	return reasonClosed
}

// parseDelivery reads the delivery option that tether.js checked:
// handBackUnconfirmed, maxUnconfirmed, maxUnconfirmedBytes, barrierDelay
// (ms). Absent fields keep Go's defaults (zero values).
func parseDelivery(v js.Value) sdk.DeliveryOptions {
	var d sdk.DeliveryOptions
	if !isObject(v) {
		return d
	}
	d.HandBackUnconfirmed = v.Get("handBackUnconfirmed").Truthy()
	if n, ok := number(v, "maxUnconfirmed"); ok && n > 0 {
		d.MaxUnconfirmed = int(n)
	}
	if n, ok := number(v, "maxUnconfirmedBytes"); ok && n > 0 {
		d.MaxUnconfirmedBytes = int64(n)
	}
	d.BarrierDelay = ms(v, "barrierDelay")
	return d
}
