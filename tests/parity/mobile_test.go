//go:build unix

package parity

import (
	"context"
	"strings"
	"testing"

	"github.com/tetherws/tether/mobile"
)

// runMobileTarget plays every run with mobile.Client and a Listener.
func runMobileTarget(t *testing.T, e *env) Outcomes {
	return runAll(e, "mobile", func(r Run) string { return runMobile(e.ctx, r) })
}

// mobileConfig returns the facade's Config for st: NewConfig's defaults,
// with the explicit values where st has them.
func mobileConfig(st Settings) *mobile.Config {
	cfg := mobile.NewConfig()
	cfg.Subprotocols = strings.Join(st.Protocols, ", ")
	cfg.HeartbeatPing, cfg.HeartbeatPong = st.Ping, st.Pong
	if st.Mode != Explicit {
		return cfg
	}
	cfg.ReconnectInitialMillis = st.InitialDelay.Milliseconds()
	cfg.ReconnectMaxMillis = st.MaxDelay.Milliseconds()
	cfg.MaxAttempts = int64(st.MaxAttempts)
	cfg.RetryFirstDial = st.RetryFirstDial
	cfg.HandshakeTimeoutMillis = st.HandshakeTimeout.Milliseconds()
	cfg.OutboxMaxMessages = int64(st.OutboxMaxMessages)
	if st.HeartbeatInterval > 0 {
		cfg.HeartbeatIntervalMillis = st.HeartbeatInterval.Milliseconds()
		cfg.HeartbeatTimeoutMillis = st.HeartbeatTimeout.Milliseconds()
	}
	return cfg
}

func runMobile(ctx context.Context, r Run) string {
	d := NewDriver(r.Sc)
	l := &listener{events: make(chan facadeEvent, 4096)}
	c, err := mobile.NewClient(r.URL(), mobileConfig(r.Spec.RunSettings(r.Sc, r.Mode)), l)
	if err != nil {
		d.Note("NewClient: " + oneLine(err.Error()))
		return d.Outcome()
	}
	defer c.Close()
	if err := c.ConnectAsync(); err != nil {
		d.Note("ConnectAsync: " + oneLine(err.Error()))
		return d.Outcome()
	}
	ctx, cancel := context.WithTimeout(ctx, r.Spec.Bound(r.Mode))
	defer cancel()
	act := mobileActions{c: c, ctx: ctx, releaseURL: r.Server.ReleaseURL(r.Key)}
	var tr errorTranslator
	for !d.Done() {
		select {
		case ev := <-l.events:
			if e, ok := tr.translate(ev); ok {
				d.Handle(e, act)
			}
		case <-ctx.Done():
			d.Unfinished()
		}
	}
	return d.Outcome()
}

// listener forwards the facade's calls to the run's goroutine, in order.
type listener struct{ events chan facadeEvent }

func (l *listener) OnOpen(subprotocol string, _ bool) {
	l.events <- facadeEvent{name: "open", proto: subprotocol}
}
func (l *listener) OnMessage(text string) {
	l.events <- facadeEvent{name: "message", msg: Msg{Data: []byte(text)}}
}
func (l *listener) OnBinaryMessage(data []byte) {
	l.events <- facadeEvent{name: "message", msg: Msg{Binary: true, Data: data}}
}
func (l *listener) OnReconnecting(int64, int64) { l.events <- facadeEvent{name: "reconnecting"} }
func (l *listener) OnClose(code int64, reason string, isFinal bool) {
	l.events <- facadeEvent{name: "close", code: int(code), reason: reason, final: isFinal}
}
func (l *listener) OnError(kind, message string) {
	l.events <- facadeEvent{name: "error", kind: kind, errMsg: message}
}
func (l *listener) OnUnsent(bool, string, []byte, bool, string, string) {}

type mobileActions struct {
	c          *mobile.Client
	ctx        context.Context
	releaseURL string
}

func (a mobileActions) Send(m Msg) error {
	if m.Binary {
		return a.c.EnqueueBinary(m.Data)
	}
	return a.c.EnqueueText(string(m.Data))
}

func (a mobileActions) Release() error { return Release(a.ctx, a.releaseURL) }
