//go:build js && wasm

package sdk

import (
	"fmt"
	"os"
	"strings"
	"syscall/js"
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

// serverAct asks the test server at base to act now on the connections opened
// with key=key: what is "drop", "blackhole" or "close" (query adds
// "&code=N&reason=TEXT"). It uses the host's fetch (Go's net/http has no
// transport under js/wasm) and fails the test unless the server answered 200.
func serverAct(t testing.TB, base, what, key, query string) {
	t.Helper()
	u := "http" + strings.TrimPrefix(base, "ws") + "/" + what + "?key=" + key + query
	done := make(chan error, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if st := args[0].Get("status").Int(); st != 200 {
			done <- fmt.Errorf("status %d", st)
		} else {
			done <- nil
		}
		return nil
	})
	defer then.Release()
	fail := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- fmt.Errorf("fetch: %s", args[0].Call("toString").String())
		return nil
	})
	defer fail.Release()
	js.Global().Call("fetch", u).Call("then", then, fail)
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("GET /%s: %v", what, err)
		}
	case <-testCtx(t).Done():
		t.Fatalf("GET /%s: no answer", what)
	}
}

// skipInBrowserPage skips a testing/synctest test in a browser page: the
// client there listens for the page's online and visibility events, and a
// bubble cannot tell that a goroutine waiting for a browser event is durably
// blocked. The same test runs natively and under Node.
func skipInBrowserPage(t *testing.T) {
	t.Helper()
	if js.Global().Get("window").Truthy() {
		t.Skip("testing/synctest cannot see through the page's event listeners; runs natively and in Node")
	}
}
