//go:build !tether_small

package subprotocol

import "encoding/json"

// marshalJSON and unmarshalJSON are the JSON codec's encoding/json; see
// codec_json_small.go for builds with the tether_small tag.
func marshalJSON(v any) ([]byte, error) { return json.Marshal(v) }

func unmarshalJSON(data []byte, v any) error { return json.Unmarshal(data, v) }

// builtinCodec is the codec of the built-in JSON profiles: [JSON].
func builtinCodec() Codec { return JSON() }
