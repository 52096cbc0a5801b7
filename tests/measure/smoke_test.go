//go:build unix

package measure

import (
	"testing"
	"time"
)

// TestMeasurementsRun keeps the measurements working in a plain `go test`:
// two short outages and a short idle wait, checked only for being recorded
// (no timing assertions).
func TestMeasurementsRun(t *testing.T) {
	for _, s := range measureOutages(t, 2, 50*time.Millisecond) {
		if s.opened.IsZero() || s.dialed.IsZero() {
			t.Fatalf("outage not recorded: %+v", s)
		}
	}
	if r := measureIdle(t, 2, 100*time.Millisecond); r.goroutines <= 0 {
		t.Fatalf("idle measurement: %+v", r)
	}
}
