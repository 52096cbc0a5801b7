package transport

// Compression selects permessage-deflate (RFC 7692) for a connection. The
// zero value, CompressionOff, does not offer it. Browsers decide for
// themselves (they always offer it, with context takeover), so the js/wasm
// transport ignores the setting.
type Compression int

const (
	// CompressionOff does not offer permessage-deflate: most WebSocket
	// traffic is small, and compression costs CPU and memory.
	CompressionOff Compression = iota
	// CompressionNoContextTakeover compresses each message on its own
	// (natively: messages over 512 bytes). It has no fixed memory cost per
	// connection: compressors (1.2 MB) and decompressors (40 KB) are pooled
	// and held only while a message is written or read.
	CompressionNoContextTakeover
	// CompressionContextTakeover keeps a 32 KB window across messages, so
	// repetitive messages (JSON with the same keys) compress far better
	// (natively: messages over 128 bytes). Natively it holds a 1.2 MB
	// compressor and the 32 KB window per connection for its lifetime;
	// decompressors are pooled. A server that refuses context takeover gets
	// CompressionNoContextTakeover instead.
	CompressionContextTakeover
)
