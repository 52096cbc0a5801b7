//go:build !js

package mobile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/subprotocol"
	"github.com/tetherws/tether/transport"
)

func TestErrorKindOf(t *testing.T) {
	closedBy := func(cause error) error { return fmt.Errorf("%w: %w", sdk.ErrClosed, cause) }
	for _, tc := range []struct {
		err  error
		want string
	}{
		{nil, ""},
		{&transport.HandshakeError{Status: 401}, kindHandshake},
		{closedBy(&transport.HandshakeError{Status: 403}), kindHandshake},
		{&subprotocol.MismatchError{}, kindSubprotocol},
		{fmt.Errorf("%w: silent", sdk.ErrHeartbeatTimeout), kindHeartbeat},
		{&transport.NetworkError{Op: "read", Err: io.EOF}, kindNetwork},
		{context.DeadlineExceeded, kindNetwork},
		{&transport.CloseError{Code: 1008}, kindClose},
		{sdk.ErrMessageTooBig, kindClose},
		{sdk.ErrClosed, kindClosed},
		{sdk.ErrInvalidURL, kindInvalid},
		{sdk.ErrInvalidUTF8, kindInvalid},
		{wserr.ErrInvalidSubprotocolName, kindInvalid},
		{sdk.ErrOutboxFull, kindOutbox},
		{readable(context.Canceled), kindCancelled},
		{errBusy, kindState},
		{errNotConnected, kindState},
		{fmt.Errorf("tether: BeforeDial: %w: %w", errCredentials, io.EOF), kindCredentials},
		{fmt.Errorf("%w: 2 messages: %w", sdk.ErrUnconfirmed, context.DeadlineExceeded), kindUnconfirmed},
		{fmt.Errorf("%w: 2 messages: %w", sdk.ErrUnconfirmed, sdk.ErrClosed), kindUnconfirmed},
		{fmt.Errorf("%w: %w", sdk.ErrMaybeDelivered, sdk.ErrClosed), kindUnconfirmed},
		{fmt.Errorf("%w: Flush", sdk.ErrInvalidArgument), kindInvalid},
		{fmt.Errorf("%w: message type 9", sdk.ErrInvalidArgument), kindInvalid},
		{errors.New("boom"), kindOther},
	} {
		if got := ErrorKindOf(tc.err); got != tc.want {
			t.Errorf("ErrorKindOf(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}

// TestKindAndStateStrings pins the strings apps compare with: they are the
// API (the constants are unexported), so changing one breaks every app.
func TestKindAndStateStrings(t *testing.T) {
	for got, want := range map[string]string{
		kindHandshake: "handshake", kindSubprotocol: "subprotocol", kindHeartbeat: "heartbeat",
		kindNetwork: "network", kindClose: "close", kindClosed: "closed", kindInvalid: "invalid",
		kindOutbox: "outbox", kindCancelled: "cancelled", kindState: "state",
		kindCredentials: "credentials", kindUnconfirmed: "unconfirmed", kindOther: "other",
		stateIdle: "Idle", stateConnecting: "Connecting", stateOpen: "Open",
		stateReconnecting: "Reconnecting", stateClosing: "Closing", stateClosed: "Closed",
	} {
		if got != want {
			t.Errorf("constant = %q, want %q", got, want)
		}
	}
}

// TestCheckClose: close arguments fail like sdk's, with sdk.ErrInvalidArgument
// and the same wording.
func TestCheckClose(t *testing.T) {
	for _, tc := range []struct {
		code   int64
		reason string
		want   string
	}{
		{1000, "", ""},
		{4999, strings.Repeat("r", 123), ""},
		{1005, "", "tether: invalid argument: close code 1005"},
		{999, "", "tether: invalid argument: close code 999"},
		{1 << 40, "", "tether: invalid argument: close code 1099511627776"},
		{1000, strings.Repeat("r", 130), "tether: invalid argument: close reason of 130 bytes, over 123"},
	} {
		err := checkClose(tc.code, tc.reason)
		if tc.want == "" {
			if err != nil {
				t.Errorf("checkClose(%d, %d bytes) = %v", tc.code, len(tc.reason), err)
			}
			continue
		}
		if err == nil || err.Error() != tc.want || !errors.Is(err, sdk.ErrInvalidArgument) || ErrorKindOf(err) != kindInvalid {
			t.Errorf("checkClose(%d, %d bytes) = %v, want %q (sdk.ErrInvalidArgument, kind invalid)",
				tc.code, len(tc.reason), err, tc.want)
		}
	}
	if err := checkClose(1000, "\xff"); !errors.Is(err, sdk.ErrInvalidUTF8) || ErrorKindOf(err) != kindInvalid {
		t.Errorf("checkClose(invalid UTF-8) = %v", err)
	}
}

func TestReadable(t *testing.T) {
	if err := readable(io.EOF); err.Error() != "tether: EOF" || !errors.Is(err, io.EOF) {
		t.Fatalf("readable(EOF) = %v", err)
	}
	if err := readable(sdk.ErrClosed); err != sdk.ErrClosed {
		t.Fatalf("readable changed a tether error: %v", err)
	}
}

func TestConfigTranslation(t *testing.T) {
	cfg := NewConfig()
	cfg.Subprotocols = " v2.chat , v1.chat,,v0.chat"
	cfg.AddHeader("x-trace", "a")
	cfg.AddHeader("X-Trace", "b")
	cfg.BearerToken = "secret"
	cfg.MaxAttempts = 1 << 40
	cfg.HeartbeatPing, cfg.HeartbeatPong = "ping", "pong"
	cfg.HandBackUnconfirmed = true
	o, err := cfg.options()
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(o.Subprotocols); got != "[v2.chat v1.chat v0.chat]" {
		t.Errorf("Subprotocols = %s", got)
	}
	if got := fmt.Sprint(o.Header); got != "map[Authorization:[Bearer secret] X-Trace:[a b]]" {
		t.Errorf("Header = %s", got)
	}
	if o.Reconnect.MaxAttempts <= 0 || o.Heartbeat.Ping == nil || o.Heartbeat.IsPong == nil {
		t.Errorf("reconnect or heartbeat not translated: %+v", o.Reconnect)
	}
	if !o.Delivery.HandBackUnconfirmed {
		t.Error("HandBackUnconfirmed not translated")
	}
	if millis(1<<62) <= 0 {
		t.Error("millis overflowed")
	}
	zero, err := (&Config{}).options()
	if err != nil || zero.Header != nil || zero.Subprotocols != nil {
		t.Fatalf("zero Config: %+v, %v", zero, err)
	}
}
