//go:build !js

package main

import (
	"strings"
	"testing"

	"github.com/tetherws/tether/internal/redact"
)

// Credentials in the URL (all of the user info, token-like query values)
// appear nowhere: not in events, status lines or error text.
func TestCredentialsRedactedEverywhere(t *testing.T) {
	t.Parallel()
	addr := freePort(t) // refused: the error text names the URL
	secrets := []string{"tok3nUser", "hunter22", "aaaaaa1", "bbbbbb2", "cccccc3", "dddddd4"}
	for _, u := range []string{
		"ws://tok3nUser@" + addr + "/?access_token=aaaaaa1&api_key=bbbbbb2&room=lobby",
		"ws://alice:hunter22@" + addr + "/?password=cccccc3&sig=dddddd4",
	} {
		for _, mode := range []string{"--json", "--quiet=false"} {
			r := runText(t, nil, "connect", u, mode)
			all := r.stdout + r.stderr
			for _, s := range secrets {
				if strings.Contains(all, s) {
					t.Errorf("%s: %q leaked\n%s", mode, s, r)
				}
			}
			if r.code != exitFailed || !strings.Contains(all, "ws://REDACTED@"+addr+"/?") {
				t.Errorf("%s: exit %d, no redacted URL\n%s", mode, r.code, r)
			}
		}
	}
	r := runJSON(t, nil, "connect", "ws://tok3nUser@"+addr+"/?access_token=aaaaaa1&room=lobby", "--json")
	want := "ws://REDACTED@" + addr + "/?access_token=REDACTED&room=lobby"
	if c := r.only("connecting"); len(c) != 1 || c[0].str("url") != want {
		t.Errorf("connecting %v, want url %s", c, want)
	}
}

func TestRedactURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"ws://h/p?room=1":                     "ws://h/p?room=1",
		"wss://TOKEN@h/p":                     "wss://REDACTED@h/p",
		"wss://u:p@h/p?token=t&x=1":           "wss://REDACTED@h/p?token=REDACTED&x=1",
		"ws://h/p?Access_Token=a&refresh=b":   "ws://h/p?Access_Token=REDACTED&refresh=b",
		"ws://h/p?jwt=a&session=b&ticket=c#f": "ws://h/p?jwt=REDACTED&session=REDACTED&ticket=REDACTED",
	} {
		if got := redact.URL(in); got != want {
			t.Errorf("redact.URL(%q) = %q, want %q", in, got, want)
		}
	}
	if got := scrubText(`dial "wss://TOKEN@h/p": refused`, nil); got != `dial "wss://REDACTED@h/p": refused` {
		t.Errorf("scrubText: %q", got)
	}
}
