//go:build unix

package peers

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// serverProtocols is the subprotocol list both servers support.
const serverProtocols = "chat.v1"

// TestNode runs the interop cases against Node's ws.
func TestNode(t *testing.T) {
	node, ws := findNode(t)
	t.Logf("node %s, ws %s", nodeVersion(t, node), ws)
	addr := startPeer(t, "node ws", "node", node, "server.mjs",
		"--protocols="+serverProtocols, lifetimeArg, "--watch-stdin")
	runCases(t, "ws://"+addr)
}

// TestPython runs the interop cases against Python's websockets.
func TestPython(t *testing.T) {
	py, version := findPython(t)
	t.Logf("%s, websockets %s", py, version)
	addr := startPeer(t, "python websockets", "python", py, "server.py",
		"--protocols="+serverProtocols, lifetimeArg, "--watch-stdin")
	runCases(t, "ws://"+addr)
}

// findNode returns the node binary and the installed ws version, or skips.
func findNode(t *testing.T) (bin, wsVersion string) {
	t.Helper()
	bin, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not found in PATH: install Node.js to run the ws interop tests")
	}
	data, err := os.ReadFile(filepath.Join("node", "node_modules", "ws", "package.json"))
	if err != nil {
		t.Skip("the ws package is not installed: run `npm ci` in tests/peers/node (.ci/run does)")
	}
	var pkg struct{ Version string }
	if err := json.Unmarshal(data, &pkg); err != nil {
		t.Fatalf("node/node_modules/ws/package.json: %v", err)
	}
	return bin, pkg.Version
}

func nodeVersion(t *testing.T, bin string) string {
	out, err := run(bin, "--version")
	if err != nil {
		t.Fatalf("%s --version: %v", bin, err)
	}
	return out
}

// findPython returns a Python 3 that can import websockets, and the
// websockets version, or skips. TETHER_PEER_PYTHON names one to prefer;
// /usr/bin/python3 comes before the PATH's, which may be a pyenv one without
// Debian's packages.
func findPython(t *testing.T) (bin, version string) {
	t.Helper()
	candidates := []string{os.Getenv("TETHER_PEER_PYTHON"), "/usr/bin/python3"}
	if p, err := exec.LookPath("python3"); err == nil {
		candidates = append(candidates, p)
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if v, err := run(c, "-c", "import websockets; print(websockets.__version__)"); err == nil {
			return c, v
		}
	}
	t.Skip("no python3 with the websockets package: apt-get install python3-websockets (.ci/run does)")
	return "", ""
}

// run runs a short command and returns its trimmed stdout.
func run(name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, name, args...).Output()
	return strings.TrimSpace(string(out)), err
}
