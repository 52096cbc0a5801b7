//go:build js && wasm

package sdk

import (
	"github.com/tetherws/tether/transport"
	"github.com/tetherws/tether/transport/jsws"
)

func defaultDialer() transport.Dialer { return &jsws.Dialer{} }

// protocolPings reports whether the default platform can send ping frames.
const protocolPings = false
