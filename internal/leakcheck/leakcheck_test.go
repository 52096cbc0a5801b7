package leakcheck

import "testing"

func TestExiting(t *testing.T) {
	for _, tc := range []struct {
		stack string
		want  bool
	}{
		{`goroutine 1178 [runnable]:
runtime.goexit1()
	/usr/local/go/src/runtime/proc.go:4475 +0xf0
runtime.goexit({})
	/usr/local/go/src/runtime/asm_amd64.s:1772 +0x6
created by github.com/tetherws/tether/sdk.(*Client).resume in goroutine 1177
	/work/main/sdk/park.go:33 +0xea`, true},
		{`goroutine 1968 [runnable]:
github.com/tetherws/tether/sdk.(*readTurn).ensure(0xc000a38f00)
	/work/main/sdk/readhandoff.go:76 +0xec
created by time.goFunc
	/usr/local/go/src/time/sleep.go:215 +0x45`, false},
		{`goroutine 7 [select]:`, false},
	} {
		if got := exiting(tc.stack); got != tc.want {
			t.Errorf("exiting(%.40q) = %v, want %v", tc.stack, got, tc.want)
		}
	}
}
