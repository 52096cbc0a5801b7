package errfmt

import "strconv"

// newError is Errorf's result: msg, wrapping every error in wrapped.
func newError(msg string, wrapped []error) error {
	switch len(wrapped) {
	case 0:
		return &plainError{msg}
	case 1:
		return &wrapError{msg, wrapped[0]}
	}
	return &wrapErrors{msg, wrapped}
}

type plainError struct{ msg string }

func (e *plainError) Error() string { return e.msg }

type wrapError struct {
	msg string
	err error
}

func (e *wrapError) Error() string { return e.msg }
func (e *wrapError) Unwrap() error { return e.err }

type wrapErrors struct {
	msg  string
	errs []error
}

func (e *wrapErrors) Error() string   { return e.msg }
func (e *wrapErrors) Unwrap() []error { return e.errs }

// render expands format; wrapped holds the non-nil %w operands in order.
func render(format string, args []any) (out string, wrapped []error) {
	b := make([]byte, 0, len(format)+16*len(args))
	next := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b = append(b, c)
			continue
		}
		if i+1 == len(format) {
			b = append(b, "%!(NOVERB)"...)
			continue
		}
		i++
		verb := rune(format[i])
		if verb == '%' {
			b = append(b, '%')
			continue
		}
		if next >= len(args) {
			b = append(b, "%!"...)
			b = append(b, byte(verb))
			b = append(b, "(MISSING)"...)
			continue
		}
		arg := args[next]
		next++
		if err, ok := arg.(error); ok && verb == 'w' && err != nil {
			wrapped = append(wrapped, err)
		}
		b = appendArg(b, verb, arg)
	}
	if next < len(args) {
		b = append(b, "%!(EXTRA)"...)
	}
	return string(b), wrapped
}

// appendArg formats one operand.
func appendArg(b []byte, verb rune, arg any) []byte {
	if s, ok := text(arg); ok {
		if verb == 'q' {
			return strconv.AppendQuote(b, s)
		}
		if verb == 's' || verb == 'v' || verb == 'w' {
			return append(b, s...)
		}
	}
	if verb == 'd' || verb == 'v' {
		if n, ok := number(b, arg); ok {
			return n
		}
	}
	if arg == nil && verb == 'v' {
		return append(b, "<nil>"...)
	}
	if arg == nil {
		return append(b, "%!"+string(verb)+"(<nil>)"...)
	}
	return append(b, "%!"+string(verb)+"(unsupported)"...)
}

// text returns the textual form of strings, byte slices, errors, Stringers
// and booleans.
func text(arg any) (string, bool) {
	switch v := arg.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), true
	case error:
		return v.Error(), true
	case interface{ String() string }:
		return v.String(), true
	case bool:
		return strconv.FormatBool(v), true
	}
	return "", false
}

// number appends integer and float operands of the built-in types.
func number(b []byte, arg any) ([]byte, bool) {
	switch v := arg.(type) {
	case int:
		return strconv.AppendInt(b, int64(v), 10), true
	case int8:
		return strconv.AppendInt(b, int64(v), 10), true
	case int16:
		return strconv.AppendInt(b, int64(v), 10), true
	case int32:
		return strconv.AppendInt(b, int64(v), 10), true
	case int64:
		return strconv.AppendInt(b, v, 10), true
	case uint:
		return strconv.AppendUint(b, uint64(v), 10), true
	case uint8:
		return strconv.AppendUint(b, uint64(v), 10), true
	case uint16:
		return strconv.AppendUint(b, uint64(v), 10), true
	case uint32:
		return strconv.AppendUint(b, uint64(v), 10), true
	case uint64:
		return strconv.AppendUint(b, v, 10), true
	case float64:
		return strconv.AppendFloat(b, v, 'g', -1, 64), true
	case float32:
		return strconv.AppendFloat(b, float64(v), 'g', -1, 32), true
	}
	return b, false
}
