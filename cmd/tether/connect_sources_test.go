//go:build !js

package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// --header-from and --subprotocol-credential-from read credentials from the
// environment or a file: the server gets them, the command line never holds
// them.
func TestCredentialsFromEnvAndFile(t *testing.T) {
	t.Parallel()
	srv := newPeer(t, nil, nil)
	dir := t.TempDir()
	hdrFile := filepath.Join(dir, "headers")
	credFile := filepath.Join(dir, "protocols")
	writeFile(t, hdrFile, []byte("# tokens for the test\nAuthorization: Bearer file-token-0123456789\n\n"))
	writeFile(t, credFile, []byte("base64url.bearer.authorization.k8s.io.dG9rZW4tMDEyMzQ1Njc4OQ\n"))
	env := []string{"TETHER_TEST_HEADERS=X-Api-Key: env-key-0123456789\nX-Second: two"}
	p := startEnv(t, env, nil, "connect", srv.url, "--json", "-p", "chat",
		"--header-from", "env:TETHER_TEST_HEADERS", "--header-from", "file:"+hdrFile,
		"--subprotocol-credential-from", "file:"+credFile, "--send", "x", "--count", "1")
	if code := p.wait(); code != exitOK {
		t.Fatalf("exit %d\n%s", code, p.stderr.String())
	}
	h := srv.header(1)
	if h.Get("X-Api-Key") != "env-key-0123456789" || h.Get("X-Second") != "two" ||
		h.Get("Authorization") != "Bearer file-token-0123456789" {
		t.Errorf("headers %v", h)
	}
	if got := strings.ReplaceAll(h.Get("Sec-WebSocket-Protocol"), " ", ""); got != "chat,base64url.bearer.authorization.k8s.io.dG9rZW4tMDEyMzQ1Njc4OQ" {
		t.Errorf("Sec-WebSocket-Protocol %q", got)
	}
	for _, secret := range []string{"env-key-0123456789", "file-token-0123456789", "dG9rZW4tMDEyMzQ1Njc4OQ"} {
		if strings.Contains(p.stdout()+p.stderr.String(), secret) {
			t.Errorf("the output shows %q", secret)
		}
	}
}

// A bad source or line is a usage error that names the source and line,
// never the content.
func TestCredentialSourceErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad")
	writeFile(t, bad, []byte("X-Ok: fine\nsecret-without-a-colon-0123456789\n"))
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--header-from", "env:TETHER_TEST_UNSET_VARIABLE"}, "not set"},
		{[]string{"--header-from", "TOKEN"}, "want env:NAME or file:PATH"},
		{[]string{"--header-from", "file:" + filepath.Join(dir, "missing")}, "no such file"},
		{[]string{"--header-from", "file:" + bad}, "line 2"},
		{[]string{"--subprotocol-credential-from", "file:" + bad}, "line 1: not a valid subprotocol entry"},
	} {
		r := runText(t, nil, append([]string{"connect", "ws://127.0.0.1:9/"}, tc.args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 saying %q", tc.args, r.code, r.stderr, tc.want)
		}
		if strings.Contains(r.stderr, "secret-without") || strings.Contains(r.stderr, "fine") {
			t.Errorf("%v: stderr shows the content: %q", tc.args, r.stderr)
		}
	}
}
