package sdk

import (
	"context"
	"slices"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/clock"
	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/internal/negotiate"
	"github.com/tetherws/tether/internal/retry"
	"github.com/tetherws/tether/internal/sdkhook"
	"github.com/tetherws/tether/reconnect"
	"github.com/tetherws/tether/subprotocol"
	"github.com/tetherws/tether/transport"
)

// Defaults for Options fields left at their zero value (DefaultOptions
// returns them; the README's defaults table lists them for every platform).
const (
	// defaultHandshakeTimeout bounds one connect attempt (dial plus opening
	// handshake).
	defaultHandshakeTimeout = 10 * time.Second
	// defaultReadLimit is the largest message accepted, in bytes (1 MiB).
	defaultReadLimit = 1 << 20
	// defaultReceiveBuffer is how many received messages the client holds for
	// Receive before it stops reading from the socket (backpressure).
	defaultReceiveBuffer = 256
	// defaultReceiveBufferBytes is how many bytes of received messages the
	// client holds for Receive before it stops reading from the socket (4 MiB).
	defaultReceiveBufferBytes = 4 << 20
	// defaultOutboxMessages is the outbox's message limit.
	defaultOutboxMessages = 1024
	// defaultOutboxBytes is the outbox's byte limit (4 MiB).
	defaultOutboxBytes = 4 << 20
	// defaultMaxWriteAttempts is how many connections may fail while writing
	// the same queued message before it is handed back as undeliverable.
	defaultMaxWriteAttempts = 3
)

