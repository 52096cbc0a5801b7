//go:build !js

package testserver

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

func TestFailFirstCountsPerKey(t *testing.T) {
	r := start(t, Options{})
	url := func(key string) string { return r.URL("/chaos?fail_first=2&retry_after=1&key=" + key) }
	for i := 1; i <= 2; i++ {
		_, resp, err := tryDial(t, url("A"))
		if err == nil || resp.StatusCode != 503 || resp.Header.Get("Retry-After") != "1" {
			t.Fatalf("attempt %d: err %v, resp %v; want 503 with Retry-After 1", i, err, resp)
		}
	}
	if _, resp, err := tryDial(t, url("B")); err == nil || resp.StatusCode != 503 {
		t.Fatalf("key B first attempt: err %v; want its own count (503)", err)
	}
	expectEcho(t, dial(t, url("A")), "third time")

	if got, want := r.Server().Stats("A"), (KeyStats{Handshakes: 3, Accepted: 1, Rejected: 2}); got != want {
		t.Fatalf("Stats(A) = %+v, want %+v", got, want)
	}
	times := r.Server().Handshakes("A")
	if len(times) != 3 || times[1].Before(times[0]) || times[2].Before(times[1]) {
		t.Fatalf("Handshakes(A) = %v, want 3 ordered times", times)
	}
	if n := len(r.Server().Handshakes("nobody")); n != 0 {
		t.Fatalf("Handshakes(nobody) has %d entries", n)
	}
}

func TestStatsEndpoint(t *testing.T) {
	r := start(t, Options{})
	_, _, _ = tryDial(t, r.URL("/reject?key=k1"))
	expectEcho(t, dial(t, r.URL("/echo?key=k2")), "x")

	var all map[string]KeyStats
	getJSON(t, r.HTTPURL("/stats"), &all)
	if all["k1"] != (KeyStats{1, 0, 1}) || all["k2"] != (KeyStats{1, 1, 0}) {
		t.Fatalf("/stats = %+v", all)
	}
	var one keyReport
	getJSON(t, r.HTTPURL("/stats?key=k2"), &one)
	if one.KeyStats != (KeyStats{1, 1, 0}) || len(one.HandshakeTimes) != 1 {
		t.Fatalf("/stats?key=k2 = %+v", one)
	}
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	req, err := http.NewRequestWithContext(timeout(t, patience), "GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

func TestStatsTableBounds(t *testing.T) {
	st := newStatsTable()
	now := time.Now()
	for i := range maxTimes + 5 {
		if n, ok := st.handshake("k", now.Add(time.Duration(i))); !ok || n != i+1 {
			t.Fatalf("handshake %d: n=%d ok=%v", i, n, ok)
		}
	}
	_, times := st.get("k")
	if len(times) != maxTimes || !times[0].Equal(now.Add(5)) {
		t.Fatalf("kept %d times starting %v; want the newest %d", len(times), times[0], maxTimes)
	}
}
