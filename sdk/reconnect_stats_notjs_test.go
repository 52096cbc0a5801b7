//go:build !js

package sdk

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// serverHandshakes returns the times at which the test server at base saw the
// handshakes counted under key, oldest first; ok is false where the server's
// /stats cannot be fetched (js/wasm).
func serverHandshakes(t testing.TB, base, key string) (times []time.Time, ok bool) {
	t.Helper()
	u := "http" + strings.TrimPrefix(base, "ws") + "/stats?key=" + key
	req, err := http.NewRequestWithContext(testCtx(t), http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatalf("GET /stats: %v", err)
	}
	defer resp.Body.Close()
	var body struct {
		Times []time.Time `json:"handshake_times"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("GET /stats: %v", err)
	}
	return body.Times, true
}
