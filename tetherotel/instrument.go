package tetherotel

import "github.com/tetherws/tether/sdk"

// Instrument sets opts' event callbacks so that the client built from opts
// records its connection attempts, reconnects, heartbeat round trips,
// handed-back messages and connection spans. Callbacks already set are kept:
// each runs right after the recording, on the client's callback goroutine,
// so a callback sees the event already counted.
//
// Call it before sdk.New or sdk.Dial, once per Options value, and build one
// client from it: the recording keeps the state of one connection at a time
// (a second client built from the same Options would interleave its spans
// with the first's, and a second Instrument would count every event twice).
// A nil opts is replaced by a new zero Options (the defaults). Instrument
// returns opts, so it can wrap Dial's argument:
//
//	c, err := sdk.Dial(ctx, url, inst.Instrument(&sdk.Options{...}))
//
// The counts of messages and bytes and the buffered bytes come from the
// client itself: pass it to Observe.
func (i *Instrumenter) Instrument(opts *sdk.Options) *sdk.Options {
	if opts == nil {
		opts = &sdk.Options{}
	}
	t := &tracker{in: i}
	user := opts.OnEvent
	opts.OnEvent = func(ev sdk.Event) {
		t.record(ev)
		if user != nil {
			user(ev)
		}
	}
	return opts
}

// record updates the instruments for one event.
func (t *tracker) record(ev sdk.Event) {
	switch e := ev.(type) {
	case sdk.ConnectingEvent:
		t.connecting(e)
	case sdk.OpenEvent:
		t.open(e)
	case sdk.StateChangeEvent:
		t.stateChange(e)
	case sdk.CloseEvent:
		t.close(e)
	case sdk.HeartbeatEvent:
		t.heartbeat(e)
	case sdk.UnsentEvent:
		t.unsent(e)
	}
}
