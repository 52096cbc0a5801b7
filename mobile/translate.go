//go:build !js

package mobile

import (
	"context"
	"errors"

	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// translator turns one session's sdk event stream into Listener calls. It is
// owned by the session's Listener goroutine.
type translator struct {
	s         *session
	closing   bool            // the sdk.Client is closing
	ended     bool            // why it gave up was reported
	final     *sdk.CloseEvent // the last connection's CloseEvent, when no reconnect followed it
	lastCause error           // the error reported last, so a cause is reported once
}

// run is the session's Listener goroutine. It waits for the previous
// session's goroutine, so sessions report in order, then takes the stream one
// entry at a time: while a Listener method runs nothing more is taken, so a
// slow Listener fills the sdk.Client's bounded receive buffer and then slows
// the socket instead of growing memory.
func (s *session) run() {
	defer close(s.done)
	if s.prev != nil {
		<-s.prev
	}
	t := &translator{s: s}
	if s.cl == nil {
		t.finish(endStatus{code: 1006, cause: s.err})
		return
	}
	var cause error
	for {
		ev, err := s.cl.Next(context.Background())
		if err != nil {
			break
		}
		if sc, ok := ev.(sdk.StateChangeEvent); ok && sc.To == sdk.Closed {
			cause = sc.Cause // nil after Close: stop says why
		}
		t.translate(ev)
	}
	t.finish(t.endStatus(cause))
}

func (t *translator) translate(ev sdk.Event) {
	switch e := ev.(type) {
	case transport.Message:
		t.message(e)
	case sdk.OpenEvent:
		t.lastCause = nil
		reconnect := t.s.owner.opened.Swap(true)
		t.call(func(l Listener) { l.OnOpen(e.Subprotocol, reconnect) })
	case sdk.CloseEvent:
		t.connectionClosed(e)
	case sdk.ReconnectingEvent:
		t.report(e.Cause)
		t.lastCause = nil // the next failure is a new one
		attempt, delay := int64(e.Attempt), e.Delay.Milliseconds()
		t.call(func(l Listener) { l.OnReconnecting(attempt, delay) })
	case sdk.UnsentEvent:
		t.unsent(e)
	case sdk.StateChangeEvent:
		t.stateChanged(e)
	}
}

// connectionClosed reports a connection's end. When the client reconnects
// (not Final) that is OnError and OnClose(isFinal false); a final one waits
// for the end of the stream, which says whether it was Close or a failure.
func (t *translator) connectionClosed(e sdk.CloseEvent) {
	if e.Final {
		t.final = &e
		return
	}
	t.report(e.Cause)
	code, reason := int64(e.Code), e.Reason
	t.call(func(l Listener) { l.OnClose(code, reason, false) })
}

// stateChanged reports a failure as soon as the client starts closing for it,
// before the messages it hands back.
func (t *translator) stateChanged(e sdk.StateChangeEvent) {
	if e.To != sdk.Closing || t.closing {
		return
	}
	t.closing = true
	if e.Cause != nil {
		t.reportEnd(e.Cause)
	}
}

// endStatus says how the session ended: cause is the Closed event's, nil
// when stop closed the client.
func (t *translator) endStatus(cause error) endStatus {
	if cause == nil {
		return t.s.stopStatus()
	}
	t.reportEnd(cause)
	if f := t.final; f != nil {
		return endStatus{code: f.Code, reason: f.Reason}
	}
	var ce *transport.CloseError
	if errors.As(cause, &ce) {
		return endStatus{code: ce.Code, reason: ce.Reason}
	}
	return endStatus{code: 1006}
}

// reportEnd reports why the client gave up: the last connection's cause, if
// it ended the session, then the client's.
func (t *translator) reportEnd(cause error) {
	if t.ended {
		return
	}
	t.ended = true
	if t.final != nil {
		t.report(t.final.Cause)
	}
	t.report(cause)
}

// finish reports st, lets a new session start and delivers the final OnClose.
func (t *translator) finish(st endStatus) {
	t.report(st.cause)
	t.s.owner.retire(t.s)
	t.call(func(l Listener) { l.OnClose(int64(st.code), st.reason, true) })
}

// report calls OnError for cause unless it was just reported.
func (t *translator) report(cause error) {
	if cause == nil || (t.lastCause != nil && errors.Is(cause, t.lastCause)) {
		return
	}
	t.lastCause = cause
	kind, msg := ErrorKindOf(cause), readable(cause).Error()
	t.call(func(l Listener) { l.OnError(kind, msg) })
}

func (t *translator) message(m transport.Message) {
	if m.Type == transport.Binary {
		t.call(func(l Listener) { l.OnBinaryMessage(m.Data) })
		return
	}
	text := m.Text()
	t.call(func(l Listener) { l.OnMessage(text) })
}

// unsent hands back e's messages to Listener.OnUnsent, one call per
// message, each with the event's reason.
func (t *translator) unsent(e sdk.UnsentEvent) {
	maybe := errors.Is(e.Err, sdk.ErrMaybeDelivered)
	kind, msg := ErrorKindOf(e.Err), ""
	if e.Err != nil {
		msg = readable(e.Err).Error()
	}
	for _, m := range e.Messages {
		bin, text, data := m.Type == transport.Binary, "", m.Data
		if !bin {
			text, data = m.Text(), nil
		}
		t.call(func(l Listener) { l.OnUnsent(bin, text, data, maybe, kind, msg) })
	}
}

// call runs one Listener method on this goroutine.
func (t *translator) call(f func(Listener)) {
	c := t.s.owner
	c.calls.run(func() { f(c.listener) })
}
