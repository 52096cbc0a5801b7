package retry_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/retry"
	"github.com/tetherws/tether/subprotocol"
	"github.com/tetherws/tether/transport"
)

// selfErr decides its own retryability, as the sdk's mistakes in Options do.
type selfErr struct {
	what  string
	retry bool
	err   error
}

func (e *selfErr) Error() string   { return e.what }
func (e *selfErr) Unwrap() error   { return e.err }
func (e *selfErr) Retryable() bool { return e.retry }

func peerClose(code int) error { return &transport.CloseError{Code: code, Remote: true} }

func localClose(code int) error { return &transport.CloseError{Code: code} }

func handshake(status int, retryAfter time.Duration) error {
	return &transport.HandshakeError{Status: status, RetryAfter: retryAfter}
}

// certificate is a certificate failure carrying its cause, as the native
// transport reports one.
func certificate(err error) error { return fmt.Errorf("%w: %w", transport.ErrCertificate, err) }

// wrap buries err two levels deep, as a transport and the sdk would.
func wrap(err error) error {
	return fmt.Errorf("tether: reconnect: %w", fmt.Errorf("read: %w", err))
}

func TestClassifyTable(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		retry bool
	}{
		{"nil", nil, true},
		{"canceled", context.Canceled, false},
		{"connect timeout", context.DeadlineExceeded, true},
		{"io.EOF", io.EOF, true},
		{"unexpected EOF", io.ErrUnexpectedEOF, true},
		{"network", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}, true},
		{"unknown", errors.New("something odd"), true},
		{"TLS certificate", certificate(errors.New("x509: unknown authority")), false},
		{"redirect", &transport.HandshakeError{Status: 302}, false},
		{"subprotocol mismatch", &subprotocol.MismatchError{Offered: []string{"chat.v2"}, Selected: []string{"chat.v1"}}, false},
		{"self-declared permanent", &selfErr{what: "invalid options", retry: false}, false},
		{"self-declared retryable", &selfErr{what: "flaky", retry: true}, true},
		{"close 1000 from server", peerClose(1000), false},
		{"close 1000 sent locally", localClose(1000), true},
		{"close 1001", peerClose(1001), true},
		{"close 1005", peerClose(1005), true},
		{"close 1006", localClose(1006), true},
		{"close 1011", peerClose(1011), true},
		{"close 1012", peerClose(1012), true},
		{"close 1013", peerClose(1013), true},
		{"close 1014", peerClose(1014), true},
		{"close 4000", peerClose(4000), true},
		{"close 4500", peerClose(4500), true},
		{"close 4999", peerClose(4999), true},
		{"close 3000", peerClose(3000), true},
		{"close 3999", peerClose(3999), true},
		{"close 1002", peerClose(1002), false},
		{"close 1003", peerClose(1003), false},
		{"close 1007", peerClose(1007), false},
		{"close 1008", peerClose(1008), false},
		{"close 1009", peerClose(1009), false},
		{"close 1010", peerClose(1010), false},
		{"close 1008 sent locally", localClose(1008), false},
		{"close 1004 (reserved)", peerClose(1004), true},
		{"close 1015 (TLS handshake)", peerClose(1015), true},
		{"close 2000 (unassigned)", peerClose(2000), true},
		{"close 5000 (out of range)", peerClose(5000), true},
		{"HTTP 408", handshake(408, 0), true},
		{"HTTP 429", handshake(429, 0), true},
		{"HTTP 500", handshake(500, 0), true},
		{"HTTP 502", handshake(502, 0), true},
		{"HTTP 503", handshake(503, 0), true},
		{"HTTP 504", handshake(504, 0), true},
		{"HTTP 599", handshake(599, 0), true},
		{"HTTP 400", handshake(400, 0), false},
		{"HTTP 401", handshake(401, 0), false},
		{"HTTP 403", handshake(403, 0), false},
		{"HTTP 404", handshake(404, 0), false},
		{"HTTP 426", handshake(426, 0), false},
		{"HTTP 499", handshake(499, 0), false},
		{"HTTP 200 (unexpected)", handshake(200, 0), true},
		{"HTTP 302 (a redirect, never followed)", handshake(302, 0), false},
		{"HTTP 200 (unexpected)", handshake(200, 0), true},
	}
	for _, tt := range tests {
		for _, form := range []struct {
			name string
			err  error
		}{{"bare", tt.err}, {"wrapped", wrapNonNil(tt.err)}} {
			t.Run(tt.name+"/"+form.name, func(t *testing.T) {
				v := retry.Classify(form.err)
				if v.Retry != tt.retry {
					t.Fatalf("Classify(%v).Retry = %v, want %v (reason %q)", form.err, v.Retry, tt.retry, v.Reason)
				}
				if v.Reason == "" {
					t.Fatalf("Classify(%v) gave no reason", form.err)
				}
			})
		}
	}
}

