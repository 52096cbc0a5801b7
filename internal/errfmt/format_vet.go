//go:build tether_vet

package errfmt

import "fmt"

// The tether_vet build (scripts/test: go vet -tags tether_vet) forwards to
// fmt so that vet's printf check knows Sprintf and Errorf as wrappers of
// fmt.Sprintf and fmt.Errorf and checks every call's format against its
// operands, %w included. Binaries are never built with this tag.

// Sprintf is fmt.Sprintf in the tether_vet build.
func Sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// Errorf is fmt.Errorf in the tether_vet build.
func Errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }
