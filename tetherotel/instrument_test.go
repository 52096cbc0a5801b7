package tetherotel

import (
	"slices"
	"testing"
)

func TestInstrumentNil(t *testing.T) {
	h := newHarness(t)
	opts := h.Instrument(nil)
	if opts == nil || opts.OnConnecting == nil || opts.OnOpen == nil || opts.OnStateChange == nil ||
		opts.OnClose == nil || opts.OnHeartbeat == nil || opts.OnUnsent == nil {
		t.Fatalf("Instrument(nil) = %+v; want Options with every recorded callback set", opts)
	}
}

// TestChainOrder: the recording runs first, then the user's callback.
func TestChainOrder(t *testing.T) {
	var order []string
	record := func(int) { order = append(order, "record") }
	user := func(int) { order = append(order, "user") }
	chain(record, user)(1)
	chain(record, nil)(1)
	if want := []string{"record", "user", "record"}; !slices.Equal(order, want) {
		t.Errorf("order = %v, want %v", order, want)
	}
}
