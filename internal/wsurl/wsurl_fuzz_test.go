package wsurl

import (
	"net/url"
	"strings"
	"testing"
)

// urlSeeds are URLs of every shape Parse must handle or refuse.
var urlSeeds = []string{
	"ws://h/x", "wss://h:443/p?q=1#f", "WS://u:p@h:1/p?q#", "ws://[::1]:8080/echo",
	"ws://[fe80::1%25en0]/", "ws://[::ffff:1.2.3.4]/", "ws://[::1", "ws:///x", "ws://:80/",
	"ws://h:port/", "ws://h/%zz", "ws://h/%41?a=%2F#%20", "ws://u%40x@h/", "ws://a@b@h/",
	"ws:h", "1ws://h/", "ws://h/\x7f", "ws://h\x00/", "ws://h/p q", "ws://h/é", "", "#", "ws://h?",
}

// FuzzParse checks that Parse never panics, accepts only what net/url
// accepts, agrees with net/url on every part it returns, and that String
// parses back to the same URL.
func FuzzParse(f *testing.F) {
	for _, s := range urlSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := Parse(raw)
		if err != nil {
			if err != ErrSyntax {
				t.Fatalf("Parse(%q) error %v is not ErrSyntax", raw, err)
			}
			return
		}
		nu, nerr := url.Parse(raw)
		if nerr != nil {
			t.Fatalf("Parse(%q) accepted what net/url refuses: %v", raw, nerr)
		}
		checkAgrees(t, raw, u, nu)
		again, err := Parse(u.String())
		if err != nil || again != u {
			t.Fatalf("Parse(%q).String() = %q parses to %+v, %v; want %+v", raw, u.String(), again, err, u)
		}
	})
}

// checkAgrees compares the parts of u with net/url's reading of raw.
func checkAgrees(t *testing.T, raw string, u URL, nu *url.URL) {
	t.Helper()
	path, _ := Unescape(u.Path, false)
	frag, _ := Unescape(u.Fragment, false)
	switch {
	case u.Scheme != strings.ToLower(nu.Scheme):
		t.Fatalf("Parse(%q).Scheme = %q, net/url %q", raw, u.Scheme, nu.Scheme)
	case u.Host != nu.Host || u.Hostname() != nu.Hostname():
		t.Fatalf("Parse(%q) host %q (%q), net/url %q (%q)", raw, u.Host, u.Hostname(), nu.Host, nu.Hostname())
	case u.HasUser != (nu.User != nil):
		t.Fatalf("Parse(%q).HasUser = %v, net/url user %v", raw, u.HasUser, nu.User != nil)
	case path != nu.Path:
		t.Fatalf("Parse(%q) path %q, net/url %q", raw, path, nu.Path)
	case u.RawQuery != nu.RawQuery || u.HasQuery != (nu.ForceQuery || nu.RawQuery != ""):
		t.Fatalf("Parse(%q) query %q (%v), net/url %q (%v)", raw, u.RawQuery, u.HasQuery, nu.RawQuery, nu.ForceQuery)
	case frag != nu.Fragment:
		t.Fatalf("Parse(%q) fragment %q, net/url %q", raw, frag, nu.Fragment)
	}
}

// FuzzUnescape checks Unescape against url.PathUnescape and
// url.QueryUnescape, and QueryEscape against url.QueryEscape and Unescape.
func FuzzUnescape(f *testing.F) {
	for _, s := range []string{"", "a", "%41", "%4", "%zz", "a+b", "%2B+%20", "%", "100%25", "\xff%ff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, query := range []bool{false, true} {
			got, err := Unescape(s, query)
			want, werr := url.PathUnescape(s)
			if query {
				want, werr = url.QueryUnescape(s)
			}
			if (err != nil) != (werr != nil) || (err == nil && got != want) {
				t.Fatalf("Unescape(%q, %v) = %q, %v; net/url %q, %v", s, query, got, err, want, werr)
			}
		}
		esc := QueryEscape(s)
		if want := url.QueryEscape(s); esc != want {
			t.Fatalf("QueryEscape(%q) = %q, net/url %q", s, esc, want)
		}
		if back, err := Unescape(esc, true); err != nil || back != s {
			t.Fatalf("Unescape(QueryEscape(%q)) = %q, %v", s, back, err)
		}
	})
}
