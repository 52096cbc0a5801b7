package sdk

import (
	"errors"
	"strings"
	"testing"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/subprotocol"
	"github.com/tetherws/tether/transport"
)

// TestDialInvalidProfilesIsInvalidOptions: a profile name that is empty, not
// a token, a credential entry or given twice is an Options mistake, found
// before any connection attempt, never quoting a credential.
func TestDialInvalidProfilesIsInvalidOptions(t *testing.T) {
	bearer := subprotocol.BearerToken("s3cret")
	cases := map[string]struct {
		profiles []subprotocol.Profile
		want     string
	}{
		"empty":      {[]subprotocol.Profile{{Name: "chat"}, {}}, "Profiles[1].Name is empty"},
		"not token":  {[]subprotocol.Profile{{Name: "a b"}}, "Profiles[0].Name contains a space at byte 1"},
		"credential": {[]subprotocol.Profile{{Name: bearer}}, "Profiles[0].Name is a credential entry"},
		"duplicate":  {[]subprotocol.Profile{{Name: "chat"}, {Name: "mqtt"}, {Name: "chat"}}, `Profiles[2].Name "chat" duplicates Profiles[0]`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			err := dialRejected(t, testCtx(t), &Options{Profiles: tc.profiles})
			if !errors.Is(err, ErrInvalidOptions) || !errors.Is(err, wserr.ErrInvalidSubprotocolName) {
				t.Fatalf("err = %v, want ErrInvalidOptions and wserr.ErrInvalidSubprotocolName", err)
			}
			if msg := err.Error(); !strings.HasSuffix(msg, tc.want) || strings.Contains(msg, bearer) {
				t.Fatalf("err = %q, want it to end %q without the credential", msg, tc.want)
			}
		})
	}
}

// TestDialProfilesTakePrecedence: a profile in Options.Profiles is used for
// its name, a built-in one for the others. Application heartbeats without a
// ping of their own need a profile that has one.
func TestDialProfilesTakePrecedence(t *testing.T) {
	ping := func() transport.Message { return transport.Message{Type: transport.Text, Data: []byte("ping")} }
	cases := map[string]struct {
		protocol string
		profiles []subprotocol.Profile
		valid    bool
	}{
		"extra profile with a ping":         {"chat.v1", []subprotocol.Profile{{Name: "chat.v1", Heartbeat: heartbeat.Messages{Ping: ping}}}, true},
		"no profile":                        {"chat.v1", nil, false},
		"built-in profile":                  {"mqtt", nil, true},
		"built-in beside extra profiles":    {"mqtt", []subprotocol.Profile{{Name: "chat.v1"}}, true},
		"extra profile replaces a built-in": {"mqtt", []subprotocol.Profile{{Name: "mqtt"}}, false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			o := noReconnect()
			o.Subprotocols, o.RequireSubprotocol, o.Profiles = []string{tc.protocol}, true, tc.profiles
			o.Heartbeat.Mode = heartbeat.ModeApplication
			if !tc.valid {
				if err := dialRejected(t, testCtx(t), o); !errors.Is(err, ErrInvalidOptions) {
					t.Fatalf("err = %v, want ErrInvalidOptions", err)
				}
				return
			}
			d := &countDialer{err: errRefusedByTest}
			o.Dialer = d
			if _, err := Dial(testCtx(t), "ws://127.0.0.1:1/", o); !errors.Is(err, errRefusedByTest) || d.calls.Load() != 1 {
				t.Fatalf("err = %v after %d attempts, want the dialer's error after 1", err, d.calls.Load())
			}
		})
	}
}

// TestOptionsProfilesCopied: changing the caller's list after New changes
// nothing the client uses.
func TestOptionsProfilesCopied(t *testing.T) {
	o := &Options{Profiles: []subprotocol.Profile{{Name: "chat.v1"}}}
	r, err := o.resolved()
	if err != nil {
		t.Fatal(err)
	}
	o.Profiles[0].Name = "changed"
	if r.Profiles[0].Name != "chat.v1" {
		t.Fatalf("resolved Profiles alias the caller's: %q", r.Profiles[0].Name)
	}
}
