package reconnect_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/tetherws/tether/reconnect"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// A policy is a plain value set in the client's options. Zero fields keep
// their defaults: here the jitter stays ±50 %.
func ExamplePolicy() {
	opts := &sdk.Options{
		Reconnect: reconnect.Policy{
			InitialDelay:   5 * time.Second, // a large fleet: spread a deploy's reconnects
			MaxDelay:       2 * time.Minute,
			MaxAttempts:    20,
			RetryFirstDial: true,
		},
		HandshakeTimeout: 5 * time.Second, // the bound on each attempt
	}
	fmt.Println(opts.Reconnect.InitialDelay, opts.Reconnect.MaxAttempts, opts.Reconnect.Jitter)
	// Output: 5s 20 0
}

// Zero Jitter means the default spread; a negative one turns jitter off, for
// tests that want the exact delays 1 s, 2 s, 4 s, … (clients in production
// should keep it, or they reconnect in lockstep).
func ExamplePolicy_noJitter() {
	p := reconnect.Policy{Jitter: -1}
	fmt.Println(p.Jitter < 0)
	// Output: true
}

func ExampleDefaultPolicy() {
	p := reconnect.DefaultPolicy()
	fmt.Println(p.InitialDelay, p.Multiplier, p.Jitter, p.MaxDelay, p.MinUptime, p.MaxRetryAfter)
	// Output: 1s 2 0.5 30s 5s 5m0s
}

// wsClose is the error a server's close frame with code ends a connection
// with, as the client reports it.
func wsClose(code int) error { return &transport.CloseError{Code: code, Remote: true} }

// Make application close codes final with ShouldRetry: here 4001 means
// "banned". The client calls it with the built-in verdict (retry, for every
// code from 4000 to 4999).
func ExamplePolicy_shouldRetry() {
	p := reconnect.Policy{
		MaxAttempts: 10,
		ShouldRetry: func(err error, def reconnect.Verdict) reconnect.Verdict {
			var ce *transport.CloseError
			if errors.As(err, &ce) && ce.Code == 4001 {
				return reconnect.Verdict{Reason: "banned by the server"}
			}
			return def
		},
	}
	def := reconnect.Verdict{Retry: true, Reason: "application codes are retried by default"}
	for _, code := range []int{4001, 4002} {
		v := p.ShouldRetry(fmt.Errorf("read: %w", wsClose(code)), def)
		fmt.Println(code, v.Retry, v.Reason)
	}
	// Output:
	// 4001 false banned by the server
	// 4002 true application codes are retried by default
}
