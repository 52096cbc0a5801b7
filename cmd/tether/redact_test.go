//go:build !js

package main

import (
	"strings"
	"testing"

	"github.com/tetherws/tether/internal/redact"
)

// Credentials in the URL (all of the user info, every query value) appear
// nowhere: not in events, status lines or error text.
func TestCredentialsRedactedEverywhere(t *testing.T) {
	t.Parallel()
	addr := freePort(t) // refused: the error text names the URL
	secrets := []string{"tok3nUser", "hunter22", "aaaaaa1", "bbbbbb2", "cccccc3", "dddddd4", "lobby-42"}
	for _, u := range []string{
		"ws://tok3nUser@" + addr + "/?access_token=aaaaaa1&api_key=bbbbbb2&room=lobby-42",
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
	want := "ws://REDACTED@" + addr + "/?access_token=REDACTED&room=REDACTED"
	if c := r.only("connecting"); len(c) != 1 || c[0].str("url") != want {
		t.Errorf("connecting %v, want url %s", c, want)
	}
}

// Every query value is redacted, whatever its parameter's name and however
// pairs are separated (issue 13 item 8); -H values and credential -p entries
// are scrubbed from error text too.
func TestEveryQueryValueRedacted(t *testing.T) {
	t.Parallel()
	addr := freePort(t)
	u := "ws://" + addr + "/p?auth_token=SECRET1&client_secret=SECRET2&x-api-key=SECRET3&api_key=SECRET4&a=1;token=SECRET5"
	want := "ws://" + addr + "/p?auth_token=REDACTED&client_secret=REDACTED&x-api-key=REDACTED&api_key=REDACTED&a=REDACTED;token=REDACTED"
	for _, mode := range []string{"--json", "--quiet=false"} {
		r := runInProcess(t, nil, "connect", u, mode, "-H", "X-Api-Key: SECRET6",
			"-p", "base64url.bearer.authorization.k8s.io.SECRET7")
		if strings.Contains(r.stdout+r.stderr, "SECRET") || !strings.Contains(r.stdout+r.stderr, want) {
			t.Errorf("%s: want %s and no SECRET\n%s", mode, want, r)
		}
	}
}

func TestRedactURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"ws://h/p?room=1":                     "ws://h/p?room=REDACTED",
		"wss://TOKEN@h/p":                     "wss://REDACTED@h/p",
		"wss://u:p@h/p?token=t&x=1":           "wss://REDACTED@h/p?token=REDACTED&x=REDACTED",
		"ws://h/p?Access_Token=a&refresh=b":   "ws://h/p?Access_Token=REDACTED&refresh=REDACTED",
		"ws://h/p?jwt=a&session=b&ticket=c#f": "ws://h/p?jwt=REDACTED&session=REDACTED&ticket=REDACTED",
	} {
		if got := redact.URL(in); got != want {
			t.Errorf("redact.URL(%q) = %q, want %q", in, got, want)
		}
	}
}

// scrubText redacts every URL it finds in free text by the same rule.
func TestScrubText(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`dial "wss://TOKEN@h/p": refused`:               `dial "wss://REDACTED@h/p": refused`,
		`Get "http://h/p?a=1;key=k&x=y": EOF`:           `Get "http://h/p?a=REDACTED;key=REDACTED&x=REDACTED": EOF`,
		"moved to https://h/room?tok=abc (302) at 4001": "moved to https://h/room?tok=REDACTED (302) at 4001",
	} {
		if got := scrubText(in, nil); got != want {
			t.Errorf("scrubText(%q) = %q, want %q", in, got, want)
		}
	}
}
