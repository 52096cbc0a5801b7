package negotiate

import (
	"strconv"

	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/internal/wserr"
)

// Offer is the ordered list of subprotocols a client offers. The zero value
// offers nothing: no Sec-WebSocket-Protocol header is sent and the server must
// not select one. An Offer is a value; its methods do not modify it.
type Offer struct {
	// Protocols are the names the client can speak, most preferred first.
	// Entries that [IsCredential] recognises are treated as Credentials.
	// Nil: none.
	Protocols []string
	// Credentials are entries that carry credentials (see
	// subprotocol.BearerToken). They are sent after Protocols, never accepted
	// as the selection and always redacted. Nil: none.
	Credentials []string
}

// Validate reports whether the offer can be sent: every entry of both lists is
// a token and no entry appears twice across them (compared case-sensitively).
// The error wraps [wserr.ErrInvalidSubprotocolName] and names the entry by list and index, as in
// "Protocols[2] is empty"; it never quotes a credential or an invalid entry.
func (o Offer) Validate() error {
	seen := make(map[string]string, len(o.Protocols)+len(o.Credentials))
	for i, name := range o.Protocols {
		if err := checkEntry(seen, "Protocols", i, name); err != nil {
			return err
		}
	}
	for i, name := range o.Credentials {
		if err := checkEntry(seen, "Credentials", i, name); err != nil {
			return err
		}
	}
	return nil
}

func checkEntry(seen map[string]string, list string, i int, name string) error {
	pos := list + "[" + strconv.Itoa(i) + "]"
	if p := tokenProblem(name); p != "" {
		return errfmt.Errorf("%w: %s %s", wserr.ErrInvalidSubprotocolName, pos, p)
	}
	if prev, dup := seen[name]; dup {
		if list == "Protocols" && !IsCredential(name) {
			pos += " " + strconv.Quote(name)
		}
		return errfmt.Errorf("%w: %s duplicates %s", wserr.ErrInvalidSubprotocolName, pos, prev)
	}
	seen[name] = pos
	return nil
}

// Wire returns the names to send in Sec-WebSocket-Protocol, in order: the
// protocols, then the credential entries of Protocols, then Credentials. It
// returns nil when there is nothing to send. Never log it; log [Offer.Redacted].
func (o Offer) Wire() []string {
	protocols, credentials := o.split()
	return append(protocols, credentials...)
}

// Redacted returns [Offer.Wire] with every credential entry replaced by
// "[credential]": the form to show in logs, errors and events.
func (o Offer) Redacted() []string {
	protocols, credentials := o.split()
	for range credentials {
		protocols = append(protocols, redactedCredential)
	}
	return protocols
}

// split separates the protocols the server may select from the credential
// entries, keeping their order. Both results are fresh slices or nil.
func (o Offer) split() (protocols, credentials []string) {
	for _, name := range o.Protocols {
		if IsCredential(name) {
			credentials = append(credentials, name)
		} else {
			protocols = append(protocols, name)
		}
	}
	return protocols, append(credentials, o.Credentials...)
}

// isCredential reports whether name is one of the offer's credential entries
// or has a known credential prefix.
func (o Offer) isCredential(name string) bool {
	if IsCredential(name) {
		return true
	}
	for _, c := range o.Credentials {
		if c == name {
			return true
		}
	}
	return false
}

// offers reports whether name is a protocol of the offer the server may select.
func (o Offer) offers(name string) bool {
	for _, p := range o.Protocols {
		if p == name && !IsCredential(p) {
			return true
		}
	}
	return false
}
