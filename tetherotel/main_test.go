package tetherotel

import (
	"testing"

	"github.com/tetherws/tether/internal/leakcheck"
)

// TestMain fails the run when a goroutine of this module or the sdk outlives
// the tests (a client not closed, a server handler still running).
func TestMain(m *testing.M) { leakcheck.Main(m) }
