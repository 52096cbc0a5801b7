//go:build tether_nolog

package sdk

import "log/slog"

// logger is silent: the tether_nolog build tag leaves slog's handlers out of
// the binary (about 130 KB of gzipped wasm) and ignores Options.Logger.
type logger struct{}

func newLogger(*slog.Logger) logger { return logger{} }

func (logger) Info(string, ...any)  {}
func (logger) Debug(string, ...any) {}
