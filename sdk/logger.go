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
