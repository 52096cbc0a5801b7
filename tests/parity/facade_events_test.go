//go:build unix

package parity

// facadeEvent is one Listener call of the mobile facade or one JSON event
// of the CLI, by name.
type facadeEvent struct {
	name         string // open, message, error, reconnecting, close
	proto        string
	msg          Msg
	code         int
	reason       string
	kind, errMsg string
	final        bool
}

// errorTranslator turns facade events, which report a failure as an error
// followed by a reconnect or a final close, into driver events.
type errorTranslator struct {
	open       bool
	afterClose bool // a lost connection with a reconnect to follow came last
	kind, msg  string
}

func (t *errorTranslator) translate(ev facadeEvent) (Event, bool) {
	switch ev.name {
	case "open":
		t.open, t.afterClose = true, false
		return Event{Kind: EvOpen, Proto: ev.proto}, true
	case "message":
		return Event{Kind: EvMessage, Msg: ev.msg}, true
	case "error":
		if !t.open {
			t.kind, t.msg = ev.kind, ev.errMsg
		}
	case "reconnecting":
		if t.afterClose {
			t.afterClose = false
			return Event{}, false
		}
		if ev.kind != "" { // the CLI says why in the reconnecting event too
			t.kind, t.msg = ev.kind, ev.errMsg
		}
		return Event{Kind: EvFail, Category: CategoryOf(t.kind, t.msg), Again: true}, true
	case "close":
		if t.open {
			t.open, t.afterClose = false, !ev.final
			return Event{Kind: EvClose, Code: ev.code, Reason: ev.reason, Again: !ev.final}, true
		}
		if ev.final {
			return Event{Kind: EvFail, Category: CategoryOf(t.kind, t.msg)}, true
		}
	case "final-error":
		if !t.open {
			return Event{Kind: EvFail, Category: CategoryOf(ev.kind, ev.errMsg)}, true
		}
	}
	return Event{}, false
}
