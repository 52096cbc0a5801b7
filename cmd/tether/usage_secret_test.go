//go:build !js

package main

import (
	"strings"
	"testing"
)

// Usage errors name the flag and the problem, never a header value, a query
// value or credential-looking text (issue 13 item 9).
func TestUsageErrorsHideSecrets(t *testing.T) {
	t.Parallel()
	const u = "ws://127.0.0.1:1/"
	bearer := "base64url.bearer.authorization.k8s.io.SECRET"
	for _, tc := range []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"header without colon", []string{u, "-H", "Authorization Bearer SECRET"}, `-H/--header: want "Name: value" (value not shown)`},
		{"header with CR LF", []string{u, "-H", "Authorization: Bearer SECRET\r\nX-Evil: 1"}, "-H/--header Authorization: the value contains a control character"},
		{"header with LF", []string{u, "-H", "X-Api-Key: SECRET\nX: y"}, "-H/--header X-Api-Key:"},
		{"header name is the value", []string{u, "-H", "Bearer SECRET: x"}, "not a valid header name"},
		{"reserved header", []string{u, "-H", "Sec-WebSocket-Protocol: SECRET"}, "tether sets Sec-Websocket-Protocol itself"},
		{"glued -H", []string{u, "-HAuthorization: Bearer SECRET"}, "unknown flag (not shown)"},
		{"glued token", []string{u, "-HSECRET"}, "unknown flag (not shown)"},
		{"glued entry", []string{u, "-pSECRET"}, "unknown flag (not shown)"},
		{"unknown long flag", []string{u, "--proxi"}, "unknown flag --proxi"},
		{"proxy password", []string{u, "--proxy", "ftp://user:SECRET@proxy:1"}, `--proxy "ftp://REDACTED@proxy:1"`},
		{"header source line", []string{u, "--header-from", "env:TETHER_TEST_NO_SUCH_VARIABLE"}, "not set"},
		{"bearer entry twice", []string{u, "-p", bearer, "-p", bearer}, "(a credential entry, not shown) given twice"},
		{"invalid entry", []string{u, "-p", "bearer SECRET"}, "-p/--subprotocol: entry 1 is not a valid"},
		{"invalid second entry", []string{u, "-p", "chat", "-p", bearer + "=="}, "entry 2 is not a valid"},
		{"bad duration value", []string{u, "--timeout", "SECRET"}, "-timeout: invalid value (not shown)"},
		{"bad bool value", []string{u, "--json=SECRET"}, "-json: invalid value (not shown)"},
		{"bad int value", []string{u, "--count", "SECRET"}, "-count: invalid value (not shown)"},
		{"extra argument", []string{u, "Authorization: Bearer SECRET"}, "unexpected argument after the URL (not shown"},
		{"URL is a header", []string{"Authorization: Bearer SECRET"}, "invalid URL (not shown)"},
		{"URL query", []string{"ftp://h/?a=1;auth_token=SECRET"}, `invalid URL "ftp://h/?a=REDACTED;auth_token=REDACTED"`},
		{"scheme", []string{"SECRET:x"}, "invalid URL (not shown): unsupported scheme"},
		{"URL user", []string{"ftp://SECRET@h/"}, `invalid URL "ftp://REDACTED@h/"`},
		{"origin", []string{u, "--origin", "SECRET"}, "--origin (not shown)"},
		{"origin user", []string{u, "--origin", "https://SECRET@"}, "--origin (not shown)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := runInProcess(t, nil, append([]string{"connect"}, tc.args...)...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, want 2 and %q in stderr\n%s", r.code, tc.want, r)
			}
			if strings.Contains(r.stdout+r.stderr, "SECRET") {
				t.Errorf("a credential leaked:\n%s", r)
			}
		})
	}
}

// A -p entry that is a valid name and no credential is still quoted.
func TestUsageErrorsQuotePlainEntries(t *testing.T) {
	t.Parallel()
	r := runInProcess(t, nil, "connect", "ws://127.0.0.1:1/", "-p", "chat", "-p", "chat")
	if r.code != exitUsage || !strings.Contains(r.stderr, `-p/--subprotocol "chat" given twice`) {
		t.Errorf("exit %d\n%s", r.code, r)
	}
}
