//go:build !js

package native

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/internal/redact"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/transport"
)

// dialError turns a failed handshake into a transport error without credentials.
func dialError(ctx context.Context, rawURL string, resp *http.Response, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		if w, ok := errors.AsType[*slotWaitError](err); ok {
			ctxErr = w // it says why the attempt never dialed
		}
		return &transport.NetworkError{Op: "dial", URL: redact.URL(rawURL), Err: ctxErr}
	}
	if resp != nil && resp.StatusCode != http.StatusSwitchingProtocols {
		return statusError(resp)
	}
	if resp != nil {
		return &wserr.UpgradeError{Subprotocols: splitHeader(resp.Header.Values("Sec-WebSocket-Protocol")), Err: scrub(err, rawURL)}
	}
	if cert := certificateError(err); cert != nil {
		return fmt.Errorf("%w: %w", transport.ErrCertificate, scrub(cert, rawURL))
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &transport.NetworkError{Op: "dial", URL: redact.URL(rawURL), Err: scrub(err, rawURL)}
}

// statusError reports a handshake answered with a status other than 101: a
// redirect (never followed) or a refusal.
func statusError(resp *http.Response) error {
	if resp.StatusCode >= 300 && resp.StatusCode <= 399 {
		return &transport.HandshakeError{Status: resp.StatusCode, Location: location(resp)}
	}
	return &transport.HandshakeError{Status: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
}

// location returns a response's Location, resolved against its request's URL,
// with credentials redacted.
func location(resp *http.Response) string {
	if resp.Header.Get("Location") == "" {
		return ""
	}
	u, err := resp.Location()
	if err != nil {
		return redact.Mask
	}
	return redact.URL(u.String())
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
	return certificateAlert(err)
}

// certificateAlerts are the TLS alerts (as crypto/tls words them) by which
// a server refuses the client's certificate (mutual TLS): retrying with the
// same certificate cannot help.
var certificateAlerts = []string{
	"tls: bad certificate", "tls: unsupported certificate", "tls: revoked certificate",
	"tls: expired certificate", "tls: unknown certificate", "tls: unknown certificate authority",
	"tls: certificate required",
}

// certificateAlert returns the server's TLS alert when it refused the
// client's certificate, else nil. crypto/tls reports a received alert as a
// *net.OpError "remote error" around an unexported type, so its text is
// what identifies it.
func certificateAlert(err error) error {
	var op *net.OpError
	if !errors.As(err, &op) || op.Op != "remote error" || op.Err == nil {
		return nil
	}
	if slices.Contains(certificateAlerts, op.Err.Error()) {
		return op
	}
	return nil
}

// maxRetryAfter is the longest Retry-After delay reported: a larger one, in
// seconds or as a date, saturates here (a policy caps it much lower anyway).
const maxRetryAfter = time.Duration(math.MaxInt64/int64(time.Second)) * time.Second

// retryAfter parses a Retry-After value: delay-seconds or an HTTP date. A
// delay too large for a time.Duration means maxRetryAfter; a value that is
// neither, or a date not after now, means zero.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if d, ok := delaySeconds(v); ok {
		return d
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return min(t.Sub(now), maxRetryAfter)
	}
	return 0
}

// delaySeconds parses delay-seconds (RFC 9110 §10.2.3: one or more digits),
// saturating at maxRetryAfter instead of overflowing.
func delaySeconds(v string) (time.Duration, bool) {
	const maxSecs = int64(maxRetryAfter / time.Second)
	var secs int64
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if secs <= maxSecs {
			secs = secs*10 + int64(c-'0')
		}
	}
	return time.Duration(min(secs, maxSecs)) * time.Second, true
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
		return fmt.Errorf("%w: %w", wserr.ErrMessageTooBig,
			&transport.CloseError{Code: transport.StatusMessageTooBig, Reason: "message too big"})
	}
	var ce websocket.CloseError
	if errors.As(err, &ce) && !utf8.ValidString(ce.Reason) {
		return fmt.Errorf("%w: %w", wserr.ErrInvalidUTF8,
			&transport.CloseError{Code: transport.StatusInvalidPayload, Reason: "invalid UTF-8 in close reason"})
	}
	if errors.As(err, &ce) {
		return &transport.CloseError{Code: int(ce.Code), Reason: ce.Reason, Remote: !closedLocally}
	}
	if closedLocally {
		return fmt.Errorf("%w: %s", wserr.ErrClosed, op)
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
