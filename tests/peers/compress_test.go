//go:build unix

package peers

import (
	"testing"

	"github.com/tetherws/tether/internal/testserver"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
	"github.com/tetherws/tether/transport/native"
)

// TestNodeCompression: Options.Compression against Node's ws with
// permessage-deflate accepted (--deflate).
func TestNodeCompression(t *testing.T) {
	node, _ := findNode(t)
	addr := startPeer(t, "node ws", "node", node, "server.mjs", lifetimeArg, "--watch-stdin", "--deflate")
	testCompression(t, "ws://"+addr+"/echo")
}

// TestPythonCompression: the same against Python's websockets, which
// accepts permessage-deflate by default.
func TestPythonCompression(t *testing.T) {
	py, _ := findPython(t)
	addr := startPeer(t, "python websockets", "python", py, "server.py", lifetimeArg, "--watch-stdin")
	testCompression(t, "ws://"+addr+"/echo")
}

// testCompression echoes JSON-like messages with each mode and checks, by
// the bytes the client wrote to the socket, that the mode was negotiated:
// compressed messages arrive intact and take far fewer bytes.
func testCompression(t *testing.T, u string) {
	const n = 100
	size := float64(len(testserver.JSONLike(0)))
	perMsg := map[transport.Compression]float64{}
	for _, mode := range []transport.Compression{transport.CompressionOff,
		transport.CompressionNoContextTakeover, transport.CompressionContextTakeover} {
		w := &testserver.WireCounter{}
		c := dial(t, u, &sdk.Options{Compression: mode, Dialer: &native.Dialer{HTTPClient: w.HTTPClient()}})
		before := w.Written()
		for i := range n {
			roundTrip(t, c, transport.TextMessage(string(testserver.JSONLike(i))))
		}
		perMsg[mode] = float64(w.Written()-before) / n
		t.Logf("compression mode %d: %.0f wire bytes per %.0f-byte message", mode, perMsg[mode], size)
	}
	if perMsg[transport.CompressionOff] < size {
		t.Errorf("off: %.0f bytes per message, less than the payload", perMsg[transport.CompressionOff])
	}
	if perMsg[transport.CompressionNoContextTakeover] > 0.8*size {
		t.Errorf("no context takeover: %.0f bytes per %.0f-byte message: not compressed", perMsg[transport.CompressionNoContextTakeover], size)
	}
	if perMsg[transport.CompressionContextTakeover] > perMsg[transport.CompressionNoContextTakeover] {
		t.Errorf("context takeover (%.0f) worse than without (%.0f)", perMsg[transport.CompressionContextTakeover], perMsg[transport.CompressionNoContextTakeover])
	}
}
