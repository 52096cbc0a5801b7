package heartbeat

import (
	"testing"
	"time"
)

func TestDefaultConfig(t *testing.T) {
	a := DefaultConfig()
	if a.Mode != ModeAuto || a.Interval != defaultInterval || a.Timeout != defaultTimeout || a.HiddenTimeoutFactor != defaultHiddenTimeoutFactor {
		t.Errorf("DefaultConfig() = %+v", a)
	}
	a.Interval = time.Hour
	if DefaultConfig().Interval != defaultInterval {
		t.Error("DefaultConfig shares state between calls")
	}
	// The documented detection bound stays below nginx's 60 s idle cut.
	if defaultInterval+defaultTimeout >= 60*time.Second {
		t.Errorf("default detection bound %v, want < 60s", defaultInterval+defaultTimeout)
	}
}

func TestStrings(t *testing.T) {
	tests := []struct{ got, want string }{
		{ModeAuto.String(), "auto"}, {ModeApplication.String(), "application"},
		{ModeProtocol.String(), "protocol"}, {ModeOff.String(), "off"}, {Mode(9).String(), "Mode(9)"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
