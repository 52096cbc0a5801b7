//go:build !js

package sdk

import (
	"github.com/tetherws/tether/transport"
	"github.com/tetherws/tether/transport/native"
)

func defaultDialer() transport.Dialer { return &native.Dialer{} }

// protocolPings reports whether the default platform can send ping frames.
const protocolPings = true
