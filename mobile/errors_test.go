//go:build !js

package mobile

import (
	"context"
	"errors"
	"fmt"
	"io"
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
		{&transport.HandshakeError{Status: 401}, ErrorKindHandshake},
		{closedBy(&transport.HandshakeError{Status: 403}), ErrorKindHandshake},
		{&subprotocol.MismatchError{}, ErrorKindSubprotocol},
		{fmt.Errorf("%w: silent", sdk.ErrHeartbeatTimeout), ErrorKindHeartbeat},
		{&transport.NetworkError{Op: "read", Err: io.EOF}, ErrorKindNetwork},
		{context.DeadlineExceeded, ErrorKindNetwork},
		{&transport.CloseError{Code: 1008}, ErrorKindClose},
		{sdk.ErrMessageTooBig, ErrorKindClose},
		{sdk.ErrClosed, ErrorKindClosed},
		{sdk.ErrInvalidURL, ErrorKindInvalid},
		{sdk.ErrInvalidUTF8, ErrorKindInvalid},
		{wserr.ErrInvalidSubprotocolName, ErrorKindInvalid},
		{sdk.ErrOutboxFull, ErrorKindOutbox},
		{readable(context.Canceled), ErrorKindCancelled},
		{errBusy, ErrorKindState},
		{errNotConnected, ErrorKindState},
		{fmt.Errorf("tether: BeforeDial: %w: %w", errCredentials, io.EOF), ErrorKindCredentials},
		{fmt.Errorf("%w: 2 messages: %w", sdk.ErrUnconfirmed, context.DeadlineExceeded), ErrorKindUnconfirmed},
		{fmt.Errorf("%w: 2 messages: %w", sdk.ErrUnconfirmed, sdk.ErrClosed), ErrorKindUnconfirmed},
		{fmt.Errorf("%w: %w", sdk.ErrMaybeDelivered, sdk.ErrClosed), ErrorKindUnconfirmed},
		{fmt.Errorf("%w: Flush", errInvalidArgument), ErrorKindInvalid},
		{errors.New("boom"), ErrorKindOther},
	} {
		if got := ErrorKindOf(tc.err); got != tc.want {
			t.Errorf("ErrorKindOf(%v) = %q, want %q", tc.err, got, tc.want)
		}
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
