package parity

import (
	"bytes"
	"fmt"
	"strings"
)

// EventKind is what a target reported, reduced to what every target can say.
type EventKind int

const (
	// EvOpen: a connection opened (Proto: the agreed subprotocol).
	EvOpen EventKind = iota + 1
	// EvMessage: the server sent Msg.
	EvMessage
	// EvClose: an open connection ended with Code and Reason; Again: a
	// reconnect follows.
	EvClose
	// EvFail: an attempt failed before opening, for Category; Again: a retry follows.
	EvFail
)

// Event is one thing a target reported.
type Event struct {
	Kind     EventKind
	Proto    string
	Msg      Msg
	Code     int
	Reason   string
	Category string
	Again    bool
}

// Actions are what the driver asks of a target.
type Actions interface {
	// Send hands m to the client without waiting for it to be written.
	Send(m Msg) error
	// Release lets the server complete the handshake it holds for this run.
	Release() error
}

// Driver plays a scenario: it reacts to a target's events with the
// scenario's actions and writes down the normalised outcome.
type Driver struct {
	sc     Scenario
	tokens []string
	opens  int
	expect []Msg // sent on this connection (or queued for it), awaiting their echo
	got    []Msg
	// earlier are the messages sent for earlier connections: a client
	// re-sends those a lost connection left unconfirmed (at least once), so
	// their echoes may come again and are not the scenario's concern.
	earlier []Msg
	queued  bool
	done    bool
}

// NewDriver returns a driver for sc.
func NewDriver(sc Scenario) *Driver { return &Driver{sc: sc} }

// Done reports whether the outcome is known.
func (d *Driver) Done() bool { return d.done }

// Outcome returns the normalised outcome so far.
func (d *Driver) Outcome() string {
	return Compress(d.tokens)
}

// Unfinished marks the run as ended by its bound.
func (d *Driver) Unfinished() {
	if !d.done {
		d.add("unfinished")
		d.done = true
	}
}

// Note adds a token saying something the grammar has no word for (an
// error from the target's API, a process that exited).
func (d *Driver) Note(s string) { d.add(s) }

func (d *Driver) add(tok string) { d.tokens = append(d.tokens, tok) }

// Handle takes one event and performs what the scenario does in response.
func (d *Driver) Handle(ev Event, act Actions) {
	if d.done {
		return
	}
	switch ev.Kind {
	case EvOpen:
		d.open(ev, act)
	case EvMessage:
		d.message(ev.Msg)
	case EvClose:
		d.close(ev, act)
	case EvFail:
		d.add(fmt.Sprintf("fail %s, %s", ev.Category, again(ev.Again, "retry")))
		d.done = !ev.Again
	}
}

func (d *Driver) open(ev Event, act Actions) {
	tok := "open"
	if ev.Proto != "" {
		tok += " proto=" + ev.Proto
	}
	d.add(tok)
	d.opens++
	if d.opens <= len(d.sc.Plan) {
		for _, m := range MustMsgs(d.sc.Plan[d.opens-1]) {
			if err := act.Send(m); err != nil {
				d.add("send failed: " + oneLine(err.Error()))
				continue
			}
			d.expect = append(d.expect, m)
		}
	}
	d.checkDone()
}

func (d *Driver) message(m Msg) {
	if d.isResend(m) {
		return
	}
	if len(d.expect) == 0 {
		d.add("unexpected message " + describe([]Msg{m}))
		return
	}
	d.got = append(d.got, m)
	if len(d.got) < len(d.expect) {
		return
	}
	d.add(echoToken(d.expect, d.got))
	d.earlier = append(d.earlier, d.expect...)
	d.expect, d.got = nil, nil
	d.checkDone()
}

// isResend reports whether m is the echo of a re-sent earlier message
// rather than of the next one this connection awaits.
func (d *Driver) isResend(m Msg) bool {
	if len(d.got) < len(d.expect) && sameMsg(d.expect[len(d.got)], m) {
		return false
	}
	for _, e := range d.earlier {
		if sameMsg(e, m) {
			return true
		}
	}
	return false
}

func sameMsg(a, b Msg) bool { return a.Binary == b.Binary && bytes.Equal(a.Data, b.Data) }

func (d *Driver) checkDone() {
	if d.opens >= len(d.sc.Plan) && len(d.expect) == 0 {
		d.done = true
	}
}

func (d *Driver) close(ev Event, act Actions) {
	if len(d.expect) > 0 {
		d.add(fmt.Sprintf("echo incomplete: %d of %d", len(d.got), len(d.expect)))
		d.earlier = append(d.earlier, d.expect...)
		d.expect, d.got = nil, nil
	}
	tok := fmt.Sprintf("close %d", ev.Code)
	if ev.Reason != "" {
		tok += " " + ev.Reason
	}
	d.add(tok + ", " + again(ev.Again, "reconnect"))
	if !ev.Again {
		d.done = true
		return
	}
	if len(d.sc.WhileReconnecting) > 0 && !d.queued {
		d.queued = true
		d.queue(act)
	}
}

// queue hands the scenario's messages to the client while it is not open,
// then lets the server complete the handshake it holds.
func (d *Driver) queue(act Actions) {
	msgs := MustMsgs(d.sc.WhileReconnecting)
	var types []string
	for _, m := range msgs {
		if err := act.Send(m); err != nil {
			d.add("queue failed: " + oneLine(err.Error()))
			continue
		}
		d.expect = append(d.expect, m)
		types = append(types, m.typ())
	}
	if len(types) > 0 {
		d.add("queued " + strings.Join(types, ","))
	}
	if err := act.Release(); err != nil {
		d.add("harness: release: " + oneLine(err.Error()))
	}
}

func again(b bool, word string) string {
	if b {
		return word
	}
	return "final"
}

// echoToken describes what came back for what was sent.
func echoToken(sent, got []Msg) string {
	types := make([]string, len(sent))
	for i := range sent {
		types[i] = sent[i].typ()
	}
	for i := range sent {
		if sent[i].Binary != got[i].Binary || !bytes.Equal(sent[i].Data, got[i].Data) {
			return fmt.Sprintf("echo mismatch: sent %s, got %s", describe(sent), describe(got))
		}
	}
	return "echo " + strings.Join(types, ",")
}

func describe(ms []Msg) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		if m.Binary {
			parts[i] = fmt.Sprintf("binary %x", m.Data)
		} else {
			parts[i] = fmt.Sprintf("text %q", m.Data)
		}
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// Compress joins tokens with "; ", writing a token repeated in a row once
// with " ×N".
func Compress(tokens []string) string {
	var out []string
	for i := 0; i < len(tokens); {
		j := i + 1
		for j < len(tokens) && tokens[j] == tokens[i] {
			j++
		}
		if n := j - i; n > 1 {
			out = append(out, fmt.Sprintf("%s ×%d", tokens[i], n))
		} else {
			out = append(out, tokens[i])
		}
		i = j
	}
	return strings.Join(out, "; ")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
