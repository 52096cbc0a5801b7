//go:build !js

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tetherws/tether/internal/negotiate"
	"github.com/tetherws/tether/internal/redact"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// timeLayout is RFC 3339 with nanoseconds, always nine digits.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// field is one key of a JSON event, in output order.
type field struct {
	key string
	val any
}

// printer writes events as JSON Lines or as human text. Safe for concurrent
// use: each event is written whole.
type printer struct {
	mu       sync.Mutex
	json     bool
	quiet    bool
	echoSent bool          // human mode: show "> text" for stdin lines too
	binary   binaryFormat  // how binary data shows (--binary hex: hex; else base64)
	attempt  time.Duration // the handshake timeout, named when an attempt runs out of it
	out, err io.Writer
	secrets  []string // credential substrings to scrub from free text
	sealed   bool     // the session is over: only the final verdict prints
	unsents  int      // unsent events printed
	now      func() time.Time
}

func newPrinter(cfg *connectConfig, sio stdio) *printer {
	return &printer{json: cfg.json, quiet: cfg.quiet, echoSent: !sio.inTTY, binary: cfg.binary,
		attempt: cfg.attemptTimeout(), out: sio.out, err: sio.err, secrets: cfg.secrets(), now: time.Now}
}

// attemptTimeout is what bounds each opening handshake: --handshake-timeout
// or the SDK's default.
func (c *connectConfig) attemptTimeout() time.Duration {
	if c.handshakeTimeout > 0 {
		return c.handshakeTimeout
	}
	return sdk.DefaultOptions().HandshakeTimeout
}

// secrets returns the credentials to scrub from free text (error messages,
// which the SDK already keeps free of them: this is a second line): those of
// the URL (redact.Secrets: every query value and the user info, when at least
// redact.MinSecretLen bytes long), every -H value but Host's and Origin's, and
// the -p credential entries.
func (c *connectConfig) secrets() []string {
	out := redact.Secrets(c.url)
	for name, values := range c.header {
		if name == "Origin" {
			continue
		}
		for _, v := range values {
			out = appendLong(out, v)
			if f := strings.Fields(v); len(f) > 1 { // "Bearer TOKEN": the token alone
				for _, w := range f[1:] {
					out = appendLong(out, w)
				}
			}
		}
	}
	for _, p := range c.subprotocols {
		if negotiate.IsCredential(p) {
			out = appendLong(out, p)
		}
	}
	for _, p := range c.credentials {
		out = appendLong(out, p)
	}
	slices.SortStableFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// appendLong appends s when it is long enough to be a credential.
func appendLong(out []string, s string) []string {
	if len(s) < redact.MinSecretLen || slices.Contains(out, s) {
		return out
	}
	return append(out, s)
}

// Where a human-readable event goes.
const (
	toOut    = iota // stdout: messages
	toStatus        // stderr, unless --quiet
	toAlert         // stderr always: errors no retry follows
	toNotice        // stderr even with --quiet, until sealed: input not sent
)

// emit writes one event: a JSON line on stdout, or human text.
func (p *printer) emit(event, human string, where int, fields ...field) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.sealed && where != toAlert:
	case p.json:
		_, _ = p.out.Write(jsonLine(event, p.now(), fields))
	case where == toOut:
		fmt.Fprintln(p.out, human)
	case where == toAlert || where == toNotice || !p.quiet:
		fmt.Fprintln(p.err, "tether: "+human)
	}
}

// seal drops every later event except final errors: late callbacks and
// goroutines must not print after the session's last word.
func (p *printer) seal() {
	p.mu.Lock()
	p.sealed = true
	p.mu.Unlock()
}

