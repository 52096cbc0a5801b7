//go:build js && wasm

package sdk

import (
	"os"
	"testing"
)

// testServerURL returns the base URL of the test server that the native test
// runner (tests/wasm) started for this js/wasm test binary.
func testServerURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("TETHER_TEST_SERVER")
	if u == "" {
		t.Skip("TETHER_TEST_SERVER not set: run through the tests module's wasm runner")
	}
	return u
}
