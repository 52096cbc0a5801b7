package retry_test

import (
	"testing"

	"github.com/tetherws/tether/internal/importcheck"
)

// TestPurePolicyImports keeps the package a pure policy that links into the
// browser build: standard library basics, backoff, internal/errfmt (fmt's
// small subset), the reconnect policy it runs and the error types it
// classifies (transport, subprotocol) and their close-code names only, no other tether package, no
// networking or TLS, no fmt (it drags reflect into the wasm), and no build
// tags.
func TestPurePolicyImports(t *testing.T) {
	importcheck.Only(t,
		"context", "errors", "math", "math/rand/v2", "time",
		"github.com/cenkalti/backoff/v4", "github.com/tetherws/tether/internal/errfmt",
		"github.com/tetherws/tether/reconnect", "github.com/tetherws/tether/transport",
		"github.com/tetherws/tether/internal/closecode", "github.com/tetherws/tether/subprotocol")
}
