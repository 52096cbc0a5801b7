package sdk

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tetherws/tether/subprotocol"
)

func TestSubprotocolNegotiation(t *testing.T) {
	base := testServerURL(t)
	cases := []struct {
		name     string
		path     string
		offer    []string
		required bool
		want     string
		mismatch bool
	}{
		{"first supported in client order", "/echo", []string{"chat.v1", "chat.v2"}, false, "chat.v1", false},
		{"skips unsupported", "/echo", []string{"x", "chat.v2"}, true, "chat.v2", false},
		{"none offered", "/echo", nil, false, "", false},
		{"none selected, optional", "/subprotocol/none", []string{"chat.v2"}, false, "", false},
		{"none selected, required", "/subprotocol/none", []string{"chat.v2"}, true, "", true},
		{"not offered", "/subprotocol/bogus", []string{"chat.v2"}, false, "", true},
		{"two values", "/subprotocol/multi", []string{"a", "b"}, false, "", true},
		{"case differs", "/subprotocol/select?proto=CHAT", []string{"chat"}, false, "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := noReconnect()
			o.Subprotocols, o.RequireSubprotocol = c.offer, c.required
			cl, err := Dial(testCtx(t), base+c.path, o)
			if c.mismatch || (browserRequiresSelection(c.offer) && c.want == "") {
				checkMismatch(t, err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer cl.Close()
			if got := cl.Subprotocol(); got != c.want {
				t.Fatalf("Subprotocol = %q, want %q", got, c.want)
			}
		})
	}
}

// checkMismatch accepts a subprotocol.MismatchError, or in browsers, which refuse a
// bad answer themselves, the 1006 close they report instead.
func checkMismatch(t *testing.T, err error) {
	t.Helper()
	var se *subprotocol.MismatchError
	if errors.As(err, &se) && errors.Is(err, ErrSubprotocolMismatch) {
		return
	}
	if isBrowserHandshakeFailure(err) {
		return
	}
	t.Fatalf("err = %v, want subprotocol.MismatchError", err)
}

func TestSubprotocolCredentialNeverLeaks(t *testing.T) {
	o := noReconnect()
	o.Subprotocols = []string{"chat.v2"}
	o.SubprotocolCredentials = []string{"base64url.bearer.authorization.k8s.io.c2VjcmV0"}
	_, err := Dial(testCtx(t), testServerURL(t)+"/subprotocol/select?proto=base64url.bearer.authorization.k8s.io.c2VjcmV0", o)
	if err == nil {
		t.Fatal("the credential entry was accepted as the selected protocol")
	}
	if strings.Contains(err.Error(), "c2VjcmV0") {
		t.Fatalf("error leaks the credential: %v", err)
	}
}

// browserRequiresSelection reports the one place browsers differ: a JavaScript
// WebSocket fails the connection when protocols were offered and the server
// selected none, whatever RequireSubprotocol says.
func browserRequiresSelection(offer []string) bool { return !protocolPings && len(offer) > 0 }

// TestReconnectReportsTheSubprotocolItReplaced: when a reconnect agrees a
// different subprotocol (here the second attempt offers another one), its
// OpenEvent says which one the previous connection had.
func TestReconnectReportsTheSubprotocolItReplaced(t *testing.T) {
	base, key := testServerURL(t), "subprotocol-changed"
	rec := newRecorder()
	o := rec.attach(fastReconnect())
	o.Subprotocols = []string{"chat.v2"}
	o.BeforeDial = func(_ context.Context, attempt int, p DialParams) (DialParams, error) {
		if attempt > 1 {
			p.Subprotocols = []string{"chat.v1"}
		}
		return p, nil
	}
	c := dialT(t, base+"/echo?key="+key, o)
	if got := c.Subprotocol(); got != "chat.v2" {
		t.Fatalf("first Subprotocol = %q, want chat.v2", got)
	}
	serverAct(t, base, "drop", key, "")
	ev := rec.waitFor(t, "the reconnect", isReopen).(OpenEvent)
	if ev.Subprotocol != "chat.v1" || ev.PreviousSubprotocol != "chat.v2" {
		t.Fatalf("reopen: Subprotocol %q, PreviousSubprotocol %q; want chat.v1 after chat.v2", ev.Subprotocol, ev.PreviousSubprotocol)
	}
}
