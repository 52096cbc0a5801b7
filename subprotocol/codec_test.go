//go:build !tether_small

package subprotocol

import (
	"encoding/json"
	"errors"
	"math"
	"testing"
)

func TestJSONCodec(t *testing.T) {
	type msg struct {
		Type string `json:"type"`
		N    int    `json:"n"`
	}
	c := JSON()
	binary, data, err := c.Encode(msg{"hello", 3})
	if err != nil || binary || string(data) != `{"type":"hello","n":3}` {
		t.Fatalf("Encode() = %v, %s, %v", binary, data, err)
	}
	for _, bin := range []bool{false, true} {
		var got msg
		if err := c.Decode(bin, data, &got); err != nil || got != (msg{"hello", 3}) {
			t.Errorf("Decode(binary=%v) = %+v, %v", bin, got, err)
		}
	}
}

func TestJSONCodecErrors(t *testing.T) {
	c := JSON()
	if _, _, err := c.Encode(math.Inf(1)); err == nil {
		t.Error("Encode(+Inf) succeeded, want an error")
	}
	var v map[string]any
	err := c.Decode(false, []byte(`{"type":`), &v)
	var syntax *json.SyntaxError
	if !errors.As(err, &syntax) {
		t.Errorf("Decode(truncated) error = %v, want a wrapped *json.SyntaxError", err)
	}
}
