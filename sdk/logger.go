//go:build !tether_small

package sdk

import "log/slog"

// logger writes the client's records to Options.Logger; the zero value (no
// Logger) is silent.
type logger struct{ l Logger }

// newLogger wraps l; a nil l, or a nil *slog.Logger in it, is silent.
func newLogger(l Logger) logger {
	if s, ok := l.(*slog.Logger); ok && s == nil {
		return logger{}
	}
	return logger{l: l}
}

// enabled reports whether records go anywhere. Callers check it before
// building a record's arguments, which escape to the heap even when the
// record is dropped.
func (g logger) enabled() bool { return g.l != nil }

func (g logger) Info(msg string, args ...any) {
	if g.l != nil {
		g.l.Info(msg, args...)
	}
}

func (g logger) Debug(msg string, args ...any) {
	if g.l != nil {
		g.l.Debug(msg, args...)
	}
}
