//go:build unix

package measure

import (
	"testing"

	"github.com/tetherws/tether/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }
