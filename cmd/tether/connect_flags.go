//go:build !js

package main

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tetherws/tether/internal/negotiate"
	"github.com/tetherws/tether/internal/retry"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// defaultLinger is how long the server must stay quiet after stdin ends.
const defaultLinger = 500 * time.Millisecond

// connectConfig is the parsed command line of tether connect.
type connectConfig struct {
	url                string
	subprotocols       listFlag
	requireSubprotocol bool
	headers            listFlag
	header             http.Header
	host               string // -H "Host: name"
	origin             string
	handshakeTimeout   time.Duration // 0: the SDK's default
	headerFrom         listFlag      // --header-from sources
	credentialFrom     listFlag      // --subprotocol-credential-from sources
	credentials        []string      // the subprotocol credential entries they hold
	transportFlags

	noReconnect                    bool
	reconnectInitial, reconnectMax time.Duration
	maxAttempts                    int
	retryFirstDial                 bool

	hbInterval, hbTimeout time.Duration
	ping, pong            string
	noResend              bool // hand back unconfirmed messages instead of re-sending them

	script     []scripted          // --send and --send-file, in order
	binaryName string              // --binary as typed
	binary     binaryFormat        // --binary
	sends      []transport.Message // built from script by checkMessages
	count      int
	timeout    time.Duration
	linger     time.Duration
	json       bool
	quiet      bool
	slash      bool // stdin lines starting with / are commands
}

// parseConnect parses and checks tether connect's arguments.
func parseConnect(args []string) (*connectConfig, error) {
	c := &connectConfig{}
	f := c.flags()
	pos, err := f.parse(args)
	if err != nil {
		return nil, err
	}
	if err := c.setURL(pos); err != nil {
		return nil, err
	}
	return c, c.check(f)
}

func (c *connectConfig) flags() *flagSet {
	f := newFlagSet("connect")
	fs := f.fs
	f.alias(&c.subprotocols, "p", "subprotocol")
	fs.BoolVar(&c.requireSubprotocol, "require-subprotocol", false, "")
	f.alias(&c.headers, "H", "header")
	fs.StringVar(&c.origin, "origin", "", "")
	fs.BoolVar(&c.insecure, "insecure", false, "")
	fs.StringVar(&c.caFile, "ca", "", "")
	fs.StringVar(&c.certFile, "cert", "", "")
	fs.StringVar(&c.keyFile, "key", "", "")
	fs.StringVar(&c.proxy, "proxy", "", "")
	fs.BoolVar(&c.showPing, "show-ping", false, "")
	fs.Var(&c.headerFrom, "header-from", "")
	fs.Var(&c.credentialFrom, "subprotocol-credential-from", "")
	fs.DurationVar(&c.handshakeTimeout, "handshake-timeout", 0, "")
	fs.BoolVar(&c.noReconnect, "no-reconnect", false, "")
	fs.DurationVar(&c.reconnectInitial, "reconnect-initial", 0, "")
	fs.DurationVar(&c.reconnectMax, "reconnect-max", 0, "")
	fs.IntVar(&c.maxAttempts, "max-attempts", 0, "")
	fs.BoolVar(&c.retryFirstDial, "retry-first-dial", false, "")
	fs.DurationVar(&c.hbInterval, "heartbeat-interval", 0, "")
	fs.DurationVar(&c.hbTimeout, "heartbeat-timeout", 0, "")
	fs.StringVar(&c.ping, "ping", "", "")
	fs.StringVar(&c.pong, "pong", "", "")
	fs.BoolVar(&c.noResend, "no-resend", false, "")
	fs.Var(scriptFlag{list: &c.script}, "send", "")
	fs.Var(scriptFlag{list: &c.script, file: true}, "send-file", "")
	fs.StringVar(&c.binaryName, "binary", "", "")
	fs.IntVar(&c.count, "count", 0, "")
	fs.DurationVar(&c.timeout, "timeout", 0, "")
	fs.DurationVar(&c.linger, "linger", defaultLinger, "")
	fs.BoolVar(&c.json, "json", false, "")
	fs.BoolVar(&c.slash, "slash", false, "")
	fs.BoolVar(&c.quiet, "q", false, "")
	fs.BoolVar(&c.quiet, "quiet", false, "")
	return f
}

func (c *connectConfig) setURL(pos []string) error {
	switch {
	case len(pos) == 0:
		return usagef("missing URL (tether connect URL)")
	case len(pos) > 1:
		return usagef("unexpected argument after the URL (not shown; quote a value that has spaces)")
	}
	if err := checkURL(pos[0]); err != nil {
		return usagef("invalid URL %s: %s", shownURL(pos[0]), err.msg)
	}
	c.url = pos[0]
	return nil
}

// checkURL accepts what sdk.Dial accepts: ws, wss, http or https with a host.
func checkURL(raw string) *usageError {
	u, err := url.Parse(raw)
	switch {
	case strings.TrimSpace(raw) == "":
		return &usageError{"empty"}
	case err != nil:
		return &usageError{"does not parse"}
	case u.Scheme == "":
		return &usageError{"no scheme (want ws://, wss://, http:// or https://)"}
	}
	switch strings.ToLower(u.Scheme) {
	case "ws", "wss", "http", "https":
	default:
		return &usageError{"unsupported scheme (want ws, wss, http or https)"}
	}
	if u.Hostname() == "" {
		return &usageError{"no host"}
	}
	return nil
}

