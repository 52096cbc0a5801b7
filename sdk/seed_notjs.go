//go:build !js

package sdk

import "github.com/tetherws/tether/internal/sdkhook"

// The reconnect jitter's seed is for the CLI's demo, a native program, so the
// browser build leaves the hook out: there jitterSeed stays 0 (random).
func init() {
	sdkhook.SetJitterSeed = func(o *Options, seed uint64) { o.jitterSeed = seed }
}
