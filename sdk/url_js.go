//go:build js

package sdk

// normalizeURL checks raw and returns it with the scheme mapped to ws or wss:
// http becomes ws and https becomes wss; a fragment is dropped (RFC 6455 §3).
// Errors never repeat the URL, which may carry credentials.
//
// Browser builds split the URL with internal/wsurl instead of net/url (tens
// of kilobytes of wasm): the rest of the URL is passed on as written, and
// the browser's WebSocket escapes it (url_test.go compares both).
func normalizeURL(raw string) (string, error) { return normalizeURLLight(raw) }
