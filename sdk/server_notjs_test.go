//go:build !js

package sdk

import (
	"strings"
	"testing"

	"github.com/tetherws/tether/internal/testserver"
)

// testServerURL starts the scriptable test server for t and returns its
// ws://127.0.0.1:PORT base URL.
func testServerURL(t testing.TB) string {
	t.Helper()
	r, err := testserver.Start("", testserver.Options{Subprotocols: testProtocols, ReadLimit: 16 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	return strings.TrimSuffix(r.URL("/"), "/")
}
