//go:build unix

package peers

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/subprotocol"
	"github.com/tetherws/tether/transport"
)

// testSubprotocolAgreed offers chat.v2 then chat.v1 to a server that supports
// only chat.v1: the client agrees on chat.v1 and reports it.
func testSubprotocolAgreed(t *testing.T, base string) {
	r := newRecorder()
	o := r.attach(&sdk.Options{Subprotocols: []string{"chat.v2", "chat.v1"}, RequireSubprotocol: true})
	c := dial(t, base+"/echo", o)
	if got := c.Subprotocol(); got != "chat.v1" {
		t.Fatalf("Subprotocol() = %q, want chat.v1", got)
	}
	if ev := waitFor[sdk.OpenEvent](t, r, nil); ev.Subprotocol != "chat.v1" || ev.Reconnect {
		t.Fatalf("OpenEvent %+v, want the first open with chat.v1", ev)
	}
	roundTrip(t, c, transport.TextMessage("hello chat.v1"))
}

// testSubprotocolNone offers only protocols the server lacks, without
// requiring one: the server selects none and the connection works.
func testSubprotocolNone(t *testing.T, base string) {
	c := dial(t, base+"/echo", &sdk.Options{Subprotocols: []string{"chat.v9"}})
	if got := c.Subprotocol(); got != "" {
		t.Fatalf("Subprotocol() = %q, want none", got)
	}
	roundTrip(t, c, transport.TextMessage("no subprotocol"))
}

// testSubprotocolRequired requires a subprotocol the server lacks: Dial fails
// with a *SubprotocolError, after one attempt although RetryFirstDial asks to
// retry failures (a mismatch is permanent).
func testSubprotocolRequired(t *testing.T, base string) {
	r := newRecorder()
	o := r.attach(&sdk.Options{Subprotocols: []string{"chat.v9"}, RequireSubprotocol: true})
	o.Reconnect = fastReconnect()
	o.Reconnect.RetryFirstDial = true
	ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
	defer cancel()
	c, err := sdk.Dial(ctx, base+"/echo", o)
	if err == nil {
		_ = c.Close()
		t.Fatalf("Dial succeeded with subprotocol %q, want a mismatch", c.Subprotocol())
	}
	var se *subprotocol.MismatchError
	if !errors.Is(err, sdk.ErrSubprotocolMismatch) || !errors.As(err, &se) {
		t.Fatalf("Dial error = %v (%T), want a *SubprotocolError", err, err)
	}
	if !slices.Equal(se.Offered, []string{"chat.v9"}) || len(se.Selected) != 0 || !strings.Contains(se.Reason, "required") {
		t.Fatalf("SubprotocolError %+v, want offered [chat.v9], none selected, required", se)
	}
	if n := len(all[sdk.ConnectingEvent](r)); n != 1 {
		t.Fatalf("%d connection attempts, want 1 (a mismatch is not retried); events:%s", n, r)
	}
	if n := len(all[sdk.ReconnectingEvent](r)); n != 0 {
		t.Fatalf("%d ReconnectingEvents, want none; events:%s", n, r)
	}
}
