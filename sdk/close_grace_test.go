package sdk

import (
	"context"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/tetherws/tether/internal/liveness"
	"github.com/tetherws/tether/transport"
)

// abortCount is a transport.Conn that counts Abort calls; nothing else of
// it is called here.
type abortCount struct {
	transport.Conn
	aborts atomic.Int32
}

func (c *abortCount) Abort(int, string) { c.aborts.Add(1) }

// release waits for the write grace's cut when its timer fired as release
// began: no work of the connection's goes on after Close returns.
func TestReleaseWaitsForGraceCut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tc := &abortCount{}
		parent, closeClient := context.WithCancel(context.Background())
		cn := newConnection(parent, tc, 1, liveness.Plan{}, new(atomic.Int32), func(*connection) bool { return true })
		cn.writers.Add(1) // a write in progress when Close is called
		closeClient()     // the connection ends; writes get closeWriteGrace
		time.Sleep(closeWriteGrace)
		cn.release()
		if n := tc.aborts.Load(); n != 2 {
			t.Fatalf("%d aborts when release returned; want 2 (the grace's cut, then release's)", n)
		}
	})
}