// Options configure a Client. The zero value (or a nil *Options) is ready to use:
// no subprotocol, defaults for every limit, reconnect with the default policy,
// heartbeats by the default rules, a silent logger.
type Options struct {
	// Subprotocols are offered in Sec-WebSocket-Protocol, most preferred first.
	// Each must be an RFC 7230 token; duplicates are an error at Dial. Nil: none.
	Subprotocols []string
	// SubprotocolCredentials are offered after Subprotocols and carry
	// credentials (see subprotocol.BearerToken): never accepted as the
	// server's selection, never logged, never shown in errors or events.
	SubprotocolCredentials []string
	// RequireSubprotocol fails the connection when the server selects none.
	// False: no selection is accepted and Subprotocol returns "".
	RequireSubprotocol bool
	// Header holds extra handshake headers (native only; an http.Header value
	// assigns to it). A name that is not an RFC 7230 token, or a value with
	// a control character other than tab, fails Dial with ErrInvalidOptions
	// (the error never quotes a value). A non-empty Header in a js/wasm build
	// fails New and Dial with ErrInvalidOptions (browsers cannot send
	// handshake headers). Nil: none.
	Header map[string][]string
	// HandshakeTimeout bounds each connect attempt (dial plus opening
	// handshake); an attempt that times out is retried by the reconnect
	// policy. Zero: 10 s.
	HandshakeTimeout time.Duration
	// ReadLimit is the largest message accepted, in bytes. Zero: 1 MiB;
	// negative: no limit. A larger message closes the connection with 1009
	// and fails with ErrMessageTooBig.
	ReadLimit int64
	// Compression offers permessage-deflate (RFC 7692) natively; see
	// transport.Compression for each mode's memory cost per connection.
	// Browsers decide themselves (they always offer it), so js/wasm ignores
	// it. Zero: transport.CompressionOff. A value outside the modes is an
	// error at New.
	Compression transport.Compression
	// ReceiveBuffer is how many received messages wait for Receive before the
	// client stops reading the socket. Zero: 256; negative: an error.
	ReceiveBuffer int
	// ReceiveBufferBytes bounds the bytes of the received messages waiting
	// for Receive: the client stops reading the socket rather than go over
	// it, and nothing is dropped. A single message (up to ReadLimit) is
	// always taken when none waits, so a client that stops calling Receive
	// holds at most the larger of ReceiveBufferBytes and ReadLimit, plus the
	// one message its reader has in hand. Zero: 4 MiB; negative: an error.
	ReceiveBufferBytes int64
	// Logger receives debug and info records; a *slog.Logger fits. Nil:
	// silent. URLs and offers in
	// records are redacted. Builds with the tether_small tag (the browser
	// shim's) ignore it and leave logging out of the binary.
	Logger Logger
	// Dialer opens connections. Nil: the platform's transport
	// (transport/native, or transport/jsws in js/wasm builds).
	Dialer transport.Dialer

	// Reconnect is the reconnect policy. The zero value reconnects with the
	// defaults of reconnect.DefaultPolicy; set Reconnect.Disabled to turn it off.
	Reconnect reconnect.Policy
	// Heartbeat configures heartbeats. The zero value uses heartbeat's
	// defaults: natively, protocol pings every 25 s with a 15 s timeout; in
	// browsers, application pings when a ping is configured or the agreed
	// subprotocol's profile provides one. Settings that cannot work with any
	// selection the server may make fail New and Dial with ErrInvalidOptions;
	// settings that do not fit the selection a server made end the client
	// with the same error.
	Heartbeat heartbeat.Config
	// Profiles are extra subprotocol profiles (codec and heartbeat messages),
	// looked up by the agreed protocol's name. They take precedence over the
	// built-in ones (graphql-transport-ws, mqtt), which always apply. Each
	// name must be a token, not a credential entry, and given once; otherwise
	// New and Dial fail with ErrInvalidOptions. The list is copied. Nil: only the built-in profiles.
	Profiles []subprotocol.Profile
	// Outbox bounds messages waiting for an open connection. Zero: defaults.
	Outbox OutboxOptions
	// Delivery says how written messages are confirmed and what happens to
	// those a lost connection leaves unconfirmed. Zero: re-send them first
	// on the next connection, with the default bounds.
	Delivery DeliveryOptions

	// BeforeDial is called before every connection attempt with the
	// parameters of the previous attempt (the first time: those from Dial and
	// Options) and may return fresh ones, e.g. a refreshed token. Its error
	// is classified by the reconnect policy like a failed attempt. Nil: the
	// same parameters every time.
	BeforeDial func(ctx context.Context, attempt int, p DialParams) (DialParams, error)
	// AfterOpen runs after every open, before queued messages are flushed;
	// messages it sends through send go first, on that connection only
	// (re-authenticate, re-subscribe). send returns once the message is
	// written; it fails for invalid messages and once the connection ended.
	// Its error closes the connection and is classified by the reconnect
	// policy. Nil: nothing runs. BeforeDial and AfterOpen run on the
	// client's supervisor goroutine, which Close waits for: they must not
	// call Close (return an error instead).
	AfterOpen func(ctx context.Context, send func(context.Context, transport.Message) error) error

	// StreamEvents puts the lifecycle events (the values OnEvent receives)
	// into the stream that Next returns, in order with the
	// server's messages: a connection's OpenEvent before its messages, its
	// CloseEvent after them. Receive skips them. False: Next returns
	// messages only. Events are recorded whether or not anyone calls Next, so
	// set it only when you do.
	StreamEvents bool

	// OnEvent receives every lifecycle event (StateChangeEvent,
	// ConnectingEvent, OpenEvent, ReconnectingEvent, CloseEvent,
	// HeartbeatEvent, UnsentEvent; switch on the type), in order, on one
	// goroutine owned by the client, never while the client holds a lock. It
	// may call any Client method, including Close. Events are not ordered
	// with the messages Receive returns: use Next with StreamEvents for that.
	// Nil: not called.
	OnEvent func(Event)

	clock      clock.Clock // nil: the real clock; tests inject a fake
	wake       func()      // nil, or called after every stream entry (sdkhook.SetWake)
	jitterSeed uint64      // 0: random; else the reconnect jitter's seed (sdkhook.SetJitterSeed)
}

func init() {
	sdkhook.SetWake = func(o *Options, f func()) { o.wake = f }
}

// OverflowPolicy says what happens when a message does not fit in the outbox.
type OverflowPolicy int

const (
	// OverflowReject refuses the new message with ErrOutboxFull (default).
	OverflowReject OverflowPolicy = iota
	// OverflowDropOldest drops the oldest queued message to make room; the
	// dropped message is reported (its Send returns ErrOutboxFull, or an
	// UnsentEvent carries it).
	OverflowDropOldest
)

// OutboxOptions bound the messages waiting for an open connection. The zero value
// holds up to 1,024 messages and 4 MiB and rejects what does not fit.
type OutboxOptions struct {
	// MaxMessages limits the count. Zero: 1,024.
	MaxMessages int
	// MaxBytes limits the sum of message sizes. Zero: 4 MiB.
	MaxBytes int64
	// Overflow picks the policy. Zero: OverflowReject.
	Overflow OverflowPolicy
	// MaxWriteAttempts is how many connections may break while writing the
	// same queued message before it is handed back with ErrUndeliverable
	// (a message the server cannot take, such as one over its size limit,
	// would otherwise be re-sent after every reconnect). Zero: 3.
	MaxWriteAttempts int
}

