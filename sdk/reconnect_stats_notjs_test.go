//go:build !js

package sdk

import (
	"testing"
	"time"
)

// serverHandshakes returns the times at which the test server at base saw the
// handshakes counted under key, oldest first; ok is false where the server's
// /stats cannot be fetched (js/wasm).
func serverHandshakes(t testing.TB, base, key string) (times []time.Time, ok bool) {
	t.Helper()
	var body struct {
		Times []time.Time `json:"handshake_times"`
	}
	serverGetJSON(t, base, "/stats?key="+key, &body)
	return body.Times, true
}
