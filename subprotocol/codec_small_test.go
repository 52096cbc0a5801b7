//go:build tether_small

package subprotocol

import (
	"errors"
	"testing"
)

// TestJSONCodecLeftOut: in builds with the tether_small tag JSON exists but
// fails with errors.ErrUnsupported, and the built-in profiles carry no codec.
func TestJSONCodecLeftOut(t *testing.T) {
	c := JSON()
	if _, _, err := c.Encode(map[string]int{"n": 1}); !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("Encode() error = %v, want errors.ErrUnsupported", err)
	}
	var v map[string]int
	if err := c.Decode(false, []byte(`{"n":1}`), &v); !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("Decode() error = %v, want errors.ErrUnsupported", err)
	}
	if GraphQLTransportWS().Codec != nil {
		t.Error("the built-in graphql-transport-ws profile carries a codec")
	}
}
