//go:build !js

package testserver

import (
	"fmt"
	"net/url"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/coder/websocket"
)

// Limits on query parameter values.
const (
	maxMillis    = 3_600_000 // one hour, for every *_after, *_every and delay_ms
	maxRetry     = 86_400    // one day, for retry_after
	maxCount     = 1_000_000 // fail_first, accept_then_close
	maxKeyLen    = 128
	maxProtoLen  = 256
	maxReasonLen = 123 // a close frame's payload is at most 125 bytes
)

// script is the behaviour a /echo or /chaos request asks for. Zero durations and
// counts mean "off".
type script struct {
	key             string
	dropAfter       time.Duration
	closeAfter      time.Duration
	blackholeAfter  time.Duration
	pingEvery       time.Duration
	delay           time.Duration
	code            websocket.StatusCode
	reason          string
	status          int
	retryAfter      int // -1: no Retry-After header
	appPing         bool
	slowRead        bool
	hold            bool
	failFirst       int
	acceptThenClose int
}

// params reads query parameters strictly: the first bad value is kept in err and
// every later read is a no-op. Parameters it does not know are ignored, so URLs may
// carry extra ones (tokens, cache busters).
type params struct {
	q   url.Values
	err error
}

// value returns the single value of name and whether it was given.
func (p *params) value(name string) (string, bool) {
	vs, ok := p.q[name]
	if !ok || p.err != nil {
		return "", false
	}
	if len(vs) != 1 {
		p.err = fmt.Errorf("query parameter %s: given %d times, want once", name, len(vs))
		return "", false
	}
	return vs[0], true
}

// int reads an integer in [lo, hi]; def when absent.
func (p *params) int(name string, lo, hi, def int) int {
	s, ok := p.value(name)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		p.err = fmt.Errorf("query parameter %s=%q: want an integer from %d to %d", name, s, lo, hi)
		return def
	}
	return n
}

func (p *params) millis(name string) time.Duration {
	return time.Duration(p.int(name, 0, maxMillis, 0)) * time.Millisecond
}

func (p *params) flag(name string) bool {
	s, ok := p.value(name)
	if !ok {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		p.err = fmt.Errorf("query parameter %s=%q: want 1, 0, true or false", name, s)
	}
	return b
}

// text reads a printable UTF-8 string of at most max bytes.
func (p *params) text(name string, max int, def string) string {
	s, ok := p.value(name)
	if !ok {
		return def
	}
	if len(s) > max || !printable(s) {
		p.err = fmt.Errorf("query parameter %s: want printable UTF-8 of at most %d bytes", name, max)
		return def
	}
	return s
}

func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}

// parseScript reads the parameters of /echo and /chaos.
func parseScript(q url.Values) (script, error) {
	p := &params{q: q}
	sc := script{
		key:             p.text("key", maxKeyLen, ""),
		dropAfter:       p.millis("drop_after"),
		closeAfter:      p.millis("close_after"),
		blackholeAfter:  p.millis("blackhole_after"),
		pingEvery:       p.millis("server_ping_every"),
		delay:           p.millis("delay_ms"),
		reason:          p.text("reason", maxReasonLen, ""),
		status:          p.int("status", 200, 599, 0),
		retryAfter:      p.int("retry_after", 0, maxRetry, -1),
		appPing:         p.flag("app_ping"),
		slowRead:        p.flag("slow_read"),
		hold:            p.flag("hold"),
		failFirst:       p.int("fail_first", 0, maxCount, 0),
		acceptThenClose: p.int("accept_then_close", 0, maxCount, 0),
	}
	sc.code = websocket.StatusCode(p.int("code", 1000, 4999, 0))
	if p.err != nil {
		return script{}, p.err
	}
	return sc, sc.check()
}

// check rejects combinations that cannot mean what the caller wanted.
func (sc *script) check() error {
	switch {
	case sc.code != 0 && !sendableCode(sc.code):
		return fmt.Errorf("query parameter code=%d: not a close code that can be sent", sc.code)
	case (sc.code != 0 || sc.reason != "") && sc.closeAfter == 0 && sc.acceptThenClose == 0:
		return fmt.Errorf("query parameters code and reason need close_after or accept_then_close")
	case sc.retryAfter >= 0 && sc.status == 0 && sc.failFirst == 0:
		return fmt.Errorf("query parameter retry_after needs status or fail_first")
	case sc.slowRead && (sc.hold || sc.appPing || sc.delay > 0):
		return fmt.Errorf("query parameter slow_read excludes hold, app_ping and delay_ms (nothing is read)")
	}
	if sc.failFirst > 0 && sc.status == 0 {
		sc.status = 503
	}
	return nil
}

// sendableCode reports whether code may appear in a close frame (RFC 6455 7.4).
func sendableCode(code websocket.StatusCode) bool {
	switch {
	case code >= 3000 && code <= 4999:
		return true
	case code < 1000 || code > 1014:
		return false
	}
	return code != 1004 && code != 1005 && code != 1006
}

// rejects reports whether handshake number n (1-based, per key) is to be refused.
func (sc *script) rejects(n int) bool {
	if sc.status == 0 {
		return false
	}
	return sc.failFirst == 0 || n <= sc.failFirst
}

// parseReject reads the parameters of /reject: status defaults to 400.
func parseReject(q url.Values) (script, error) {
	p := &params{q: q}
	sc := script{
		key:        p.text("key", maxKeyLen, ""),
		status:     p.int("status", 200, 599, 400),
		retryAfter: p.int("retry_after", 0, maxRetry, -1),
	}
	return sc, p.err
}

// parseProto reads proto (and key) for the hand-written handshake routes.
func parseProto(q url.Values, def string) (key, proto string, err error) {
	p := &params{q: q}
	key = p.text("key", maxKeyLen, "")
	proto = p.text("proto", maxProtoLen, def)
	if p.err == nil && proto == "" {
		p.err = fmt.Errorf("query parameter proto: must not be empty")
	}
	return key, proto, p.err
}

// parseKey reads only key, for routes with no other parameters.
func parseKey(q url.Values) (string, error) {
	p := &params{q: q}
	key := p.text("key", maxKeyLen, "")
	return key, p.err
}
