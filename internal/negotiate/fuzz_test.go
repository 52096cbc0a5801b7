package negotiate

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/subprotocol"
)

// FuzzOfferCheck checks Offer.Check against any server answer: it selects
// only an offered protocol that is not a credential, fails only with a
// MismatchError whose message is short and never holds the credential.
func FuzzOfferCheck(f *testing.F) {
	f.Add("chat.v2", "chat.v1", "tok3n123", "chat.v1", "", false)
	f.Add("chat.v2", "chat.v1", "tok3n123", "tok3n123", "", true)
	f.Add("a", "b", subprotocol.BearerToken("s3cret"), "a", "b", false)
	f.Add("a", "b", "c", "", "", true)
	f.Add("a", "b", "c", "x y", "\x00", false)
	f.Fuzz(func(t *testing.T, p1, p2, cred, sel1, sel2 string, required bool) {
		offer := Offer{Protocols: []string{p1, p2}, Credentials: []string{cred}}
		got, err := offer.Check([]string{sel1, sel2}, required)
		if err == nil {
			checkSelected(t, offer, got, required, sel1, sel2)
			return
		}
		var me *subprotocol.MismatchError
		if !errors.As(err, &me) || !errors.Is(err, wserr.ErrSubprotocolMismatch) || got != "" {
			t.Fatalf("Check = %q, %v: want a *subprotocol.MismatchError", got, err)
		}
		if n := len(err.Error()); n > maxErrorLen {
			t.Fatalf("message is %d bytes", n)
		}
		others := []string{p1, p2, sel1, sel2}
		if secretLike(cred) && !slices.ContainsFunc(others, func(s string) bool { return containsOther(s, cred) }) &&
			strings.Contains(err.Error(), cred) {
			t.Fatalf("message holds the credential: %v", err)
		}
	})
}

// checkSelected checks a successful Check.
func checkSelected(t *testing.T, o Offer, got string, required bool, sel ...string) {
	t.Helper()
	nonEmpty := slices.DeleteFunc(slices.Clone(sel), func(s string) bool { return s == "" })
	switch {
	case got == "" && (required || len(nonEmpty) > 0):
		t.Fatalf("Check(%q, %v) selected nothing without error", sel, required)
	case got != "" && (!o.offers(got) || o.isCredential(got) || !slices.Equal(nonEmpty, []string{got})):
		t.Fatalf("Check(%q) = %q, which was not offered alone", sel, got)
	}
}

// containsOther reports whether s, as written or as a message quotes it,
// holds cred other than as a value the offer redacts (the credential
// itself, in any case).
func containsOther(s, cred string) bool {
	return !strings.EqualFold(s, cred) && (strings.Contains(s, cred) || strings.Contains(strconv.Quote(s), cred))
}

// secretLike reports whether s is long and odd enough that finding it in a
// message cannot be chance: at least 6 letters and digits, with both.
func secretLike(s string) bool {
	letters, digits := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			letters++
		case '0' <= c && c <= '9':
			digits++
		default:
			return false
		}
	}
	return letters > 0 && digits > 0 && len(s) >= 6
}
