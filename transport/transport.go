package transport

import "context"

// DialOptions are the per-attempt parameters a Dialer needs. The zero value offers
// no subprotocol, sends no extra header and uses the transport's default read limit.
type DialOptions struct {
	// Subprotocols is sent as Sec-WebSocket-Protocol in this order. The transport
	// does not validate the server's choice: the caller does, with Conn.Subprotocol
	// and Conn.SubprotocolHeader.
	Subprotocols []string
	// Header holds extra handshake request headers. Transports that cannot set
	// headers (browsers) return an error when it is non-empty.
	Header map[string][]string
	// ReadLimit is the largest message Read accepts, in bytes. Zero means the
	// transport's default; a negative value means no limit.
	ReadLimit int64
	// Compression is offered to the server when the transport can choose
	// (natively; browsers choose themselves). Zero: CompressionOff.
	Compression Compression
}

// Dialer opens WebSocket connections. Implementations are safe for concurrent use.
type Dialer interface {
	// Dial performs the opening handshake for url (ws:// or wss://) and returns an
	// open connection. The context bounds the handshake only, not the connection.
	Dial(ctx context.Context, url string, opts DialOptions) (Conn, error)
}

// Conn is one open WebSocket connection: what every transport does. A
// transport that can do more says so with the optional interfaces Pinger and
// Queued, which callers find by type assertion. See the package documentation
// for which methods may be called concurrently.
type Conn interface {
	// Read blocks until a data message arrives and returns it. The caller owns
	// the returned data. Only one goroutine may be in Read at a time. Unless
	// the Conn is Queued, a Read whose context ends fails the connection:
	// read with a context that never ends.
	Read(ctx context.Context) (Message, error)
	// Write sends one whole message. It is safe for concurrent use; the
	// transport does not retain m.Data after Write returns.
	Write(ctx context.Context, m Message) error
	// Close starts the close handshake with code and reason and releases the
	// connection. It returns nil only when the peer answered the close frame
	// (the handshake completed: the peer read everything written before
	// it); later calls return nil.
	Close(code int, reason string) error
	// Abort is Close for a connection already known to be dead (heartbeat
	// timeout): it releases the connection at once, without waiting for the
	// peer. Native connections send no close frame; browsers send one with a
	// browser-legal code and do not wait for its answer.
	Abort(code int, reason string)
	// SubprotocolHeader returns every Sec-WebSocket-Protocol value the server
	// sent (split on commas; nil when it sent none), so the caller can check
	// the selection and reject an answer with several values. Browsers
	// expose only the single selected value.
	SubprotocolHeader() []string
}

// Pinger is a Conn that can send RFC 6455 ping frames (transport/native;
// browsers cannot).
type Pinger interface {
	// Ping sends a ping frame and waits for the pong. It needs a goroutine in
	// Read to see the pong.
	Ping(ctx context.Context) error
}

// Queued is a Conn whose platform queues both ways (browsers): Read only
// takes from a queue, so a Read whose context ends consumes nothing and
// harms nothing, and writes go to a buffer the platform measures.
type Queued interface {
	// BufferedAmount reports bytes accepted by Write but not yet handed to
	// the network.
	BufferedAmount() int64
	// TryWrite sends one whole message only if it can do so without
	// blocking (the socket is open and its buffer is at or below the
	// high-water mark). written reports whether it did; false with a nil
	// error means nothing was sent and the caller should Write instead. An
	// error means the connection can no longer send.
	TryWrite(m Message) (written bool, err error)
}
