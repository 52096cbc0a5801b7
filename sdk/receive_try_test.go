package sdk

import (
	"errors"
	"testing"
)

// TestReceivePollNeverWaits: on an idle connection a Receive with an ended
// context reports nothing at once (a blocking poll would hang the test).
func TestReceivePollNeverWaits(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/echo", nil)
	for i := 0; i < 100; i++ {
		if m, err := c.Receive(polled); err == nil {
			t.Fatalf("a poll on an idle connection returned %q", m.Data)
		}
	}
}

// TestReceivePollAfterClose: a closed client has nothing more to poll, and
// says it is closed.
func TestReceivePollAfterClose(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/echo", noReconnect())
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if m, err := c.Receive(polled); !errors.Is(err, ErrClosed) {
		t.Fatalf("a poll after Close returned %q, %v; want ErrClosed", m.Data, err)
	}
}
