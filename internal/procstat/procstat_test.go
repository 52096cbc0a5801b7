package procstat

import (
	"runtime"
	"testing"
)

func TestRSSKiB(t *testing.T) {
	n := RSSKiB()
	if runtime.GOOS != "linux" {
		if n != -1 {
			t.Fatalf("RSSKiB = %d off Linux, want -1", n)
		}
		return
	}
	if n <= 0 {
		t.Fatalf("RSSKiB = %d on Linux, want the process's resident size", n)
	}
}
