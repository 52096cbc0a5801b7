//go:build js && wasm

package main

import (
	"context"
	"errors"
	"strings"

	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// How TetherSocket reports ends, as a browser WebSocket would if each
// connection attempt were a WebSocket of its own:
//
//   - an open connection that ends: close (no error event, as in browsers);
//   - an attempt that fails: error, then close 1006;
//   - either, with a reconnect to follow: the close comes as kindCloseRetry
//     (willReconnect true), before the statechange to reconnecting and the
//     reconnecting event;
//   - the end of the socket: the last close (kindClose, willReconnect false),
//     after the statechange to closed (emitFinal).
//
// events.go makes the events; this file says what they carry.

// msgAttemptFailed is the error of a failed attempt: browsers fail a refused
// connection, an HTTP error status and a subprotocol the browser rejects
// alike (close 1006), and tell the page nothing more.
const msgAttemptFailed = "tether: connection attempt failed (the browser does not expose why: refused, HTTP error or subprotocol)"

// closeInfo is how one connection or attempt ended, as a CloseEvent reports it.
type closeInfo struct {
	code    int
	reason  string
	clean   bool
	message string
}

func closeInfoOf(ev sdk.CloseEvent) closeInfo {
	info := closeInfo{code: ev.Code, reason: ev.Reason, message: errText(ev.Cause)}
	ce, isClose := errors.AsType[*transport.CloseError](ev.Cause)
	switch {
	case ev.Code == 1006:
	case ev.Cause == nil:
		info.clean = true // closed by Close
	case isClose && ce.Remote:
		info.clean = true // the server's close frame
	}
	return info
}

// failedAttempt is the close of an attempt that never opened.
func failedAttempt(cause error) closeInfo {
	return closeInfo{code: transport.StatusAbnormalClosure, message: attemptMessage(cause)}
}

// closeRequest is a close call from JavaScript.
type closeRequest struct {
	code   int // -1: none given
	reason string
	abort  bool // JavaScript saw CONNECTING: the browser fails the connection
}

// wireCode is the code sent: 1000 when none was given.
func (r closeRequest) wireCode() int {
	if r.code < 0 {
		return 1000
	}
	return r.code
}

// eventCode is the code a browser's close event shows after a clean close:
// the server's echo of the code sent, 1005 (no status) when none was sent.
func (r closeRequest) eventCode() int {
	if r.code < 0 && r.reason == "" {
		return 1005
	}
	return r.wireCode()
}

// attemptMessage says why an attempt failed without claiming what the
// browser does not say, and without the URL (it may carry a token).
func attemptMessage(err error) string {
	if err == nil {
		return ""
	}
	if pe, ok := errors.AsType[*paramsError](err); ok {
		return pe.Error()
	}
	ne, isNet := errors.AsType[*transport.NetworkError](err)
	_, isClose := errors.AsType[*transport.CloseError](err)
	switch {
	case !isNet || ne.Op != "dial":
		return errText(err)
	case errors.Is(err, context.DeadlineExceeded):
		return "tether: connection attempt timed out"
	case isClose:
		return msgAttemptFailed
	}
	// new WebSocket threw; its message quotes the URL.
	return "tether: connection attempt failed: the browser refused to start it"
}

// errText is err's message without the (redacted) URL a transport error
// carries: paths may hold secrets too, and events never show URLs.
func errText(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	if ne, ok := errors.AsType[*transport.NetworkError](err); ok && ne.URL != "" {
		if i := strings.Index(msg, " "+ne.URL); i >= 0 { // strings.Replace costs 5 KB of wasm
			msg = msg[:i] + msg[i+1+len(ne.URL):]
		}
	}
	return msg
}
