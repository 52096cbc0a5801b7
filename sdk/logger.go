//go:build !tether_small

package sdk

import "log/slog"

// Logger is log/slog's Logger: Options.Logger takes any *slog.Logger. (Builds
// with the tether_small tag leave logging out; see the package doc.)
type Logger = slog.Logger

// logger writes the client's records to Options.Logger; the zero value (no
// Logger) is silent.
type logger struct{ l *slog.Logger }

func newLogger(l *slog.Logger) logger { return logger{l: l} }

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
