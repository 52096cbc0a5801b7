//go:build !js

package main

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"

	"github.com/tetherws/tether/internal/nativehook"
	"github.com/tetherws/tether/transport"
	"github.com/tetherws/tether/transport/native"
)

// setFrameObservers is nativehook.SetFrameObservers: --show-ping's view of
// the server's pings and pongs is not public API of the native Dialer.
var setFrameObservers = nativehook.SetFrameObservers.(func(*native.Dialer, func([]byte), func([]byte)))

// transportFlags are the flags that shape the HTTP handshake's connection:
// TLS (--insecure, --ca, --cert/--key), the proxy, and --show-ping.
type transportFlags struct {
	insecure          bool
	caFile            string
	certFile, keyFile string
	proxy             string // --proxy as typed (may hold a password: never shown)
	showPing          bool

	tls      *tls.Config // built by checkTransport; nil: Go's defaults
	proxyURL *url.URL    // parsed --proxy; nil: HTTPS_PROXY, HTTP_PROXY, NO_PROXY
}

// proxySchemes are the proxies net/http dials through: HTTP CONNECT (or a
// forwarded request for ws://) over TCP or TLS, and SOCKS5 (socks5h:
// names resolved by the proxy).
var proxySchemes = []string{"http", "https", "socks5", "socks5h"}

// checkTransport checks the TLS and proxy flags and loads the files they name.
func (c *connectConfig) checkTransport(f *flagSet) error {
	t := &c.transportFlags
	if err := t.checkTLS(f); err != nil {
		return err
	}
	if !f.given("proxy") {
		return nil
	}
	u, err := url.Parse(t.proxy)
	if err != nil || !slices.Contains(proxySchemes, strings.ToLower(u.Scheme)) || u.Hostname() == "" {
		return usagef("--proxy %s: want http://, https://, socks5:// or socks5h:// and HOST:PORT", shownURL(t.proxy))
	}
	t.proxyURL = u
	return nil
}

func (t *transportFlags) checkTLS(f *flagSet) error {
	switch {
	case t.insecure && f.given("ca"):
		return usagef("--insecure conflicts with --ca (it skips the verification --ca is for)")
	case f.given("cert") != f.given("key"):
		return usagef("--cert and --key go together (the client certificate and its private key)")
	}
	if !t.insecure && !f.given("ca") && !f.given("cert") {
		return nil
	}
	t.tls = &tls.Config{InsecureSkipVerify: t.insecure} //nolint:gosec // --insecure asks for it
	if f.given("ca") {
		pool, err := loadCA(t.caFile)
		if err != nil {
			return err
		}
		t.tls.RootCAs = pool
	}
	if f.given("cert") {
		pair, err := tls.LoadX509KeyPair(t.certFile, t.keyFile)
		if err != nil {
			return usagef("--cert/--key: %s", keyPairReason(err))
		}
		t.tls.Certificates = []tls.Certificate{pair}
	}
	return nil
}

// loadCA reads the PEM certificates that --ca trusts instead of the
// system's roots.
func loadCA(path string) (*x509.CertPool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, usagef("--ca %q: %s", path, fsReason(err))
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(b) {
		return nil, usagef("--ca %q: no PEM certificate in the file", path)
	}
	return pool, nil
}

// keyPairReason says why tls.LoadX509KeyPair failed, without key material
// (its errors hold none; a file error is reduced to its reason).
func keyPairReason(err error) string {
	if r := fsReason(err); r != "read failed" {
		return r
	}
	return strings.TrimPrefix(err.Error(), "tls: ")
}

// dialer returns the transport: nil for the default one (which honours
// HTTPS_PROXY, HTTP_PROXY and NO_PROXY as net/http does), else one with the
// flags' Host header, TLS settings, proxy and ping display.
func (c *connectConfig) dialer(show func(pingEvent)) transport.Dialer {
	t := &c.transportFlags
	if t.tls == nil && t.proxyURL == nil && !t.showPing && c.host == "" {
		return nil
	}
	d := &native.Dialer{Host: c.host}
	if t.tls != nil || t.proxyURL != nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.ForceAttemptHTTP2 = false
		if t.tls != nil {
			tr.TLSClientConfig = t.tls
		}
		if t.proxyURL != nil {
			tr.Proxy = http.ProxyURL(t.proxyURL)
		}
		d.HTTPClient = &http.Client{Transport: tr}
	}
	if !t.showPing {
		return d
	}
	setFrameObservers(d,
		func([]byte) { show(pingEvent{kind: "ping", from: "server"}) },
		func([]byte) { show(pingEvent{kind: "pong", from: "server"}) })
	return &pingDialer{Dialer: d, show: show}
}
