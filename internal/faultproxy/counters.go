//go:build !js

package faultproxy

import "sync/atomic"

// Traffic counts the bytes the proxy has forwarded, per direction, summed over
// every connection since [New]. Bytes swallowed by [Proxy.Blackhole] are not
// forwarded and not counted here (see [Proxy.Swallowed]). The zero value is no
// traffic.
type Traffic struct {
	Up   int64 // from clients to the target
	Down int64 // from the target to clients
}

// Total returns the bytes forwarded in both directions.
func (t Traffic) Total() int64 { return t.Up + t.Down }

// Add returns the sum of t and u, for adding up windows.
func (t Traffic) Add(u Traffic) Traffic { return Traffic{Up: t.Up + u.Up, Down: t.Down + u.Down} }

// Sub returns the traffic between an earlier reading u and t, for measuring a
// window: after.Sub(before).
func (t Traffic) Sub(u Traffic) Traffic { return Traffic{Up: t.Up - u.Up, Down: t.Down - u.Down} }

// counters are the proxy's byte counters, one per direction.
type counters struct {
	up, down atomic.Int64
}

// Traffic reports the bytes forwarded so far. Each direction is read
// atomically; the pair is not a single snapshot while data flows.
func (p *Proxy) Traffic() Traffic {
	return Traffic{Up: p.traffic.up.Load(), Down: p.traffic.down.Load()}
}
