package sdk

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/clock"
	"github.com/tetherws/tether/internal/liveness"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/reconnect"
	"github.com/tetherws/tether/transport"
)

// countDialer counts Dial calls; each fails with err, or is passed to inner
// when inner is set.
type countDialer struct {
	inner transport.Dialer
	err   error
	calls atomic.Int64
}

func (d *countDialer) Dial(ctx context.Context, url string, opts transport.DialOptions) (transport.Conn, error) {
	d.calls.Add(1)
	if d.inner != nil {
		return d.inner.Dial(ctx, url, opts)
	}
	return nil, d.err
}

var errRefusedByTest = errors.New("tether: refused by the test dialer")

// expiringCtx is a context whose deadline passes when the test calls expire.
type expiringCtx struct {
	context.Context
	done chan struct{}
}

func newExpiringCtx() *expiringCtx {
	return &expiringCtx{Context: context.Background(), done: make(chan struct{})}
}

func (c *expiringCtx) Done() <-chan struct{} { return c.done }

func (c *expiringCtx) Err() error {
	select {
	case <-c.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}

func (c *expiringCtx) expire() { close(c.done) }

// dialRejected dials with o and a counting dialer and checks that Dial failed
// before any connection attempt; it returns Dial's error.
func dialRejected(t *testing.T, ctx context.Context, o *Options) error {
	t.Helper()
	d := &countDialer{err: errRefusedByTest}
	o.Dialer = d
	var c *Client
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("Dial panicked: %v", r)
			}
		}()
		c, err = Dial(ctx, "ws://127.0.0.1:1/", o)
	}()
	if c != nil {
		_ = c.Close()
		t.Fatal("Dial returned a client")
	}
	if n := d.calls.Load(); n != 0 {
		t.Fatalf("Dial made %d connection attempts before failing with %v; want none", n, err)
	}
	if err == nil || !strings.HasPrefix(err.Error(), "tether:") {
		t.Fatalf("Dial error %v: want a non-nil error prefixed tether:", err)
	}
	return err
}

// TestDialNilContext: a nil context is an error before anything starts (it
// used to panic after the client had started, leaving goroutines behind).
func TestDialNilContext(t *testing.T) {
	var nilCtx context.Context
	err := dialRejected(t, nilCtx, noReconnect())
	if !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("Dial(nil, …) = %v, want ErrInvalidArgument", err)
	}
}

// TestDialCancelledContextNeverDials: an already-cancelled context fails
// every time, without a connection attempt (it used to race the first open).
func TestDialCancelledContextNeverDials(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d := &countDialer{inner: defaultDialer()}
	for i := 0; i < 20; i++ {
		o := noReconnect()
		o.Dialer = d
		c, err := Dial(ctx, testServerURL(t)+"/echo", o)
		if c != nil {
			_ = c.Close()
			t.Fatalf("run %d: Dial with a cancelled context returned a client", i)
		}
		if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "tether:") {
			t.Fatalf("run %d: err = %v, want a tether: error wrapping context.Canceled", i, err)
		}
	}
	if n := d.calls.Load(); n != 0 {
		t.Fatalf("%d connection attempts with a cancelled context; want none", n)
	}
}

// TestDialDeadlineKeepsLastAttemptError: with RetryFirstDial, a Dial whose
// context runs out reports the deadline and the last attempt's error.
func TestDialDeadlineKeepsLastAttemptError(t *testing.T) {
	fake := clock.NewFake(time.Now())
	d := &countDialer{err: &transport.HandshakeError{Status: 503}}
	o := &Options{Dialer: d, clock: fake}
	o.Reconnect.RetryFirstDial = true
	ctx := newExpiringCtx()
	waited := make(chan struct{})
	go func() {
		defer close(waited)
		fake.WaitForTimers(1, testCtx(t).Done()) // the first attempt failed: backoff
		ctx.expire()
	}()
	c, err := Dial(ctx, "ws://127.0.0.1:1/", o)
	<-waited
	if c != nil {
		_ = c.Close()
		t.Fatal("Dial returned a client")
	}
	var he *transport.HandshakeError
	if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &he) || he.Status != 503 {
		t.Fatalf("err = %v, want DeadlineExceeded and the last attempt's transport.HandshakeError 503", err)
	}
	if !strings.HasPrefix(err.Error(), "tether:") || !strings.Contains(err.Error(), "503") {
		t.Fatalf("err = %q, want a tether: message naming the last attempt's error", err)
	}
}

