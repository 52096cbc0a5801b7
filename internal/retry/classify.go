package retry

import (
	"context"
	"errors"
	"time"

	"github.com/tetherws/tether/internal/closecode"
	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/reconnect"
	"github.com/tetherws/tether/subprotocol"
	"github.com/tetherws/tether/transport"
)

// retryabler is an error that decides for itself (the sdk's mistakes in
// Options are final); the transports' and negotiation's errors are
// recognised by their types.
type retryabler interface {
	error
	Retryable() bool
}

// Classify is the built-in retry classification (the table is in the reconnect
// package documentation). It walks err's whole chain with errors.Is and
// errors.As, so wrapped errors are classified by what they wrap. For close 1013
// the verdict's Factor is tryAgainLaterFactor. MinDelay is the server's
// Retry-After, not yet capped.
func Classify(err error) reconnect.Verdict {
	if err == nil {
		return retryFor("connection lost without an error")
	}
	if errors.Is(err, context.Canceled) {
		return reconnect.Verdict{Reason: "canceled by the caller"}
	}
	if v, ok := classifyFinal(err); ok {
		return v
	}
	if c, ok := errors.AsType[*transport.CloseError](err); ok {
		return classifyClose(c.Code, c.Remote, tryAgainLaterFactor)
	}
	if h, ok := errors.AsType[*transport.HandshakeError](err); ok {
		return classifyHandshake(h.Status, h.RetryAfter)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return retryFor("connect attempt timed out")
	}
	return retryFor("network or unclassified error")
}

func classifyClose(code int, fromPeer bool, factor float64) reconnect.Verdict {
	what := errfmt.Sprintf("close %d (%s)", code, closecode.Name(code))
	switch {
	case code == 1000 && fromPeer:
		return reconnect.Verdict{Reason: what + " from the server is final"}
	case code == 1000:
		return retryFor(what + " sent by this client, not the server, is retried")
	case code == 1013:
		return reconnect.Verdict{Retry: true, Reason: what + " is transient; waiting longer", Factor: factor}
	case code == 1001, code == 1005, code == 1006, code == 1011, code == 1012, code == 1014:
		return retryFor(what + " is transient")
	case code == 1002, code == 1003, code >= 1007 && code <= 1010:
		return reconnect.Verdict{Reason: what + " is permanent"}
	case code >= 3000 && code <= 4999:
		return retryFor(what + " is retried by default; use Policy.ShouldRetry to make it final")
	}
	return retryFor(what + " is retried by default")
}

func classifyHandshake(status int, retryAfter time.Duration) reconnect.Verdict {
	what := errfmt.Sprintf("handshake rejected with HTTP %d", status)
	switch {
	case status == 429, status == 503:
		v := retryFor(what + " is transient")
		if retryAfter > 0 {
			v.MinDelay = retryAfter
			v.Reason = errfmt.Sprintf("%s; server asked to retry after %s", what, retryAfter)
		}
		return v
	case status == 408, status >= 500 && status <= 599:
		return retryFor(what + " is transient")
	case status >= 300 && status <= 399:
		return reconnect.Verdict{Reason: what + ": redirects are never followed"}
	case status >= 400 && status <= 499:
		return reconnect.Verdict{Reason: what + " is permanent"}
	}
	return retryFor(what + " is unexpected; retried by default")
}

// retryFor is a verdict to retry, for reason.
func retryFor(reason string) reconnect.Verdict {
	return reconnect.Verdict{Retry: true, Reason: reason}
}

// classifyFinal recognises the errors that retrying cannot fix: a
// certificate the client does not trust, a redirect (never followed), a
// subprotocol the negotiation rejects, and errors that decide for
// themselves (retryabler).
func classifyFinal(err error) (reconnect.Verdict, bool) {
	if r, ok := errors.AsType[retryabler](err); ok {
		if r.Retryable() {
			return retryFor("the error reports itself as retryable"), true
		}
		return reconnect.Verdict{Reason: "the error reports itself as permanent"}, true
	}
	_, mismatch := errors.AsType[*subprotocol.MismatchError](err)
	switch {
	case errors.Is(err, transport.ErrCertificate):
		return reconnect.Verdict{Reason: "the server's TLS certificate is not trusted"}, true
	case mismatch:
		return reconnect.Verdict{Reason: "the subprotocol negotiation failed"}, true
	}
	return reconnect.Verdict{}, false
}
