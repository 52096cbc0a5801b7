package reconnect_test

import (
	"testing"

	"github.com/tetherws/tether/internal/importcheck"
)

// TestPlainValueImports keeps the package the plain value users configure:
// time only (the machinery that runs a Policy is internal/retry), and no
// build tags.
func TestPlainValueImports(t *testing.T) {
	importcheck.Only(t, "time")
}
