package reconnect_test

import (
	"testing"
	"time"

	"github.com/tetherws/tether/reconnect"
)

func TestDefaultPolicy(t *testing.T) {
	p := reconnect.DefaultPolicy()
	if p.InitialDelay != time.Second || p.Multiplier != 2 || p.Jitter != 0.5 ||
		p.MaxDelay != 30*time.Second || p.MinUptime != 5*time.Second ||
		p.MaxRetryAfter != 5*time.Minute ||
		p.MaxAttempts != 0 || p.Disabled || p.RetryFirstDial || p.ShouldRetry != nil {
		t.Fatalf("DefaultPolicy() = %+v", p)
	}
	p.MaxDelay = time.Hour // a fresh value each time: nothing global to mutate
	if reconnect.DefaultPolicy().MaxDelay != 30*time.Second {
		t.Fatal("DefaultPolicy shares state between calls")
	}
}
