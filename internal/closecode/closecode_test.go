package closecode

import "testing"

func TestName(t *testing.T) {
	for code, want := range map[int]string{
		1000: "normal closure", 1013: "try again later", 1015: "TLS handshake",
		3000: "registered", 4999: "application", 1004: "unknown", 5000: "unknown",
	} {
		if got := Name(code); got != want {
			t.Errorf("Name(%d) = %q, want %q", code, got, want)
		}
	}
}

func TestSendable(t *testing.T) {
	for code, want := range map[int]bool{
		999: false, 1000: true, 1003: true, 1004: false, 1005: false, 1006: false,
		1007: true, 1014: true, 1015: false, 2999: false, 3000: true, 4999: true, 5000: false,
	} {
		if got := Sendable(code); got != want {
			t.Errorf("Sendable(%d) = %v, want %v", code, got, want)
		}
	}
}

func TestForBrowser(t *testing.T) {
	for code, want := range map[int]int{
		1000: 1000, 1001: 1000, 1011: 1000, 3000: 3000, 4321: 4321, 4999: 4999,
	} {
		if got := ForBrowser(code); got != want {
			t.Errorf("ForBrowser(%d) = %d, want %d", code, got, want)
		}
	}
}