// TestDialInvalidHeartbeatIsInvalidOptions: every heartbeat mistake is an
// Options mistake, found before any connection attempt.
func TestDialInvalidHeartbeatIsInvalidOptions(t *testing.T) {
	ping := func() transport.Message { return transport.Message{Type: transport.Text, Data: []byte("ping")} }
	cases := map[string]heartbeat.Config{
		"negative interval":             {Interval: -time.Second},
		"negative timeout":              {Timeout: -time.Second},
		"unknown mode":                  {Mode: heartbeat.ModeOff + 1},
		"application without ping":      {Mode: heartbeat.ModeApplication},
		"require pong without matcher":  {RequirePong: true, Messages: heartbeat.Messages{Ping: ping}},
		"hidden timeout factor below 1": {HiddenTimeoutFactor: 0.5},
	}
	for name, hb := range cases {
		t.Run(name, func(t *testing.T) {
			err := dialRejected(t, testCtx(t), &Options{Heartbeat: hb})
			if !errors.Is(err, ErrInvalidOptions) || !errors.Is(err, liveness.ErrInvalidConfig) {
				t.Fatalf("err = %v, want ErrInvalidOptions and liveness.ErrInvalidConfig", err)
			}
		})
	}
	t.Run("application without ping, none offered has one", func(t *testing.T) {
		o := &Options{Heartbeat: heartbeat.Config{Mode: heartbeat.ModeApplication}, Subprotocols: []string{"chat.v1"}}
		if err := dialRejected(t, testCtx(t), o); !errors.Is(err, ErrInvalidOptions) {
			t.Fatalf("err = %v, want ErrInvalidOptions", err)
		}
	})
	if !protocolPings {
		t.Run("protocol pings in a browser", func(t *testing.T) {
			o := &Options{Heartbeat: heartbeat.Config{Mode: heartbeat.ModeProtocol}}
			err := dialRejected(t, testCtx(t), o)
			if !errors.Is(err, ErrInvalidOptions) || !errors.Is(err, liveness.ErrProtocolPingUnsupported) {
				t.Fatalf("err = %v, want ErrInvalidOptions and ErrProtocolPingUnsupported", err)
			}
		})
	}
}

// TestDialInvalidReconnectIsInvalidOptions: a reconnect policy out of range
// is an Options mistake, found before any connection attempt, and the error
// names the field.
func TestDialInvalidReconnectIsInvalidOptions(t *testing.T) {
	cases := map[string]struct {
		p     reconnect.Policy
		field string
	}{
		"multiplier below 1":      {reconnect.Policy{Multiplier: 0.5}, "Multiplier"},
		"jitter above 1":          {reconnect.Policy{Jitter: 1.5}, "Jitter"},
		"negative max attempts":   {reconnect.Policy{MaxAttempts: -1}, "MaxAttempts"},
		"negative initial delay":  {reconnect.Policy{InitialDelay: -time.Second}, "InitialDelay"},
		"initial delay above max": {reconnect.Policy{InitialDelay: time.Hour}, "exceeds MaxDelay"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			err := dialRejected(t, testCtx(t), &Options{Reconnect: tc.p})
			if !errors.Is(err, ErrInvalidOptions) || !strings.Contains(err.Error(), tc.field) {
				t.Fatalf("err = %v, want ErrInvalidOptions naming %s", err, tc.field)
			}
		})
	}
	c, err := New("ws://127.0.0.1:1/", &Options{Reconnect: reconnect.Policy{Jitter: -1}, Dialer: &countDialer{err: errRefusedByTest}})
	if err != nil {
		t.Fatalf("Jitter -1 (no jitter): New failed with %v", err)
	}
	_ = c.Close()
}

// TestDialHeartbeatPingFromOfferedProfile: application mode without a ping of
// its own is valid when an offered subprotocol's profile provides one.
func TestDialHeartbeatPingFromOfferedProfile(t *testing.T) {
	d := &countDialer{err: errRefusedByTest}
	o := noReconnect()
	o.Dialer = d
	o.Heartbeat.Mode = heartbeat.ModeApplication
	o.Subprotocols = []string{"chat.v1", "graphql-transport-ws"}
	if _, err := Dial(testCtx(t), "ws://127.0.0.1:1/", o); !errors.Is(err, errRefusedByTest) || d.calls.Load() != 1 {
		t.Fatalf("err = %v after %d attempts, want the dialer's error after 1", err, d.calls.Load())
	}
}

