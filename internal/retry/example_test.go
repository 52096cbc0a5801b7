package retry_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/tetherws/tether/internal/retry"
	"github.com/tetherws/tether/reconnect"
	"github.com/tetherws/tether/transport"
)

// wsClose is the error a server's close frame with code ends a connection
// with, as the client reports it.
func wsClose(code int) error { return &transport.CloseError{Code: code, Remote: true} }

// A client's reconnect loop, driven by hand: the server keeps dropping the
// connection as soon as it opens, so the delays grow instead of hammering it.
func Example() {
	p := reconnect.DefaultPolicy()
	p.Jitter = -1 // exact delays for the example; keep jitter in real clients
	s := retry.NewSchedule(p, 0)

	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	s.Opened(now)
	for range 6 {
		now = now.Add(100 * time.Millisecond) // dropped after 100 ms, before MinUptime
		d := s.Next(now, fmt.Errorf("read: %w", wsClose(1006)))
		fmt.Printf("retry %d in %s: %s\n", d.Retry, d.Delay, d.Reason)
		now = now.Add(d.Delay)
		s.Opened(now)
	}
	// Output:
	// retry 1 in 1s: close 1006 (abnormal closure) is transient
	// retry 2 in 2s: close 1006 (abnormal closure) is transient
	// retry 3 in 4s: close 1006 (abnormal closure) is transient
	// retry 4 in 8s: close 1006 (abnormal closure) is transient
	// retry 5 in 16s: close 1006 (abnormal closure) is transient
	// retry 6 in 30s: close 1006 (abnormal closure) is transient
}

func ExampleClassify() {
	for _, err := range []error{
		fmt.Errorf("read: %w", wsClose(1001)),
		fmt.Errorf("read: %w", wsClose(1008)),
		fmt.Errorf("read: %w", wsClose(1013)),
		errors.New("connection reset by peer"),
	} {
		v := retry.Classify(err)
		fmt.Printf("retry=%v factor=%v: %s\n", v.Retry, v.Factor, v.Reason)
	}
	// Output:
	// retry=true factor=0: close 1001 (going away) is transient
	// retry=false factor=0: close 1008 (policy violation) is permanent
	// retry=true factor=4: close 1013 (try again later) is transient; waiting longer
	// retry=true factor=0: network or unclassified error
}

func ExampleValidate() {
	fmt.Println(retry.Validate(reconnect.Policy{Multiplier: 0.5}))
	// Output: tether: invalid reconnect policy: Multiplier must be at least 1 (got 0.5); use zero for the default
}

// The first Dial fails fast unless RetryFirstDial is set.
func ExampleNewSchedule() {
	refused := errors.New("dial tcp: connection refused")
	now := time.Now()

	d := retry.NewSchedule(reconnect.Policy{}, 0).Next(now, refused)
	fmt.Println(d.Final, d.Reason)

	d = retry.NewSchedule(reconnect.Policy{RetryFirstDial: true}, 1).Next(now, refused)
	fmt.Println(d.Final, d.Retry, d.Delay >= 500*time.Millisecond && d.Delay <= 1500*time.Millisecond)
	// Output:
	// true the first dial failed and Policy.RetryFirstDial is off
	// false 1 true
}