func wrapNonNil(err error) error {
	if err == nil {
		return nil
	}
	return wrap(err)
}

func TestClassifyReasonsNameTheCode(t *testing.T) {
	if got := retry.Classify(wrap(peerClose(1008))).Reason; got != "close 1008 (policy violation) is permanent" {
		t.Errorf("reason = %q", got)
	}
	if got := retry.Classify(wrap(handshake(403, 0))).Reason; !strings.Contains(got, "403") {
		t.Errorf("reason = %q, want the status in it", got)
	}
}

func TestClassifyRetryAfter(t *testing.T) {
	tests := []struct {
		status int
		ra     time.Duration
		want   time.Duration
	}{
		{429, 20 * time.Second, 20 * time.Second},
		{503, time.Hour, time.Hour}, // uncapped here; the Schedule caps it
		{429, 0, 0},
		{502, 20 * time.Second, 0}, // Retry-After is honoured only on 429 and 503
		{500, 20 * time.Second, 0},
	}
	for _, tt := range tests {
		v := retry.Classify(wrap(handshake(tt.status, tt.ra)))
		if !v.Retry || v.MinDelay != tt.want {
			t.Errorf("HTTP %d Retry-After %s: verdict %+v, want retry with MinDelay %s", tt.status, tt.ra, v, tt.want)
		}
	}
}

func TestClassifyTryAgainLater(t *testing.T) {
	const want = 4 // reconnect's documentation
	if v := retry.Classify(wrap(peerClose(1013))); v.Factor != want {
		t.Errorf("1013 Factor = %v, want %v", v.Factor, want)
	}
	if v := retry.Classify(wrap(peerClose(1006))); v.Factor != 0 || v.MinDelay != 0 {
		t.Errorf("1006 verdict %+v, want no delay constraint", v)
	}
}

func TestClassifyPrecedence(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		retry bool
	}{
		// The caller's cancel wins over everything it wraps or is wrapped by.
		{"retryable wrapping canceled", &selfErr{what: "x", retry: true, err: context.Canceled}, false},
		{"canceled joined with 1006", errors.Join(peerClose(1006), context.Canceled), false},
		// An error's own Retryable() wins over the close code or status it carries.
		{"certificate wrapping 1006", certificate(peerClose(1006)), false},
		{"retryable wrapping 1008", &selfErr{what: "ok", retry: true, err: peerClose(1008)}, true},
		// A close or handshake error wins over a deadline in the same chain.
		{"1008 joined with deadline", errors.Join(context.DeadlineExceeded, peerClose(1008)), false},
		{"403 wrapping deadline", wrap(errors.Join(handshake(403, 0), context.DeadlineExceeded)), false},
	}
	for _, tt := range tests {
		if v := retry.Classify(tt.err); v.Retry != tt.retry {
			t.Errorf("%s: Retry = %v, want %v (%s)", tt.name, v.Retry, tt.retry, v.Reason)
		}
	}
}
