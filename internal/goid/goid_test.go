package goid

import "testing"

func TestCurrentDiffersAcrossGoroutines(t *testing.T) {
	here := Current()
	if here == 0 {
		t.Fatal("Current() = 0")
	}
	other := make(chan uint64)
	go func() { other <- Current() }()
	if there := <-other; there == 0 || there == here {
		t.Fatalf("ids %d and %d", here, there)
	}
}
