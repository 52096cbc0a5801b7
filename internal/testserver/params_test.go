//go:build !js

package testserver

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestBadQueryIs400(t *testing.T) {
	r := start(t, Options{})
	for _, tc := range []struct{ path, want string }{
		{"/echo?drop_after=soon", "drop_after"},
		{"/echo?drop_after=-1", "drop_after"},
		{"/echo?close_after=99999999", "close_after"},
		{"/chaos?close_after=10&code=1005", "code=1005"},
		{"/chaos?close_after=10&code=999", "code"},
		{"/chaos?code=4000", "need close_after"},
		{"/chaos?status=101", "status"},
		{"/chaos?status=abc", "status"},
		{"/chaos?retry_after=3", "needs status"},
		{"/chaos?status=503&retry_after=-2", "retry_after"},
		{"/chaos?app_ping=yes", "app_ping"},
		{"/chaos?slow_read=1&hold=1", "slow_read"},
		{"/chaos?fail_first=x", "fail_first"},
		{"/chaos?drop_after=1&drop_after=2", "given 2 times"},
		{"/chaos?key=" + strings.Repeat("k", 200), "key"},
		{"/chaos?close_after=1&reason=" + strings.Repeat("r", 124), "reason"},
		{"/chaos?close_after=1&reason=%0Abad", "reason"},
		{"/reject?status=1000", "status"},
		{"/subprotocol/select", "proto"},
		{"/subprotocol/bogus?proto=a%0D%0Ab", "proto"},
		{"/stats?key=a&key=b", "key"},
	} {
		status, body := get(t, r.HTTPURL(tc.path))
		if status != 400 || !strings.Contains(body, tc.want) {
			t.Errorf("GET %s: %d %q; want 400 mentioning %q", tc.path, status, body, tc.want)
		}
	}
}

func TestNotAHandshakeIs400(t *testing.T) {
	r := start(t, Options{})
	for _, path := range []string{"/echo", "/subprotocol/none", "/subprotocol/bogus"} {
		if status, body := get(t, r.HTTPURL(path)); status != 400 || !strings.Contains(body, "handshake") {
			t.Errorf("plain GET %s: %d %q; want 400", path, status, body)
		}
	}
	if status, _ := get(t, r.HTTPURL("/reject?status=418")); status != 418 {
		t.Errorf("plain GET /reject?status=418: %d", status)
	}
	if status, body := get(t, r.HTTPURL("/")); status != 200 || !strings.Contains(body, "/chaos") {
		t.Errorf("GET /: %d %q", status, body)
	}
}

func TestUnknownParamsIgnored(t *testing.T) {
	r := start(t, Options{})
	expectEcho(t, dial(t, r.URL("/echo?token=secret&_=123")), "ok")
}

func get(t *testing.T, url string) (int, string) {
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
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	return resp.StatusCode, string(b)
}

func FuzzParseScript(f *testing.F) {
	for _, s := range []string{
		"drop_after=10", "close_after=5&code=4000&reason=x", "status=503&retry_after=1&fail_first=2",
		"slow_read=1", "app_ping=true&server_ping_every=10", "key=a&key=b", "code=%ff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		sc, err := parseScript(q)
		if err != nil {
			return
		}
		if sc.code != 0 && !sendableCode(sc.code) || len(sc.reason) > maxReasonLen || len(sc.key) > maxKeyLen {
			t.Fatalf("accepted an invalid script %+v from %q", sc, raw)
		}
		if sc.failFirst > 0 && sc.status == 0 {
			t.Fatalf("fail_first without a status from %q", raw)
		}
	})
}
