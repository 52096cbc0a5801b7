package sdk

// Logger receives the client's debug and info records as a message and
// alternating keys and values; a *slog.Logger satisfies it. It is an interface
// so that builds which never log (the browser shim's tether_small build) do
// not link log/slog.
type Logger interface {
	Debug(msg string, args ...any)
	Info(msg string, args ...any)
}
