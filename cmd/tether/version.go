//go:build !js

package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// runVersion prints the module version, the Go version and the platform.
func runVersion(args []string, sio stdio) int {
	if len(args) > 0 {
		return usageFailed(sio, "version", usagef("unexpected argument %q", args[0]))
	}
	fmt.Fprintf(sio.out, "tether %s %s %s/%s\n", moduleVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return exitOK
}

// moduleVersion is the main module's version from the build info: a tag for
// "go install …@v1.2.3", "(devel)" or a VCS revision for local builds.
func moduleVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 && (v == "" || v == "(devel)") {
			v = "(devel " + s.Value[:12] + ")"
		}
	}
	if v == "" {
		v = "(devel)"
	}
	return v
}
