package tetherotel

import (
	"slices"
	"testing"

	"github.com/tetherws/tether/sdk"
)

func TestInstrumentNil(t *testing.T) {
	h := newHarness(t)
	opts := h.Instrument(nil)
	if opts == nil || opts.OnEvent == nil {
		t.Fatalf("Instrument(nil) = %+v; want Options with OnEvent set", opts)
	}
}

// TestUserOnEventStillRuns: the recording runs first, then the user's
// OnEvent, for every event.
func TestUserOnEventStillRuns(t *testing.T) {
	h := newHarness(t)
	var got []sdk.Event
	spansSeen := -1 // spans started when the user saw the ConnectingEvent
	opts := h.Instrument(&sdk.Options{OnEvent: func(ev sdk.Event) {
		got = append(got, ev)
		if _, ok := ev.(sdk.ConnectingEvent); ok {
			spansSeen = len(h.spans.Started())
		}
	}})
	evs := []sdk.Event{sdk.ConnectingEvent{Attempt: 1}, sdk.StateChangeEvent{From: sdk.Idle, To: sdk.Connecting}}
	for _, ev := range evs {
		opts.OnEvent(ev)
	}
	if !slices.Equal(got, evs) {
		t.Errorf("user OnEvent got %v, want %v", got, evs)
	}
	if spansSeen != 1 {
		t.Errorf("spans started when the user's OnEvent ran: %d, want 1 (recording first)", spansSeen)
	}
}
