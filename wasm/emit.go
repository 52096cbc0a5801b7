//go:build js && wasm

package main

import (
	"errors"
	"runtime"
	"syscall/js"
	"time"

	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// Event kinds, the first argument of every sink call. tether.js mirrors them.
const (
	kindState        = 0  // from, to (sdk.State values)
	kindText         = 1  // the message as a string (bridge.js, from importMessage); = transport.Text
	kindBinary       = 2  // the message as a Uint8Array (likewise); = transport.Binary
	kindOpen         = 3  // protocol, reconnect, attempt, confirms
	kindReconnecting = 4  // attempt, delay ms, code, reason, wasClean, message
	kindHeartbeat    = 5  // rtt ms, smoothed ms
	kindUnsent       = 6  // Array of string | Uint8Array, message, reason (delivery.go)
	kindError        = 7  // message
	kindClose        = 8  // code, reason, wasClean, bufferedAmount: the socket's last event
	kindCloseRetry   = 9  // code, reason, wasClean, error message ("" for a connection that was open): a reconnect follows
	kindParams       = 10 // attempt, reply: call the url and protocols functions (params.go)
	kindFlush        = 11 // token, error message ("" for success), reason (flush.go)
)

var uint8Array = js.Global().Get("Uint8Array")

// The messages of unsent events for sends that did not reach the outbox.
const (
	msgRefused = "tether: outbox full: message refused"
	msgClosed  = "tether: the socket closed before the message was queued"
)

// statusMessage is the unsent event's message for a refused send.
func statusMessage(status int) string {
	if status == statusFull {
		return msgRefused
	}
	return msgClosed
}

// emit calls the socket's sink. A JavaScript exception thrown through it is
// printed and swallowed: it must not end the delivery.
func (s *socket) emit(args ...any) {
	defer func() {
		if r := recover(); r != nil {
			if jsErr, ok := r.(js.Error); ok {
				println("tether: event sink threw:", jsErr.Error())
				return
			}
			panic(r)
		}
	}()
	if r := s.sink.Invoke(args...); r.Type() == js.TypeNumber {
		s.api.takeFrames(r.Int()) // sends the listeners made meanwhile
	}
}

// emitMessage hands m to JavaScript as the address and length of its bytes
// (importMessage), which bridge.js decodes or copies before it runs any
// listener, then queues the sends the listeners made meanwhile.
func (s *socket) emitMessage(m transport.Message) {
	framed := importMessage(int32(s.id), int32(m.Type), addrOf(m.Data), int32(len(m.Data)))
	runtime.KeepAlive(m.Data)
	s.api.takeFrames(int(framed))
}

// emitUnsent reports messages handed back: message is the error's text,
// reason its name (unsentReason).
func (s *socket) emitUnsent(msgs []transport.Message, message, reason string) {
	arr := js.Global().Get("Array").New(len(msgs))
	for i, m := range msgs {
		if m.Type == transport.Text {
			arr.SetIndex(i, string(m.Data))
		} else {
			arr.SetIndex(i, bytesToJS(m.Data))
		}
	}
	s.emit(kindUnsent, arr, message, reason)
}

func bytesToJS(b []byte) js.Value {
	u8 := uint8Array.New(len(b))
	if len(b) > 0 {
		js.CopyBytesToJS(u8, b)
	}
	return u8
}

// copyFromJS copies a Uint8Array into Go.
func copyFromJS(u8 js.Value) []byte {
	b := make([]byte, u8.Get("byteLength").Int())
	if len(b) > 0 {
		js.CopyBytesToGo(b, u8)
	}
	return b
}

func millis(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func sendStatus(err error) int {
	switch {
	case errors.Is(err, sdk.ErrOutboxFull):
		return statusFull
	case errors.Is(err, sdk.ErrClosed):
		return statusClosed
	}
	return statusInvalid
}
