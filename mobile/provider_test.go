//go:build !js

package mobile

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/tetherws/tether/sdk"
)

// provider is a CredentialsProvider made of a function; it logs the attempts
// it was asked for.
type provider struct {
	mu       sync.Mutex
	attempts []int64
	f        func(attempt int64) (*Credentials, error)
}

func (p *provider) Credentials(attempt int64) (*Credentials, error) {
	p.mu.Lock()
	p.attempts = append(p.attempts, attempt)
	p.mu.Unlock()
	return p.f(attempt)
}

func (p *provider) asked() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return fmt.Sprint(p.attempts)
}

// TestCredentialsRefreshedBetweenAttempts runs a client whose provider hands
// out the token an auth service currently issues, against a server that
// accepts only the current token. The provider's token replaces
// Config.BearerToken from the first attempt; when the server expires it and
// closes the connection, the reconnect gets the fresh one; when the provider
// falls behind, the server refuses the old token (401, final by the default
// policy). No token shows in an event.
func TestCredentialsRefreshedBetweenAttempts(t *testing.T) {
	srv := &tokenServer{valid: "secret-1"}
	url := serveWS(t, srv.ServeHTTP)
	var issued atomic.Value
	issued.Store("secret-1")
	p := &provider{f: func(int64) (*Credentials, error) {
		return NewCredentials("", issued.Load().(string)), nil
	}}
	cfg := fastConfig()
	cfg.BearerToken = "secret-0" // the app's stale token: never sent
	cfg.CredentialsProvider = p
	c, rec := newTestClient(t, url, cfg)
	if err := c.Connect(nil); err != nil {
		t.Fatalf("Connect: %v", err)
	}
	echoes(t, c, rec, "one")

	issued.Store("secret-2")
	srv.expire("secret-2")
	i := rec.waitFor(t, 0, `close 4001 "token expired" final=false`)
	i = rec.waitFor(t, i, `open proto="" reconnect=true`)
	echoes(t, c, rec, "two")

	srv.expire("secret-3") // the auth service still issues secret-2
	i = rec.waitFor(t, i, "error handshake: tether:")
	rec.waitFor(t, i, `close 1006 "" final=true`)
	checkLastFinal(t, rec)

	want := "[secret-1 accepted secret-2 accepted secret-2 rejected]"
	if got := fmt.Sprint(srv.handshakes()); got != want {
		t.Errorf("server saw %s, want %s", got, want)
	}
	if got := p.asked(); got != "[1 2 3]" {
		t.Errorf("provider asked for attempts %s, want [1 2 3]", got)
	}
	for _, ev := range rec.snapshot() {
		if strings.Contains(ev, "secret") {
			t.Errorf("a token leaked into an event: %q", ev)
		}
	}
}

// echoes sends text and waits for its echo.
func echoes(t *testing.T, c *Client, rec *recorder, text string) {
	t.Helper()
	from := len(rec.snapshot())
	if err := c.SendText(text, nil); err != nil {
		t.Fatalf("SendText(%q): %v", text, err)
	}
	rec.waitFor(t, from, "text "+text)
}

// TestCredentialsProviderURL: with a provider, NewClient's url may be empty;
// a provider error fails the attempt (kindCredentials), which
// RetryFirstDial retries like a network failure.
func TestCredentialsProviderURL(t *testing.T) {
	srv := startServer(t)
	p := &provider{f: func(attempt int64) (*Credentials, error) {
		if attempt == 1 {
			return nil, errors.New("offline")
		}
		return NewCredentials(srv.URL("/echo?key=provider-url"), ""), nil
	}}
	cfg := fastConfig()
	cfg.RetryFirstDial = true
	cfg.CredentialsProvider = p
	c, rec := newTestClient(t, "", cfg)
	if err := c.Connect(nil); err != nil {
		t.Fatalf("Connect: %v", err)
	}
	i := rec.waitFor(t, 0, "error credentials: tether: BeforeDial: credentials provider: offline")
	i = rec.waitFor(t, i, "reconnecting attempt=2")
	rec.waitFor(t, i, `open proto="" reconnect=false`)
	echoes(t, c, rec, "via the provider's URL")
	closeAndCheck(t, c, rec, `close 1000 "" final=true`)
}

// TestCredentialsProviderFailsFirstAttempt: without RetryFirstDial a provider
// error is a failed Connect like any other.
func TestCredentialsProviderFailsFirstAttempt(t *testing.T) {
	cfg := NewConfig()
	cfg.CredentialsProvider = &provider{f: func(int64) (*Credentials, error) {
		return nil, errors.New("no account")
	}}
	c, rec := newTestClient(t, "", cfg)
	if err := c.Connect(nil); ErrorKindOf(err) != kindCredentials {
		t.Fatalf("Connect = %v (kind %q), want kind credentials", err, ErrorKindOf(err))
	}
	i := rec.waitFor(t, 0, "error credentials: ")
	rec.waitFor(t, i, `close 1006 "" final=true`)
	checkLastFinal(t, rec)
}

// TestCredentialsApply: empty fields and nil keep the previous attempt's
// values; a token replaces the Authorization header in a copy.
func TestCredentialsApply(t *testing.T) {
	prev := sdk.DialParams{URL: "ws://a/", Header: map[string][]string{
		"Authorization": {"Bearer old"}, "X-App": {"1"}}}
	if got := (*Credentials)(nil).apply(prev); fmt.Sprint(got) != fmt.Sprint(prev) {
		t.Errorf("nil changed the parameters: %v", got)
	}
	got := NewCredentials("", "new").apply(prev)
	if got.URL != "ws://a/" || fmt.Sprint(got.Header) != "map[Authorization:[Bearer new] X-App:[1]]" {
		t.Errorf("token only: %v", got)
	}
	if fmt.Sprint(prev.Header["Authorization"]) != "[Bearer old]" {
		t.Error("the previous attempt's header was changed")
	}
	if got := NewCredentials("ws://b/", "").apply(prev); got.URL != "ws://b/" || got.Header["Authorization"][0] != "Bearer old" {
		t.Errorf("URL only: %v", got)
	}
}
