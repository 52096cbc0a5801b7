//go:build !tether_vet

package errfmt

// Sprintf formats like fmt.Sprintf for the supported verbs and operands.
func Sprintf(format string, args ...any) string {
	s, _ := render(format, args)
	return s
}

// Errorf formats like fmt.Errorf: the result wraps every %w operand.
func Errorf(format string, args ...any) error {
	return newError(render(format, args))
}
