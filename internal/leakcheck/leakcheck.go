// Package leakcheck fails a test binary that leaves Tether goroutines running.
package leakcheck

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// marker identifies goroutines running this module's code.
const marker = "github.com/tetherws/tether/"

// Main runs the tests, then fails the binary if goroutines started by this
// module's code are still running after a grace period. Use it from TestMain:
//
//	func TestMain(m *testing.M) { leakcheck.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	if code == 0 {
		if leaked := Wait(5 * time.Second); leaked != "" {
			fmt.Fprintf(os.Stderr, "leakcheck: goroutines still running after the tests:\n%s\n", leaked)
			code = 1
		}
	}
	os.Exit(code)
}

// Wait polls, with a growing interval, until no module goroutine other than the
// caller runs or timeout passes; it returns the leaked stacks, or "".
func Wait(timeout time.Duration) string {
	deadline := time.Now().Add(timeout)
	pause := time.Millisecond
	for {
		leaked := Leaked()
		if leaked == "" || time.Now().After(deadline) {
			return leaked
		}
		time.Sleep(pause)
		pause = min(2*pause, 100*time.Millisecond)
	}
}

// Leaked returns the stacks of running goroutines that execute module code,
// other than the calling goroutine and the leak checker itself. A goroutine
// that has returned and is exiting (only its "created by" line names module
// code) is not running any.
func Leaked() string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var out []string
	for i, g := range strings.Split(string(buf), "\n\n") {
		if i == 0 || !strings.Contains(g, marker) || strings.Contains(g, marker+"internal/leakcheck.") {
			continue
		}
		if strings.Contains(g, "testing.tRunner") || strings.Contains(g, "testing.(*M).Run") || exiting(g) {
			continue
		}
		out = append(out, g)
	}
	return strings.Join(out, "\n\n")
}

// exiting reports whether goroutine stack g is that of a goroutine whose
// function has returned: its innermost frame is the runtime's goexit.
func exiting(g string) bool {
	lines := strings.SplitN(g, "\n", 3)
	return len(lines) > 1 && strings.HasPrefix(lines[1], "runtime.goexit")
}
