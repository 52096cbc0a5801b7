package parity

import (
	"bytes"
	"context"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/reconnect"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// Run is one scenario in one mode on one target.
type Run struct {
	Spec   *Spec
	Server Server
	Sc     Scenario
	Mode   string
	Key    string // unique per run: the server keeps its state by it
	Port   int    // index into Server.Ports
}

// URL is the run's WebSocket URL.
func (r Run) URL() string { return r.Server.URL(r.Sc, r.Key, r.Port) }

// SDKOptions returns the sdk options for st: the explicit values, or zero
// (the sdk's defaults) where st leaves them out.
func SDKOptions(st Settings) *sdk.Options {
	opts := &sdk.Options{
		Subprotocols:     st.Protocols,
		StreamEvents:     true,
		HandshakeTimeout: st.HandshakeTimeout,
		Reconnect: reconnect.Policy{
			InitialDelay:   st.InitialDelay,
			MaxDelay:       st.MaxDelay,
			MaxAttempts:    st.MaxAttempts,
			RetryFirstDial: st.RetryFirstDial,
		},
		Outbox: sdk.OutboxOptions{MaxMessages: st.OutboxMaxMessages},
	}
	if st.Ping != "" {
		ping, pong := []byte(st.Ping), []byte(st.Pong)
		opts.Heartbeat = heartbeat.Config{
			Interval: st.HeartbeatInterval,
			Timeout:  st.HeartbeatTimeout,
			Messages: heartbeat.Messages{
				Ping:   func() transport.Message { return transport.Message{Type: transport.Text, Data: ping} },
				IsPong: func(m transport.Message) bool { return m.Type == transport.Text && bytes.Equal(m.Data, pong) },
			},
		}
	}
	return opts
}

// RunSDK plays r with an sdk.Client (sdk.New, Next with StreamEvents) and
// returns the outcome. It closes the client before it returns.
func RunSDK(ctx context.Context, r Run) string {
	d := NewDriver(r.Sc)
	c, err := sdk.New(r.URL(), SDKOptions(r.Spec.RunSettings(r.Sc, r.Mode)))
	if err != nil {
		d.Note("sdk.New: " + oneLine(err.Error()))
		return d.Outcome()
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(ctx, r.Spec.Bound(r.Mode))
	defer cancel()
	act := sdkActions{c: c, ctx: ctx, releaseURL: r.Server.ReleaseURL(r.Key)}
	var t sdkTranslator
	for !d.Done() {
		ev, err := c.Next(ctx)
		if err != nil {
			if ctx.Err() != nil {
				d.Unfinished()
			} else {
				d.Note("Next: " + oneLine(err.Error()))
			}
			break
		}
		if e, ok := t.translate(ev); ok {
			d.Handle(e, act)
		}
	}
	return d.Outcome()
}

// sdkTranslator turns the sdk's stream into driver events.
type sdkTranslator struct {
	afterClose bool // a CloseEvent with a reconnect to follow came last: its ReconnectingEvent says nothing new
	closed     bool // a final CloseEvent came
}

func (t *sdkTranslator) translate(ev sdk.Event) (Event, bool) {
	switch e := ev.(type) {
	case sdk.OpenEvent:
		return Event{Kind: EvOpen, Proto: e.Subprotocol}, true
	case transport.Message:
		return Event{Kind: EvMessage, Msg: Msg{Binary: e.Type == transport.Binary, Data: e.Data}}, true
	case sdk.CloseEvent:
		t.afterClose, t.closed = !e.Final, e.Final
		return Event{Kind: EvClose, Code: e.Code, Reason: e.Reason, Again: !e.Final}, true
	case sdk.ReconnectingEvent:
		if t.afterClose {
			t.afterClose = false
			return Event{}, false
		}
		return Event{Kind: EvFail, Category: Category(e.Cause), Again: true}, true
	case sdk.StateChangeEvent:
		if e.To == sdk.Closed && !t.closed {
			return Event{Kind: EvFail, Category: Category(e.Cause), Again: false}, true
		}
	}
	return Event{}, false
}

type sdkActions struct {
	c          *sdk.Client
	ctx        context.Context
	releaseURL string
}

func (a sdkActions) Send(m Msg) error {
	if m.Binary {
		return a.c.Enqueue(transport.BinaryMessage(m.Data))
	}
	return a.c.Enqueue(transport.TextMessage(string(m.Data)))
}

func (a sdkActions) Release() error { return Release(a.ctx, a.releaseURL) }
