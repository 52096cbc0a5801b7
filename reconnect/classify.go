package reconnect

import (
	"context"
	"errors"
	"time"

	"github.com/tetherws/tether/internal/errfmt"
)

// Verdict is a retry classification: whether an error is worth another attempt,
// and any constraint on the delay before it. The zero Verdict means "stop", with
// no reason given.
type Verdict struct {
	// Retry reports whether to try again. Zero (false): stop.
	Retry bool
	// Reason says why, in words fit for a log line or an event, for example
	// "close 1008 (policy violation) is permanent". Zero (""): no reason given.
	Reason string
	// MinDelay is the shortest delay the server asked for (Retry-After on HTTP 429
	// and 503), as reported, before [Policy.MaxRetryAfter] caps it. The delay used is
	// never shorter than the backoff delay. Zero: no constraint.
	MinDelay time.Duration
	// Factor multiplies the backoff delay for this attempt (close 1013, try again
	// later). Zero, or any value at most 1: the delay is left unchanged.
	Factor float64
}

// The method sets by which errors are recognised. They are local so that this
// package imports no transport: any error in the chain that has them is used.
type (
	closeCoder interface {
		CloseCode() int
		FromPeer() bool
	}
	handshakeStatuser interface {
		HandshakeStatus() int
		RetryAfterHint() time.Duration
	}
	retryabler interface{ Retryable() bool }
)

// Classify is the built-in retry classification (the table is in the package
// documentation). It walks err's whole chain with errors.Is and errors.As, so
// wrapped errors are classified by what they wrap. For close 1013 the verdict's
// Factor is DefaultTryAgainLaterFactor; a [Schedule] uses its Policy's
// TryAgainLaterFactor instead. MinDelay is the server's Retry-After, not yet capped.
func Classify(err error) Verdict {
	return classify(err, DefaultTryAgainLaterFactor)
}

func classify(err error, tryAgainLaterFactor float64) Verdict {
	if err == nil {
		return retry("connection lost without an error")
	}
	if errors.Is(err, context.Canceled) {
		return Verdict{Reason: "canceled by the caller"}
	}
	var r retryabler
	if errors.As(err, &r) {
		if r.Retryable() {
			return retry("the error reports itself as retryable")
		}
		return Verdict{Reason: "the error reports itself as permanent"}
	}
	var c closeCoder
	if errors.As(err, &c) {
		return classifyClose(c.CloseCode(), c.FromPeer(), tryAgainLaterFactor)
	}
	var h handshakeStatuser
	if errors.As(err, &h) {
		return classifyHandshake(h.HandshakeStatus(), h.RetryAfterHint())
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return retry("connect attempt timed out")
	}
	return retry("network or unclassified error")
}

func classifyClose(code int, fromPeer bool, factor float64) Verdict {
	what := errfmt.Sprintf("close %d (%s)", code, closeName(code))
	switch {
	case code == 1000 && fromPeer:
		return Verdict{Reason: what + " from the server is final"}
	case code == 1000:
		return retry(what + " sent by this client, not the server, is retried")
	case code == 1013:
		return Verdict{Retry: true, Reason: what + " is transient; waiting longer", Factor: factor}
	case code == 1001, code == 1005, code == 1006, code == 1011, code == 1012, code == 1014:
		return retry(what + " is transient")
	case code == 1002, code == 1003, code >= 1007 && code <= 1010:
		return Verdict{Reason: what + " is permanent"}
	case code >= 3000 && code <= 4999:
		return retry(what + " is retried by default; use Policy.ShouldRetry to make it final")
	}
	return retry(what + " is retried by default")
}

func classifyHandshake(status int, retryAfter time.Duration) Verdict {
	what := errfmt.Sprintf("handshake rejected with HTTP %d", status)
	switch {
	case status == 429, status == 503:
		v := retry(what + " is transient")
		if retryAfter > 0 {
			v.MinDelay = retryAfter
			v.Reason = errfmt.Sprintf("%s; server asked to retry after %s", what, retryAfter)
		}
		return v
	case status == 408, status >= 500 && status <= 599:
		return retry(what + " is transient")
	case status >= 400 && status <= 499:
		return Verdict{Reason: what + " is permanent"}
	}
	return retry(what + " is unexpected; retried by default")
}

func retry(reason string) Verdict { return Verdict{Retry: true, Reason: reason} }

// closeName mirrors the IANA names; it is local so the package needs no import.
func closeName(code int) string {
	switch code {
	case 1000:
		return "normal closure"
	case 1001:
		return "going away"
	case 1002:
		return "protocol error"
	case 1003:
		return "unsupported data"
	case 1005:
		return "no status"
	case 1006:
		return "abnormal closure"
	case 1007:
		return "invalid payload"
	case 1008:
		return "policy violation"
	case 1009:
		return "message too big"
	case 1010:
		return "mandatory extension"
	case 1011:
		return "internal error"
	case 1012:
		return "service restart"
	case 1013:
		return "try again later"
	case 1014:
		return "bad gateway"
	case 1015:
		return "TLS handshake"
	}
	switch {
	case code >= 3000 && code <= 3999:
		return "registered"
	case code >= 4000 && code <= 4999:
		return "application"
	}
	return "unknown"
}