// DialParams are the parameters of one connection attempt.
type DialParams struct {
	URL                    string
	Header                 map[string][]string
	Subprotocols           []string
	SubprotocolCredentials []string
}

// DefaultOptions returns a fresh Options with every default filled in, for callers
// who want to start from the defaults and change a few fields.
func DefaultOptions() *Options {
	return &Options{
		HandshakeTimeout:   defaultHandshakeTimeout,
		ReadLimit:          defaultReadLimit,
		ReceiveBuffer:      defaultReceiveBuffer,
		ReceiveBufferBytes: defaultReceiveBufferBytes,
		Reconnect:          reconnect.DefaultPolicy(),
		Heartbeat:          heartbeat.DefaultConfig(),
		Outbox:             OutboxOptions{MaxMessages: defaultOutboxMessages, MaxBytes: defaultOutboxBytes},
		Delivery: DeliveryOptions{MaxUnconfirmed: defaultMaxUnconfirmed,
			MaxUnconfirmedBytes: defaultMaxUnconfirmedBytes, BarrierDelay: defaultBarrierDelay},
	}
}

// resolved returns a copy of o with zero values replaced by defaults, or an error
// wrapping ErrInvalidOptions.
func (o *Options) resolved() (Options, error) {
	var r Options
	if o != nil {
		r = *o
	}
	if err := r.check(); err != nil {
		return r, err
	}
	r.Profiles = slices.Clone(r.Profiles)
	r.fillDefaults()
	return r, nil
}

func (o *Options) check() error {
	switch {
	case o.HandshakeTimeout < 0:
		return errfmt.Errorf("%w: HandshakeTimeout is negative", ErrInvalidOptions)
	case o.ReceiveBuffer < 0:
		return errfmt.Errorf("%w: ReceiveBuffer is negative", ErrInvalidOptions)
	case o.ReceiveBufferBytes < 0:
		return errfmt.Errorf("%w: ReceiveBufferBytes is negative", ErrInvalidOptions)
	case o.Outbox.MaxMessages < 0 || o.Outbox.MaxBytes < 0 || o.Outbox.MaxWriteAttempts < 0:
		return errfmt.Errorf("%w: Outbox limits are negative", ErrInvalidOptions)
	case o.Outbox.Overflow != OverflowReject && o.Outbox.Overflow != OverflowDropOldest:
		return errfmt.Errorf("%w: unknown Outbox.Overflow %d", ErrInvalidOptions, int(o.Outbox.Overflow))
	case o.Compression < transport.CompressionOff || o.Compression > transport.CompressionContextTakeover:
		return errfmt.Errorf("%w: unknown Compression %d", ErrInvalidOptions, int(o.Compression))
	}
	if err := o.Delivery.check(); err != nil {
		return err
	}
	if err := retry.Validate(o.Reconnect); err != nil {
		return errfmt.Errorf("%w: Reconnect: %w", ErrInvalidOptions, err)
	}
	if err := negotiate.CheckProfiles(o.Profiles); err != nil {
		return &invalidOptions{field: "Profiles", err: err}
	}
	return nil
}

func (o *Options) fillDefaults() {
	if o.ReadLimit == 0 {
		o.ReadLimit = defaultReadLimit
	}
	if o.ReceiveBuffer == 0 {
		o.ReceiveBuffer = defaultReceiveBuffer
	}
	if o.ReceiveBufferBytes == 0 {
		o.ReceiveBufferBytes = defaultReceiveBufferBytes
	}
	if o.Outbox.MaxMessages == 0 {
		o.Outbox.MaxMessages = defaultOutboxMessages
	}
	if o.Outbox.MaxBytes == 0 {
		o.Outbox.MaxBytes = defaultOutboxBytes
	}
	if o.Outbox.MaxWriteAttempts == 0 {
		o.Outbox.MaxWriteAttempts = defaultMaxWriteAttempts
	}
	o.Delivery.fillDefaults()
	if o.Dialer == nil {
		o.Dialer = defaultDialer()
	}
	if o.clock == nil {
		o.clock = clock.Real()
	}
}
