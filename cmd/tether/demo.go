//go:build !js

package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/faultproxy"
	"github.com/tetherws/tether/internal/sdkhook"
	"github.com/tetherws/tether/internal/testserver"
	"github.com/tetherws/tether/reconnect"
	"github.com/tetherws/tether/sdk"
)

// The demo's settings: short enough to narrate everything in a few seconds,
// with a fixed jitter seed so every run shows the same delays.
const (
	demoInitial  = 300 * time.Millisecond
	demoMax      = 2 * time.Second
	demoSeed     = 7
	demoInterval = 300 * time.Millisecond
	demoTimeout  = 700 * time.Millisecond
	demoStep     = 5 * time.Second // bound on every wait
	demoPing     = `{"type":"ping"}`
	demoPong     = `{"type":"pong"}`
)

var (
	demoOffer     = []string{"chat.v3", "chat.v2"}
	demoSupported = []string{"chat.v1", "chat.v2"}
)

// setJitterSeed is sdkhook.SetJitterSeed: the demo's fixed seed is not public
// API, since a fleet of clients sharing one would reconnect in lockstep.
var setJitterSeed = sdkhook.SetJitterSeed.(func(*sdk.Options, uint64))

// demo runs the narrated scenario: one native client, a fault proxy and the
// embedded server, all in this process.
type demo struct {
	out    io.Writer
	start  time.Time
	srv    *testserver.Running
	proxy  *faultproxy.Proxy
	client *sdk.Client
	events chan demoEvent
	quit   chan struct{}

	attempts    int
	delays      []time.Duration
	beats       int
	showBeat    bool
	sent, recvd []string
	unsent      int
	silent      time.Duration // how long the heartbeat saw no life
}

// demoEvent is a client event, handed from the SDK's goroutines to the demo.
type demoEvent struct {
	kind      string // connecting, open, close, reconnecting, heartbeat, unsent, detected
	attempt   int
	text      string
	reconnect bool
	code      int
	delay     time.Duration
	rtt       time.Duration
	cause     error
}

func runDemo(args []string, sio stdio) int {
	f := newFlagSet("demo")
	if pos, err := f.parse(args); err != nil || len(pos) > 0 {
		if err == nil {
			err = usagef("unexpected argument %q", pos[0])
		}
		return usageFailed(sio, "demo", err)
	}
	d := &demo{out: sio.out, start: time.Now(), events: make(chan demoEvent, 256), quit: make(chan struct{})}
	return d.run()
}

func (d *demo) run() int {
	fmt.Fprintln(d.out, "tether demo: a native client → a fault proxy → the embedded echo server, in this process")
	fmt.Fprintln(d.out)
	fmt.Fprintf(d.out, "%7s  %-12s  %s\n", "time", "step", "what happened")
	defer d.teardown()
	for _, st := range []struct {
		name string
		run  func() error
	}{
		{"start", d.setup}, {"connect", d.connect}, {"echo", d.echo}, {"heartbeat", d.heartbeat},
		{"drop", d.drop}, {"silence", d.silence}, {"finish", d.finish},
	} {
		if err := st.run(); err != nil {
			fmt.Fprintf(d.out, "\ndemo FAILED at step %q: %v\n", st.name, err)
			return exitFailed
		}
	}
	d.summary()
	return exitOK
}

// line prints one narration line with the elapsed time.
func (d *demo) line(step, format string, args ...any) {
	fmt.Fprintf(d.out, "%6.3fs  %-12s  %s\n", time.Since(d.start).Seconds(), step, fmt.Sprintf(format, args...))
}

func (d *demo) setup() error {
	srv, err := testserver.Start("", testserver.Options{Subprotocols: demoSupported, MaxSilent: 10 * time.Second})
	if err != nil {
		return err
	}
	d.srv = srv
	if d.proxy, err = faultproxy.New(srv.Addr()); err != nil {
		return err
	}
	d.line("server", "%s  speaks %s", srv.URL("/echo?app_ping=1"), strings.Join(demoSupported, ", "))
	d.line("proxy", "%s → %s  (can cut or black-hole the link)", d.proxy.Addr(), srv.Addr())
	return nil
}

func (d *demo) teardown() {
	close(d.quit)
	if d.client != nil {
		_ = d.client.Close()
	}
	if d.proxy != nil {
		_ = d.proxy.Close()
	}
	if d.srv != nil {
		_ = d.srv.Close()
	}
}

// options: a short seeded backoff and fast application heartbeats.
func (d *demo) options() *sdk.Options {
	o := &sdk.Options{
		Subprotocols:       demoOffer,
		RequireSubprotocol: true,
		HandshakeTimeout:   3 * time.Second,
		Reconnect:          reconnect.Policy{InitialDelay: demoInitial, MaxDelay: demoMax},
		Heartbeat: heartbeat.Config{Mode: heartbeat.ModeApplication, Interval: demoInterval, Timeout: demoTimeout,
			Messages: heartbeat.Messages{Ping: textPing(demoPing), IsPong: textPong(demoPong)}},
		Logger:  slog.New(&detectHandler{d: d}),
		OnEvent: d.record,
	}
	setJitterSeed(o, demoSeed)
	return o
}

// record posts the client's lifecycle events to the demo's loop.
func (d *demo) record(ev sdk.Event) {
	switch e := ev.(type) {
	case sdk.ConnectingEvent:
		d.post(demoEvent{kind: "connecting", attempt: e.Attempt, text: e.URL})
	case sdk.OpenEvent:
		d.post(demoEvent{kind: "open", attempt: e.Attempt, text: e.Subprotocol, reconnect: e.Reconnect})
	case sdk.CloseEvent:
		d.post(demoEvent{kind: "close", code: e.Code, text: e.Reason, cause: e.Cause})
	case sdk.ReconnectingEvent:
		d.post(demoEvent{kind: "reconnecting", attempt: e.Attempt, delay: e.Delay, cause: e.Cause})
	case sdk.HeartbeatEvent:
		d.post(demoEvent{kind: "heartbeat", rtt: e.RTT})
	case sdk.UnsentEvent:
		d.post(demoEvent{kind: "unsent", attempt: len(e.Messages)})
	}
}

func (d *demo) post(ev demoEvent) {
	select {
	case d.events <- ev:
	case <-d.quit:
	}
}

// detectHandler turns the SDK's "heartbeat timeout" log record into an event:
// it is the moment of detection, before the dead connection is torn down.
type detectHandler struct{ d *demo }

func (h *detectHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelInfo }

func (h *detectHandler) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "tether: heartbeat timeout" {
		return nil
	}
	ev := demoEvent{kind: "detected"}
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "silent" {
			ev.text = a.Value.String()
		}
		return true
	})
	h.d.post(ev)
	return nil
}

func (h *detectHandler) WithAttrs([]slog.Attr) slog.Handler { return h }

func (h *detectHandler) WithGroup(string) slog.Handler { return h }
