package negotiate

import (
	"strconv"

	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/subprotocol"
)

// Lookup returns the profile for the agreed protocol name, compared
// case-sensitively: the first of extra with that name, else the built-in one
// (subprotocol.GraphQLTransportWS, subprotocol.MQTT), and whether there is
// one. Each call builds the built-in profiles afresh; extra is only read.
func Lookup(extra []subprotocol.Profile, name string) (subprotocol.Profile, bool) {
	for _, p := range extra {
		if p.Name == name {
			return p, true
		}
	}
	for _, builtin := range [...]func() subprotocol.Profile{subprotocol.GraphQLTransportWS, subprotocol.MQTT} {
		if p := builtin(); p.Name == name {
			return p, true
		}
	}
	return subprotocol.Profile{}, false
}

// CheckProfiles reports whether profiles can be given as extra profiles: each
// name is a token, not a credential entry, and not given twice (compared
// case-sensitively). The error wraps [wserr.ErrInvalidSubprotocolName] and names the
// entry by index, as in "Profiles[1].Name is empty"; it quotes a duplicate
// name, never an invalid one.
func CheckProfiles(profiles []subprotocol.Profile) error {
	seen := make(map[string]int, len(profiles))
	for i, p := range profiles {
		pos := "Profiles[" + strconv.Itoa(i) + "].Name"
		if problem := tokenProblem(p.Name); problem != "" {
			return errfmt.Errorf("%w: %s %s", wserr.ErrInvalidSubprotocolName, pos, problem)
		}
		if IsCredential(p.Name) {
			return errfmt.Errorf("%w: %s is a credential entry", wserr.ErrInvalidSubprotocolName, pos)
		}
		if prev, dup := seen[p.Name]; dup {
			return errfmt.Errorf("%w: %s %q duplicates Profiles[%d]", wserr.ErrInvalidSubprotocolName, pos, p.Name, prev)
		}
		seen[p.Name] = i
	}
	return nil
}
