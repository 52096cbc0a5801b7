// Package procstat reads what the kernel says about this process, for the
// benchmarks that report memory per client (tether bench fleet,
// BenchmarkIdleClients).
package procstat

import (
	"os"
	"strconv"
	"strings"
)

// RSSKiB returns the process's resident set size (VmRSS in /proc/self/status)
// in KiB, or -1 where the kernel does not report it (not Linux).
func RSSKiB() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			if f := strings.Fields(rest); len(f) > 0 {
				if n, err := strconv.ParseInt(f[0], 10, 64); err == nil {
					return n
				}
			}
			return -1
		}
	}
	return -1
}
