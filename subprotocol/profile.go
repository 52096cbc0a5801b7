package subprotocol

import (
	"sort"
	"sync"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/errfmt"
)

// Profile says what a client does once a protocol is agreed. The zero value
// has no name, no codec and no application heartbeat.
type Profile struct {
	// Name is the subprotocol name the profile applies to; a token.
	Name string
	// Codec encodes and decodes application messages. Nil: none; the
	// application handles raw messages.
	Codec Codec
	// Heartbeat holds the protocol's application-level heartbeat messages.
	// Zero: the protocol defines no application heartbeat.
	Heartbeat heartbeat.Messages
}

// Registry maps subprotocol names to profiles. The zero value is an empty
// registry ready to use; [NewRegistry] returns one holding the built-in
// profiles. A Registry is safe for concurrent use and must not be copied after
// first use.
type Registry struct {
	mu       sync.RWMutex
	profiles map[string]Profile
}

// NewRegistry returns a fresh registry holding the built-in profiles:
// [GraphQLTransportWS] and [MQTT]. Registries share no state.
func NewRegistry() *Registry {
	r := new(Registry)
	for _, p := range []Profile{GraphQLTransportWS(), MQTT()} {
		r.set(p)
	}
	return r
}

// Register adds p, replacing any profile of the same name. The name must be a
// token and not a credential entry; otherwise the error wraps [ErrInvalidName].
func (r *Registry) Register(p Profile) error {
	if problem := tokenProblem(p.Name); problem != "" {
		return errfmt.Errorf("%w: profile name %s", ErrInvalidName, problem)
	}
	if IsCredential(p.Name) {
		return errfmt.Errorf("%w: profile name is a credential entry", ErrInvalidName)
	}
	r.set(p)
	return nil
}

func (r *Registry) set(p Profile) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.profiles == nil {
		r.profiles = make(map[string]Profile)
	}
	r.profiles[p.Name] = p
}

// Lookup returns the profile registered for name, compared case-sensitively,
// and whether there is one.
func (r *Registry) Lookup(name string) (Profile, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	p, ok := r.profiles[name]
	return p, ok
}

// Names returns the registered names in sorted order; nil when empty.
func (r *Registry) Names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var names []string
	for name := range r.profiles {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
