//go:build !js

package main

import (
	"reflect"
	"testing"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// Without flags, tether connect leaves every setting of the defaults table
// (reconnect, first dial, outbox, handshake timeout, read limit, inbox,
// heartbeat) at its zero value, which the SDK fills in with its defaults: the
// CLI behaves as a default sdk.Client does.
func TestConnectDefaultsAreTheSDKs(t *testing.T) {
	t.Parallel()
	cfg, err := parseConnect([]string{"ws://127.0.0.1:1/"})
	if err != nil {
		t.Fatal(err)
	}
	o := cfg.options(nil)
	want := &sdk.Options{StreamEvents: true}
	if !reflect.DeepEqual(o, want) {
		t.Fatalf("options without flags %+v\nwant %+v (the SDK's defaults, events in the stream)", o, want)
	}
}

// A heartbeat timing flag changes only the timing: the mode stays the SDK's
// rule (the subprotocol profile's ping, else protocol pings); --ping asks
// for application pings.
func TestHeartbeatFlagsKeepTheSDKsMode(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want heartbeat.Config
	}{
		{[]string{"--heartbeat-interval", "5s"}, heartbeat.Config{Interval: 5 * time.Second}},
		{[]string{"--heartbeat-timeout", "2s"}, heartbeat.Config{Timeout: 2 * time.Second}},
	} {
		cfg, err := parseConnect(append([]string{"ws://127.0.0.1:1/"}, tc.args...))
		if err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		if got := cfg.options(nil).Heartbeat; !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%v: heartbeat %+v, want %+v", tc.args, got, tc.want)
		}
	}
	cfg, err := parseConnect([]string{"ws://127.0.0.1:1/", "--ping", "p", "--pong", "q"})
	if err != nil {
		t.Fatal(err)
	}
	h := cfg.options(nil).Heartbeat
	if h.Mode != heartbeat.ModeApplication || string(h.Ping().Data) != "p" || !h.IsPong(transport.Message{Type: transport.Text, Data: []byte("q")}) {
		t.Errorf("--ping p --pong q: heartbeat %+v, want application pings p answered by q", h)
	}
}
