package parity

import (
	"errors"
	"slices"
	"testing"
)

// recorder is an Actions that writes down what the driver asked for.
type recorder struct {
	calls []string
	fail  bool // Send fails
}

func (r *recorder) Send(m Msg) error {
	if r.fail {
		return errors.New("InvalidStateError")
	}
	r.calls = append(r.calls, "send "+m.typ()+" "+string(m.Data))
	return nil
}

func (r *recorder) Release() error {
	r.calls = append(r.calls, "release")
	return nil
}

func text(s string) Event { return Event{Kind: EvMessage, Msg: Msg{Data: []byte(s)}} }

func TestDriver(t *testing.T) {
	open := Event{Kind: EvOpen}
	echoPlan := Scenario{Plan: [][]string{{"text:a", "binary:0102"}}}
	twoOpens := Scenario{Plan: [][]string{{}, {"text:b"}}}
	queueing := Scenario{Plan: [][]string{{}, {}}, WhileReconnecting: []string{"text:q1", "text:q2"}}
	bin := Event{Kind: EvMessage, Msg: Msg{Binary: true, Data: []byte{1, 2}}}
	lost := Event{Kind: EvClose, Code: 1006, Again: true}
	retry := Event{Kind: EvFail, Category: "handshake 503", Again: true}
	tests := []struct {
		name      string
		sc        Scenario
		events    []Event
		sendFails bool
		want      string
		calls     []string
		done      bool
	}{
		{"echo", echoPlan, []Event{{Kind: EvOpen, Proto: "chat.v1"}, text("a"), bin},
			false, "open proto=chat.v1; echo text,binary", []string{"send text a", "send binary \x01\x02"}, true},
		{"echo out of order", echoPlan, []Event{open, bin, text("a")},
			false, `open; echo mismatch: sent [text "a" binary 0102], got [binary 0102 text "a"]`, nil, true},
		{"waits for the last planned open", twoOpens, []Event{open, {Kind: EvClose, Code: 4001, Reason: "bye", Again: true}, open},
			false, "open; close 4001 bye, reconnect; open", []string{"send text b"}, false},
		{"retries compressed", Scenario{Plan: [][]string{{"text:a"}}}, []Event{retry, retry, retry, open, text("a")},
			false, "fail handshake 503, retry ×3; open; echo text", nil, true},
		{"final failure ends the run", Scenario{Plan: [][]string{{"text:a"}}},
			[]Event{{Kind: EvFail, Category: "attempt"}, open},
			false, "fail attempt, final", []string{}, true},
		{"a re-send of an earlier message is not this connection's echo", Scenario{Plan: [][]string{{"text:a"}, {"text:b"}}},
			[]Event{open, text("a"), lost, open, text("a"), text("b")},
			false, "open; echo text; close 1006, reconnect; open; echo text", []string{"send text a", "send text b"}, true},
		{"an unexpected message is still reported", Scenario{Plan: [][]string{{"text:a"}, {"text:b"}}},
			[]Event{open, text("a"), lost, open, text("z"), text("b")},
			false, `open; echo text; close 1006, reconnect; open; echo mismatch: sent [text "b"], got [text "z"]`, []string{"send text a", "send text b"}, true},
		{"lost before the echo", echoPlan, []Event{open, text("a"), {Kind: EvClose, Code: 1006}},
			false, "open; echo incomplete: 1 of 2; close 1006, final", nil, true},
		{"queue while reconnecting, then release", queueing, []Event{open, lost, open, text("q1"), text("q2")},
			false, "open; close 1006, reconnect; queued text,text; open; echo text,text",
			[]string{"send text q1", "send text q2", "release"}, true},
		{"queue refused", queueing, []Event{open, lost, open},
			true, "open; close 1006, reconnect; queue failed: InvalidStateError ×2; open", []string{"release"}, true},
		{"unexpected message", twoOpens, []Event{open, text("x")},
			false, `open; unexpected message [text "x"]`, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := NewDriver(tc.sc)
			act := &recorder{fail: tc.sendFails}
			for _, ev := range tc.events {
				d.Handle(ev, act)
			}
			if got := d.Outcome(); got != tc.want {
				t.Errorf("outcome\n got  %s\n want %s", got, tc.want)
			}
			if tc.calls != nil && !slices.Equal(act.calls, tc.calls) {
				t.Errorf("calls %q, want %q", act.calls, tc.calls)
			}
			if d.Done() != tc.done {
				t.Errorf("done %v, want %v", d.Done(), tc.done)
			}
		})
	}
}

func TestAllowed(t *testing.T) {
	spec, err := LoadSpec()
	if err != nil {
		t.Fatal(err)
	}
	want := "fail handshake 503, retry ×3; open; echo text"
	if got := spec.Allowed(want, false); !slices.Equal(got, []string{want}) {
		t.Errorf("native: %q", got)
	}
	if got := spec.Allowed(want, true); !slices.Equal(got, []string{want, "fail attempt, retry ×3; open; echo text"}) {
		t.Errorf("js: %q", got)
	}
	if got := spec.Allowed("open; echo text", true); len(got) != 1 {
		t.Errorf("js, nothing to rewrite: %q", got)
	}
}

func TestParseServerLine(t *testing.T) {
	srv, err := ParseServerLine("ports 100 200 refused 300")
	if err != nil || !slices.Equal(srv.Ports, []int{100, 200}) || srv.Refused != 300 {
		t.Errorf("got %+v, %v", srv, err)
	}
	for _, bad := range []string{"", "ports refused 1", "ports 1 2", "ports x refused 1", "ports 1 refused 70000"} {
		if _, err := ParseServerLine(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}