// TestDialInvalidSubprotocolIsInvalidOptions: Subprotocols are Options too.
func TestDialInvalidSubprotocolIsInvalidOptions(t *testing.T) {
	for i, o := range []*Options{
		{Subprotocols: []string{"a b"}},
		{Subprotocols: []string{"chat", "chat"}},
		{SubprotocolCredentials: []string{""}},
	} {
		err := dialRejected(t, testCtx(t), o)
		if !errors.Is(err, ErrInvalidOptions) || !errors.Is(err, wserr.ErrInvalidSubprotocolName) {
			t.Errorf("case %d: err = %v, want ErrInvalidOptions and wserr.ErrInvalidSubprotocolName", i, err)
		}
	}
}

// TestDialRejectsInvalidHeader: a header that cannot be sent fails Dial with
// ErrInvalidOptions, never quoting the value (it may be a secret).
func TestDialRejectsInvalidHeader(t *testing.T) {
	const secret = "s3cr3t-value"
	bad := map[string]map[string][]string{
		"space in name":      {"X Token": {"v"}},
		"empty name":         {"": {"v"}},
		"colon in name":      {"X-Token:": {"v"}},
		"CRLF in value":      {"X-Token": {secret + "\r\nX-Injected: 1"}},
		"LF in value":        {"Authorization": {"Bearer " + secret + "\n"}},
		"NUL in value":       {"X-Token": {secret + "\x00"}},
		"DEL in value":       {"X-Token": {secret + "\x7f"}},
		"bad second value":   {"X-Token": {"ok", secret + "\r"}},
		"secret in bad name": {"X-Token " + secret: {"v"}},
	}
	for name, h := range bad {
		t.Run(name, func(t *testing.T) {
			err := dialRejected(t, testCtx(t), &Options{Header: h})
			if !errors.Is(err, ErrInvalidOptions) {
				t.Fatalf("err = %v, want ErrInvalidOptions", err)
			}
			if strings.Contains(err.Error(), secret) {
				t.Fatalf("error quotes the header value: %q", err)
			}
		})
	}
}

// TestDialAcceptsValidHeader: tabs, spaces and obs-text bytes are legal in
// a value (as net/http allows them); the header reaches the dialer.
func TestDialAcceptsValidHeader(t *testing.T) {
	if !protocolPings {
		t.Skip("browsers cannot set handshake headers")
	}
	d := &countDialer{err: errRefusedByTest}
	o := noReconnect()
	o.Dialer = d
	o.Header = map[string][]string{"X-Token": {"a b\tc \xe2\x9c\x93"}, "X-Empty": {""}, "X-None": nil}
	if _, err := Dial(testCtx(t), "ws://127.0.0.1:1/", o); !errors.Is(err, errRefusedByTest) || d.calls.Load() != 1 {
		t.Fatalf("err = %v after %d attempts, want the dialer's error after 1", err, d.calls.Load())
	}
}

// selectDialer opens floodConns whose server selected proto.
type selectDialer struct {
	proto string
	calls atomic.Int64
}

func (d *selectDialer) Dial(context.Context, string, transport.DialOptions) (transport.Conn, error) {
	d.calls.Add(1)
	return &selectConn{floodConn: newFloodConn(1), proto: d.proto}, nil
}

type selectConn struct {
	*floodConn
	proto string
}

func (c *selectConn) SubprotocolHeader() []string { return []string{c.proto} }

// TestHeartbeatUnfitSelectionIsFinal: heartbeat settings that work with one
// offered subprotocol but not with the one the server selected are an
// Options mistake too, and retrying cannot fix them.
func TestHeartbeatUnfitSelectionIsFinal(t *testing.T) {
	d := &selectDialer{proto: "chat.v1"}
	o := &Options{Dialer: d, Subprotocols: []string{"graphql-transport-ws", "chat.v1"}}
	o.Heartbeat.Mode = heartbeat.ModeApplication // only graphql-transport-ws has a ping
	o.Reconnect.RetryFirstDial = true
	o.Reconnect.InitialDelay, o.Reconnect.MaxDelay, o.Reconnect.MaxAttempts = time.Millisecond, time.Millisecond, 3
	_, err := Dial(testCtx(t), "ws://127.0.0.1:1/", o)
	if !errors.Is(err, ErrInvalidOptions) || !errors.Is(err, liveness.ErrInvalidConfig) {
		t.Fatalf("err = %v, want ErrInvalidOptions and liveness.ErrInvalidConfig", err)
	}
	if n := d.calls.Load(); n != 1 {
		t.Fatalf("%d attempts, want 1: the same selection fails the same way", n)
	}
}
