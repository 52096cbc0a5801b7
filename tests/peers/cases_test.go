//go:build unix

package peers

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/tetherws/tether/reconnect"
	"github.com/tetherws/tether/sdk"
)

// ioTimeout bounds one Dial, Send or Receive.
const ioTimeout = 20 * time.Second

// runCases runs every interop case in parallel against the server at base
// ("ws://127.0.0.1:port").
func runCases(t *testing.T, base string) {
	cases := []struct {
		name string
		run  func(t *testing.T, base string)
	}{
		{"echo", testEcho},
		{"ordered burst", testBurst},
		{"message over the read limit", testTooBig},
		{"subprotocol agreed", testSubprotocolAgreed},
		{"subprotocol none selected", testSubprotocolNone},
		{"subprotocol required but unsupported", testSubprotocolRequired},
		{"server close 4001 is retried", testCloseRetried},
		{"server close 1000 is final", testCloseFinal},
		{"dropped connection reconnects", testTerminateReconnects},
		{"client close code reaches the server", testClientClose},
		{"protocol heartbeats", testProtocolHeartbeat},
		{"application heartbeats", testApplicationHeartbeat},
		{"server pings answered", testServerPings},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.run(t, base)
		})
	}
}

// fastReconnect is a reconnect policy with short delays, so tests that
// reconnect finish quickly.
func fastReconnect() reconnect.Policy {
	return reconnect.Policy{InitialDelay: 50 * time.Millisecond, MaxDelay: time.Second, Jitter: -1}
}

// onceURL returns base+path with the query q and a once key unique to t, so
// the server closes or drops only the test's first connection.
func onceURL(t *testing.T, base, path string, q url.Values) string {
	q.Set("once", t.Name())
	return base + path + "?" + q.Encode()
}

// dial opens a client and closes it in t.Cleanup. A nil o uses the defaults.
func dial(t *testing.T, u string, o *sdk.Options) *sdk.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
	defer cancel()
	c, err := sdk.Dial(ctx, u, o)
	if err != nil {
		t.Fatalf("Dial(%s): %v", u, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}
