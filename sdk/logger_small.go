//go:build tether_small

package sdk

// logger is silent in builds with the tether_small tag (the browser shim's),
// which leave logging out of the binary: Options.Logger is ignored there.
type logger struct{}

func newLogger(Logger) logger { return logger{} }

func (logger) enabled() bool        { return false }
func (logger) Info(string, ...any)  {}
func (logger) Debug(string, ...any) {}
