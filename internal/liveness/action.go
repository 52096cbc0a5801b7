package liveness

import "strconv"

// Action is what a Monitor asks its driver to do. The zero value is ActionNone.
type Action int

// Actions returned by Monitor.Next and Monitor.Due.
const (
	// ActionNone (the zero value): nothing to do.
	ActionNone Action = iota
	// ActionPing: send a ping (an application message built by Plan.Ping in
	// heartbeat.ModeApplication, a ping frame in heartbeat.ModeProtocol), then
	// call PingSent.
	ActionPing
	// ActionDead: no proof of life arrived in time; close the connection with
	// CloseCode and CloseReason and report ErrTimeout.
	ActionDead
)

// String returns the action's lower-case name, e.g. "ping".
func (a Action) String() string {
	switch a {
	case ActionNone:
		return "none"
	case ActionPing:
		return "ping"
	case ActionDead:
		return "dead"
	}
	return "Action(" + strconv.Itoa(int(a)) + ")"
}

// The close code and reason the driver uses when a Monitor reports ActionDead.
// 4000 is in the application range, so browsers may send it. The doc of
// ErrTimeout states both to users.
const (
	CloseCode   = 4000
	CloseReason = "heartbeat timeout"
)
