//go:build !linux && !js

package main

import (
	"errors"
	"time"
)

// raiseNoFile is not implemented here: the limit stays as it is.
func raiseNoFile(uint64) (uint64, error) {
	return 0, errors.New("raising the open-files limit is implemented on Linux only")
}

// cpuTime is unknown here: -1.
func cpuTime() time.Duration { return -1 }
