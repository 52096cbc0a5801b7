//go:build unix

package peers

import (
	"testing"

	"github.com/tetherws/tether/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }
