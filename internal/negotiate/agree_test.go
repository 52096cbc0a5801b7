package negotiate

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tetherws/tether/subprotocol"
)

// Package subprotocol keeps its own copy of the bearer prefix and of the token
// grammar (it cannot import this package, which imports it). These tests
// check that the copies agree with this package's.

func TestBearerPrefixIsBearerTokensPrefix(t *testing.T) {
	if got := subprotocol.BearerToken(""); got != bearerPrefix {
		t.Fatalf("BearerToken(\"\") = %q, want bearerPrefix %q", got, bearerPrefix)
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
