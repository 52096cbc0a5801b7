package negotiate

import (
	"strings"

	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/internal/wserr"
)

// ParseHeader splits the values of one or more Sec-WebSocket-Protocol header
// lines into names. Each value is a comma-separated list; optional whitespace
// (space and horizontal tab) around elements is trimmed and empty elements are
// ignored, as the RFC 7230 #rule allows. Every remaining element must be a
// token ([IsToken]); otherwise the error wraps [wserr.ErrInvalidSubprotocolName]
// and says which element and why, without quoting it. Duplicates are kept:
// judging them is [Offer.Check]'s job. No values, or only empty elements, give
// nil.
func ParseHeader(values []string) ([]string, error) {
	var names []string
	for vi, v := range values {
		for ei, elem := range strings.Split(v, ",") {
			elem = strings.Trim(elem, " \t")
			if elem == "" {
				continue
			}
			if p := tokenProblem(elem); p != "" {
				return nil, errfmt.Errorf("%w: header value %d, element %d %s", wserr.ErrInvalidSubprotocolName, vi, ei, p)
			}
			names = append(names, elem)
		}
	}
	return names, nil
}

// FormatHeader joins names into one header value, "a, b, c". It does not
// validate them; see [Offer.Validate]. No names give "".
func FormatHeader(names []string) string {
	return strings.Join(names, ", ")
}
