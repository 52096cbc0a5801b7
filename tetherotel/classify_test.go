package tetherotel

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"

	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/subprotocol"
	"github.com/tetherws/tether/transport"
)

func TestErrorType(t *testing.T) {
	timeout := &net.OpError{Op: "dial", Err: &net.DNSError{IsTimeout: true}}
	tests := []struct {
		err  error
		want string
	}{
		{&transport.HandshakeError{Status: 401}, errHTTP4xx},
		{fmt.Errorf("%w: %w", sdk.ErrClosed, &transport.HandshakeError{Status: 503}), errHTTP5xx},
		{&transport.HandshakeError{Status: 200}, errHTTPOther},
		{&transport.HandshakeError{Status: 302, Location: "wss://elsewhere"}, errHTTP3xx},
		{&subprotocol.MismatchError{Offered: []string{"a"}, Selected: []string{"b"}}, errSubprotocol},
		{fmt.Errorf("%w: bad", sdk.ErrInvalidOptions), errOptions},
		{fmt.Errorf("%w: %w", sdk.ErrClosed, fmt.Errorf("%w: %w", transport.ErrCertificate, errors.New("x509: unknown authority"))), errTLS},
		{&transport.NetworkError{Op: "dial", Err: context.DeadlineExceeded}, errTimeout},
		{timeout, errTimeout},
		{&transport.NetworkError{Op: "dial", Err: errors.New("connection refused")}, errNetwork},
		{&transport.CloseError{Code: 1006}, errNetwork},
		{errors.New("tether: BeforeDial: no token"), errOther},
	}
	for _, tt := range tests {
		if got := errorType(tt.err); got != tt.want {
			t.Errorf("errorType(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestCanceled(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{nil, true},
		{sdk.ErrClosed, true},
		{&transport.NetworkError{Op: "dial", Err: context.Canceled}, true},
		{fmt.Errorf("%w: %w", sdk.ErrClosed, &transport.HandshakeError{Status: 503}), false},
		{&transport.NetworkError{Op: "dial", Err: errors.New("connection refused")}, false},
	}
	for _, tt := range tests {
		if got := canceled(tt.err); got != tt.want {
			t.Errorf("canceled(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestUnsentReason(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("lost: %w", sdk.ErrMaybeDelivered), reasonMaybe},
		{fmt.Errorf("dropped: %w", sdk.ErrOutboxFull), reasonFull},
		{fmt.Errorf("%w: %w", sdk.ErrUndeliverable, errors.New("write failed")), reasonUndeliver},
		{fmt.Errorf("%w: gave up", sdk.ErrClosed), reasonClosed},
		{fmt.Errorf("%w: %w", sdk.ErrClosed, sdk.ErrMaybeDelivered), reasonMaybe},
		{errors.New("something else"), reasonOther},
	}
	for _, tt := range tests {
		if got := unsentReason(tt.err); got != tt.want {
			t.Errorf("unsentReason(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestCleanClose(t *testing.T) {
	tests := []struct {
		name string
		ev   sdk.CloseEvent
		want bool
	}{
		{"client's Close", sdk.CloseEvent{Code: 1000}, true},
		{"server's close frame", sdk.CloseEvent{Code: 4001, Cause: &transport.CloseError{Code: 4001, Remote: true}}, true},
		{"network", sdk.CloseEvent{Code: 1006, Cause: &transport.NetworkError{Op: "read", Err: errors.New("EOF")}}, false},
		{"heartbeat timeout", sdk.CloseEvent{Code: 4000, Cause: fmt.Errorf("%w: %w", sdk.ErrHeartbeatTimeout, &transport.CloseError{Code: 4000})}, false},
	}
	for _, tt := range tests {
		if got := cleanClose(tt.ev); got != tt.want {
			t.Errorf("%s: cleanClose = %v, want %v", tt.name, got, tt.want)
		}
	}
}