// check reports the first invalid flag value or combination.
func (c *connectConfig) check(f *flagSet) error {
	for _, step := range []func(*connectConfig, *flagSet) error{
		(*connectConfig).checkSubprotocols, (*connectConfig).checkHandshake, (*connectConfig).checkTransport,
		(*connectConfig).checkReconnect, (*connectConfig).checkHeartbeat,
		(*connectConfig).checkScript, (*connectConfig).checkMessages,
	} {
		if err := step(c, f); err != nil {
			return err
		}
	}
	return nil
}

// checkSubprotocols checks the -p entries. An invalid entry is never quoted
// (it may be a mistyped credential), nor is a credential entry
// (negotiate.IsCredential).
func (c *connectConfig) checkSubprotocols(*flagSet) error {
	seen := map[string]bool{}
	for i, p := range c.subprotocols {
		if !negotiate.IsToken(p) {
			return usagef("-p/--subprotocol: entry %d is not a valid subprotocol name (an RFC 7230 token; not shown)", i+1)
		}
		if seen[p] {
			return usagef("-p/--subprotocol %s given twice", shownEntry(p))
		}
		seen[p] = true
	}
	if c.requireSubprotocol && len(c.subprotocols) == 0 {
		return usagef("--require-subprotocol needs at least one -p/--subprotocol")
	}
	return nil
}

// reservedHeaders are handshake headers tether sets itself, with a hint.
var reservedHeaders = map[string]string{
	"Upgrade": "", "Connection": "", "Sec-Websocket-Key": "", "Sec-Websocket-Version": "",
	"Sec-Websocket-Extensions": "", "Sec-Websocket-Protocol": " (use -p/--subprotocol)",
}

func (c *connectConfig) checkHandshake(f *flagSet) error {
	if f.given("handshake-timeout") && c.handshakeTimeout <= 0 {
		return usagef("--handshake-timeout %s: must be more than 0 (default %s)",
			c.handshakeTimeout, sdk.DefaultOptions().HandshakeTimeout)
	}
	c.header = http.Header{}
	for _, h := range c.headers {
		if err := c.addHeader("-H/--header", h); err != nil {
			return err
		}
	}
	if err := c.addSourcedHeaders(); err != nil {
		return err
	}
	if err := c.readCredentials(); err != nil {
		return err
	}
	if c.origin != "" {
		u, err := url.Parse(c.origin)
		if err != nil || u.Scheme == "" || u.Host == "" {
			return usagef("--origin %s: want a URL such as https://example.com", shownURL(c.origin))
		}
		c.header.Set("Origin", c.origin)
	}
	return nil
}

// addHeader adds one "Name: value" from where (-H or a --header-from line);
// Host sets the Host header of the request. Its errors never show the value
// (nor a name that is not a valid one: the whole argument may be a value, as
// in -H "Bearer TOKEN").
func (c *connectConfig) addHeader(where, h string) error {
	name, value, ok := strings.Cut(h, ":")
	name, value = http.CanonicalHeaderKey(strings.TrimSpace(name)), strings.TrimSpace(value)
	switch {
	case !ok:
		return usagef(`%s: want "Name: value" (value not shown)`, where)
	case !negotiate.IsToken(name):
		return usagef(`%s: the name before ':' is not a valid header name (value not shown)`, where)
	case hasControl(value):
		return usagef("%s %s: the value contains a control character such as CR or LF (value not shown)", where, name)
	}
	if hint, ok := reservedHeaders[name]; ok {
		return usagef("%s %s: tether sets %s itself%s", where, name, name, hint)
	}
	if name == "Host" {
		c.host = value
		return nil
	}
	c.header.Add(name, value)
	return nil
}

// hasControl reports bytes a header value cannot carry (tab aside).
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < ' ' && s[i] != '\t') || s[i] == 0x7f {
			return true
		}
	}
	return false
}

func (c *connectConfig) checkReconnect(f *flagSet) error {
	if c.noReconnect {
		for _, n := range []string{"reconnect-initial", "reconnect-max", "max-attempts", "retry-first-dial"} {
			if f.given(n) {
				return usagef("--no-reconnect conflicts with --%s", n)
			}
		}
	}
	if err := nonNegative("reconnect-initial", c.reconnectInitial); err != nil {
		return err
	}
	if err := nonNegative("reconnect-max", c.reconnectMax); err != nil {
		return err
	}
	if c.maxAttempts < 0 {
		return usagef("--max-attempts %d: must be 0 (unlimited) or more", c.maxAttempts)
	}
	if p := retry.WithDefaults(c.policy()); p.InitialDelay > p.MaxDelay {
		return usagef("--reconnect-initial (%s) exceeds --reconnect-max (%s)", p.InitialDelay, p.MaxDelay)
	}
	return nil
}

func (c *connectConfig) checkHeartbeat(f *flagSet) error {
	if err := nonNegative("heartbeat-interval", c.hbInterval); err != nil {
		return err
	}
	if err := nonNegative("heartbeat-timeout", c.hbTimeout); err != nil {
		return err
	}
	if f.given("ping") && c.ping == "" {
		return usagef("--ping: the ping text is empty")
	}
	if f.given("pong") && !f.given("ping") {
		return usagef("--pong needs --ping (the pong answers an application ping)")
	}
	return nil
}

func (c *connectConfig) checkScript(*flagSet) error {
	if c.count < 0 {
		return usagef("--count %d: must be 1 or more", c.count)
	}
	if err := nonNegative("timeout", c.timeout); err != nil {
		return err
	}
	return nonNegative("linger", c.linger)
}

func nonNegative(name string, d time.Duration) error {
	if d < 0 {
		return usagef("--%s %s: must not be negative", name, d)
	}
	return nil
}
