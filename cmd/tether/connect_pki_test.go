//go:build !js

package main

import (
	"crypto/tls"
	"testing"
)

// newMutualTLSEcho is a wss:// echo server whose certificate the PKI's CA
// signed and which requires a client certificate from that CA.
func newMutualTLSEcho(t *testing.T, p *testPKI) string {
	t.Helper()
	return startTLSEcho(t, &tls.Config{Certificates: []tls.Certificate{p.server}, ClientCAs: p.pool,
		ClientAuth: tls.RequireAndVerifyClientCert})
}

// --ca trusts the test CA instead of the system's roots; --cert/--key
// present the client certificate the server requires. Each missing piece
// fails the dial for good, as a TLS error.
func TestCAAndClientCertificate(t *testing.T) {
	t.Parallel()
	p := newPKI(t)
	u := newMutualTLSEcho(t, p)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"no --ca", []string{"--cert", p.certFile, "--key", p.keyFile}},
		{"no client certificate", []string{"--ca", p.caFile}},
	} {
		r := runJSON(t, nil, append([]string{"connect", u, "--json"}, tc.args...)...)
		errs := r.only("error")
		if r.code != exitFailed || len(errs) != 1 || errs[0].str("kind") != "tls" {
			t.Errorf("%s: exit %d, errors %v; want one tls error\n%s", tc.name, r.code, errs, r)
		}
	}
	r := runJSON(t, nil, "connect", u, "--json", "--ca", p.caFile, "--cert", p.certFile, "--key", p.keyFile,
		"--send", "mutual", "--count", "1")
	if r.code != exitOK || len(r.only("message")) != 1 || r.only("message")[0].str("data") != "mutual" {
		t.Fatalf("with --ca, --cert and --key: exit %d\n%s", r.code, r)
	}
}
