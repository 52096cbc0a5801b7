//go:build !js

package native

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/internal/redact"
	"github.com/tetherws/tether/transport"
)

// dialError turns a failed handshake into a transport error without credentials.
func dialError(ctx context.Context, rawURL string, resp *http.Response, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return &transport.NetworkError{Op: "dial", URL: redact.URL(rawURL), Err: ctxErr}
	}
	if resp != nil && resp.StatusCode != http.StatusSwitchingProtocols {
		return &transport.HandshakeError{Status: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
	}
	if resp != nil {
		return &transport.UpgradeError{Subprotocols: splitHeader(resp.Header.Values("Sec-WebSocket-Protocol")), Err: scrub(err, rawURL)}
	}
	if cert := certificateError(err); cert != nil {
		return &transport.CertificateError{Err: scrub(cert, rawURL)}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &transport.NetworkError{Op: "dial", URL: redact.URL(rawURL), Err: scrub(err, rawURL)}
}

func certificateError(err error) error {
	var (
		verify   *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
	)
	switch {
	case errors.As(err, &verify):
		return verify
	case errors.As(err, &unknown):
		return unknown
	case errors.As(err, &hostname):
		return hostname
	case errors.As(err, &invalid):
		return invalid
	}
	return nil
}

// retryAfter parses a Retry-After value: delay-seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 || secs > 1<<31 {
			return 0
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

func splitHeader(values []string) []string {
	var out []string
	for _, v := range values {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// scrubbed carries an error whose text had credentials removed.
type scrubbed struct {
	msg string
	err error
}

func (s *scrubbed) Error() string { return s.msg }
func (s *scrubbed) Unwrap() error { return s.err }

func scrub(err error, rawURL string) error {
	if err == nil {
		return nil
	}
	msg := redact.Text(err.Error(), redact.Secrets(rawURL))
	if msg == err.Error() {
		return err
	}
	return &scrubbed{msg: msg, err: errors.Unwrap(err)}
}

// connError maps an error from coder/websocket on an open connection.
func connError(op string, err error, closedLocally bool) error {
	if errors.Is(err, websocket.ErrMessageTooBig) {
		return fmt.Errorf("%w: %w", transport.ErrMessageTooBig,
			&transport.CloseError{Code: transport.StatusMessageTooBig, Reason: "message too big"})
	}
	var ce websocket.CloseError
	if errors.As(err, &ce) {
		return &transport.CloseError{Code: int(ce.Code), Reason: ce.Reason, Remote: !closedLocally}
	}
	if closedLocally {
		return fmt.Errorf("%w: %s", transport.ErrClosed, op)
	}
	if ctxErr := contextError(err); ctxErr != nil {
		return ctxErr
	}
	return &transport.NetworkError{Op: op, Err: err}
}

func contextError(err error) error {
	switch {
	case errors.Is(err, context.Canceled):
		return context.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return context.DeadlineExceeded
	}
	return nil
}
