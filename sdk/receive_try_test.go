package sdk

import "testing"

// TestTryReceiveNeverWaits: on an idle connection TryReceive reports nothing
// at once (a blocking TryReceive would hang the test).
func TestTryReceiveNeverWaits(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/echo", nil)
	for i := 0; i < 100; i++ {
		if m, ok := c.TryReceive(); ok {
			t.Fatalf("TryReceive on an idle connection returned %q", m.Data)
		}
	}
}

// TestTryReceiveAfterClose: a closed client has nothing more to try.
func TestTryReceiveAfterClose(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/echo", noReconnect())
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if m, ok := c.TryReceive(); ok {
		t.Fatalf("TryReceive after Close returned %q", m.Data)
	}
}
