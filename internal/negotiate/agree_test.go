package negotiate

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tetherws/tether/internal/grammar"
	"github.com/tetherws/tether/subprotocol"
)

// Package subprotocol and this package share the bearer prefix and the token
// grammar (internal/grammar). These tests check that what each builds and
// shows agrees with the other.

func TestBearerPrefixIsBearerTokensPrefix(t *testing.T) {
	if got := subprotocol.BearerToken(""); got != grammar.BearerPrefix {
		t.Fatalf("BearerToken(\"\") = %q, want the prefix %q", got, grammar.BearerPrefix)
	}
	if !IsCredential(subprotocol.BearerToken("s3cret")) {
		t.Fatal("IsCredential(BearerToken(...)) = false")
	}
}

// TestMismatchErrorQuotesNonTokens: a MismatchError message shows a value
// as is exactly when IsToken accepts it, and quotes it otherwise.
func TestMismatchErrorQuotesNonTokens(t *testing.T) {
	for c := 0; c < 256; c++ {
		v := "a" + string([]byte{byte(c)})
		msg := (&subprotocol.MismatchError{Selected: []string{v}}).Error()
		want := v
		if !IsToken(v) {
			want = strconv.Quote(v)
		}
		if !strings.HasSuffix(msg, "; selected: "+want+")") {
			t.Errorf("value %q shows as %q, want %q (IsToken %v)", v, msg, want, IsToken(v))
		}
	}
}