// jsonLine encodes an event with "event" and "time" first.
func jsonLine(event string, t time.Time, fields []field) []byte {
	all := append([]field{{"event", event}, {"time", t.Format(timeLayout)}}, fields...)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	out := []byte{'{'}
	for i, f := range all {
		if i > 0 {
			out = append(out, ',')
		}
		b.Reset()
		_ = enc.Encode(f.key)
		out = append(out, bytes.TrimSpace(b.Bytes())...)
		out = append(out, ':')
		b.Reset()
		_ = enc.Encode(f.val)
		out = append(out, bytes.TrimSpace(b.Bytes())...)
	}
	return append(out, '}', '\n')
}

// scrub removes credentials of the dialled URL from free text.
func (p *printer) scrub(s string) string { return scrubText(s, p.secrets) }

// errText is err's text without credentials. An error of kind timeout is an
// opening handshake that ran out of time (the only deadline the client sets;
// --timeout is reported on its own): it says so.
func (p *printer) errText(err error) string {
	if err == nil {
		return ""
	}
	text := err.Error()
	if errorKind(err) == "timeout" {
		text += fmt.Sprintf(" (no handshake answer within %s, --handshake-timeout)", p.attempt)
	}
	return p.scrub(text)
}

// messageFields renders a data message for JSON and for humans; binary data
// in format (base64, or hex with --binary hex).
func messageFields(m transport.Message, format binaryFormat) (human string, fields []field) {
	if m.Type == transport.Binary {
		data := format.encode(m.Data)
		return fmt.Sprintf("[binary %d bytes] %s", len(m.Data), data),
			[]field{{"type", "binary"}, {"data", data}}
	}
	return m.Text(), []field{{"type", "text"}, {"data", m.Text()}}
}

func (p *printer) message(m transport.Message) {
	human, fields := messageFields(m, p.binary)
	p.emit("message", "< "+human, toOut, fields...)
}

// sending shows humans "> text" before the message is written, so it always
// precedes the reply; lines they typed on a terminal are on the screen
// already. JSON reports "sent" once written instead (see sent).
func (p *printer) sending(m transport.Message, typed bool) {
	if p.json || (typed && !p.echoSent) {
		return
	}
	human, _ := messageFields(m, p.binary)
	p.emit("sent", "> "+human, toOut)
}

// sent reports, in JSON, a message written to the socket.
func (p *printer) sent(m transport.Message) {
	if !p.json {
		return
	}
	_, fields := messageFields(m, p.binary)
	p.emit("sent", "", toOut, fields...)
}

// unsent reports a message handed back (err says why): maybe delivered
// (written, not confirmed: err wraps sdk.ErrMaybeDelivered) or never sent.
// It shows even with --quiet: a loss is never silent.
func (p *printer) unsent(m transport.Message, err error) {
	human, fields := messageFields(m, p.binary)
	text, maybe, why := p.errText(err), errors.Is(err, sdk.ErrMaybeDelivered), "never sent"
	if maybe {
		why = "maybe delivered, not confirmed"
	}
	p.emit("unsent", fmt.Sprintf("unsent (%s): %s: %s", why, human, strings.TrimPrefix(text, "tether: ")), toNotice,
		append([]field{{"count", 1}}, append(fields, field{"maybe_delivered", maybe}, field{"error", text})...)...)
	p.mu.Lock()
	p.unsents++
	p.mu.Unlock()
}

// unsentCount is how many unsent events were printed.
func (p *printer) unsentCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.unsents
}

// failure reports an error: final means no retry follows.
func (p *printer) failure(err error, kind string, final bool) {
	text, where := p.errText(err), toStatus
	if final {
		where = toAlert
	}
	p.emit("error", fmt.Sprintf("error (%s): %s", kind, strings.TrimPrefix(text, "tether: ")), where,
		field{"error", text}, field{"kind", kind}, field{"final", final})
}

// inputError reports input that is not sent (a stdin line that does not
// decode); the session goes on. It shows even with --quiet.
func (p *printer) inputError(text string) {
	p.emit("error", "error (input): "+strings.TrimPrefix(text, "tether: "), toNotice,
		field{"error", text}, field{"kind", "input"}, field{"final", false})
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
