package negotiate

import (
	"strconv"
	"strings"

	"github.com/tetherws/tether/internal/errfmt"
)

// ParseVersion splits a versioned name such as "chat.v3" into its family
// ("chat") and version (3). The name must be a token ending in ".vN", where N
// is a decimal number without sign or leading zeros (so each version has one
// spelling) and the family is not empty. Otherwise ok is false.
func ParseVersion(name string) (family string, version int, ok bool) {
	i := strings.LastIndex(name, ".v")
	if i <= 0 || !IsToken(name) {
		return "", 0, false
	}
	digits := name[i+2:]
	if !isCanonicalNumber(digits) {
		return "", 0, false
	}
	v, err := strconv.Atoi(digits)
	if err != nil {
		return "", 0, false
	}
	return name[:i], v, true
}

func isCanonicalNumber(s string) bool {
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Family returns the versioned names of a protocol family in the order given,
// most preferred first: Family("chat", 3, 2, 1) is [chat.v3 chat.v2 chat.v1].
// Negative versions are skipped; no versions give nil.
func Family(name string, versions ...int) []string {
	var names []string
	for _, v := range versions {
		if v >= 0 {
			names = append(names, name+".v"+strconv.Itoa(v))
		}
	}
	return names
}

// CompareVersions compares two versioned names of the same family and returns
// -1, 0 or +1 as a's version is lower than, equal to or higher than b's. It
// returns an error when either name is not versioned ([ParseVersion]) or the
// families differ.
func CompareVersions(a, b string) (int, error) {
	fa, va, okA := ParseVersion(a)
	fb, vb, okB := ParseVersion(b)
	switch {
	case !okA:
		return 0, errfmt.Errorf("tether: subprotocol %s has no .vN version suffix", shown(a))
	case !okB:
		return 0, errfmt.Errorf("tether: subprotocol %s has no .vN version suffix", shown(b))
	case fa != fb:
		return 0, errfmt.Errorf("tether: subprotocols %s and %s are in different families", shown(a), shown(b))
	}
	switch {
	case va < vb:
		return -1, nil
	case va > vb:
		return 1, nil
	}
	return 0, nil
}

// maxValueShown is how many bytes of a name an error message quotes (as
// subprotocol.MismatchError does).
const maxValueShown = 40

// shown quotes name for an error message, cut to maxValueShown bytes, or
// redacts it when it is a credential.
func shown(name string) string {
	if IsCredential(name) {
		return redactedCredential
	}
	cut, rest := cutValue(name, maxValueShown)
	if rest {
		return strconv.Quote(cut) + "…"
	}
	return strconv.Quote(cut)
}
