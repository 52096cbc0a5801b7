//go:build tether_small

package sdk

// Logger stands in for log/slog's Logger in builds with the tether_small tag
// (the browser shim's), which leave logging and log/slog out of the binary;
// Options.Logger is then ignored.
type Logger struct{}

// logger is silent.
type logger struct{}

func newLogger(*Logger) logger { return logger{} }

func (logger) Info(string, ...any)  {}
func (logger) Debug(string, ...any) {}
