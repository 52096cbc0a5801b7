//go:build !js

package loss

import (
	"testing"

	"github.com/tetherws/tether/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }
