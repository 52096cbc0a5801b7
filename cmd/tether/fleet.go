//go:build !js

package main

import (
	"net"
	"net/url"
	"strings"
	"time"
)

// Limits and defaults of tether bench fleet.
const (
	maxFleetClients  = 1_000_000
	defaultFleetHold = 6 * time.Second // over reconnect's MinUptime (5 s): the storm starts from the first backoff step
	// clientsPerPort is how many clients share one server port, well under
	// the ~28,000 ephemeral source ports Linux has for one destination: with
	// 16,667 per port, dials of a 100,000-client fleet stalled past the 10 s
	// handshake timeout with most CPU time in the kernel (likely connect()'s
	// search for a free source port as the destination's share fills); with
	// 4,000 per port the same fleet opened at 2,400 dials/s.
	clientsPerPort = 4_000
	// fleetDialers is how many dials run at once in the open phase.
	fleetDialers = 64
	// fdMargin is the open files a process asks for besides one per
	// connection; fdNeed is what it must get.
	fdMargin = 1024
	fdNeed   = 64
	// stormTimeout bounds the wait for the whole fleet to come back.
	stormTimeout = 3 * time.Minute
	// maxFleetProcs bounds --procs.
	maxFleetProcs = 64
)

// Server replies to the storm's first reconnect attempts.
const (
	replyNone       = "none"
	reply1013       = "1013"
	replyRetryAfter = "retry-after"
)

const fleetUsage = `Usage: tether bench fleet --clients N [flags]

Opens N idle sdk clients (default options, one goroutine each blocked in
Receive) against the embedded test server, run as a child process so that
the figures hold the clients' cost alone, on ceil(N/4000) loopback ports.
Measures dials/s, then RSS, heap, stacks and goroutines per client after
--hold, then has the server drop every connection at once and measures the
reconnect storm as the server sees it: accepts per 100 ms after the drop,
the largest 100 ms bucket as a share of N against the share a uniform
spread over the default policy's first-retry window gives (100 ms / 1 s),
the time until every client is open again, CPU and RSS per client, and
whether any client was lost. Raises the open-files limit itself.

A process needs N + 1024 open files for N clients (and so does its server).
When the open-files hard limit is lower (and the process may not raise it),
the fleet is split over as few processes as fit under it (or over --procs):
each shard is this command again, with its own server child, for its share
of the clients (the shares differ by at most one); the shards open and hold
their clients at the same time, drop them within a few milliseconds of each
other, and their figures are merged over the whole fleet: dials/s over the
slowest shard's open, footprints summed per client, the storm's buckets over
every server's accepts counted from the earliest shard's drop.

      --clients N             clients to open (required; at most 1000000)
      --hold DUR              idle time before the drop (default 6s: over the
                              reconnect policy's MinUptime, so the storm starts
                              from the first backoff delay)
      --no-jitter             Reconnect.Jitter = -1 (every client retries after
                              exactly 1 s), for comparison
      --server-reply MODE     the server's answer to each client's first
                              reconnect attempt: none (default), 1013 (accept,
                              then close 1013 try again later) or retry-after
                              (HTTP 503 with Retry-After: 1)
      --procs K               run the clients in K processes (1 to 64, at most
                              N; 1: one process, which refuses when the open-
                              files limit is too low); 0 or absent: as few as
                              the open-files hard limit allows
      --url URL               a running 'tether serve' on loopback instead of
                              the embedded server (ws://127.0.0.1:PORT/echo);
                              the drop goes through its /drop route and the
                              storm is seen from the clients' open events (one
                              process only)
      --json                  print one JSON object instead of the table

Exit 0 when every client came back, 1 when a client was lost or the run failed.
`

// fleetConfig is the parsed command line of tether bench fleet.
type fleetConfig struct {
	clients  int
	hold     time.Duration
	noJitter bool
	reply    string
	url      *url.URL // nil: the embedded server
	json     bool
	procs    int // --procs; 0: as few as the open-files limit allows
}

// parseFleet parses tether bench fleet's flags.
func parseFleet(args []string) (*fleetConfig, error) {
	c := &fleetConfig{}
	var rawURL string
	f := newFlagSet("bench fleet")
	f.fs.IntVar(&c.clients, "clients", 0, "")
	f.fs.DurationVar(&c.hold, "hold", defaultFleetHold, "")
	f.fs.BoolVar(&c.noJitter, "no-jitter", false, "")
	f.fs.StringVar(&c.reply, "server-reply", replyNone, "")
	f.fs.StringVar(&rawURL, "url", "", "")
	f.fs.BoolVar(&c.json, "json", false, "")
	f.fs.IntVar(&c.procs, "procs", 0, "")
	pos, err := f.parse(args)
	if err != nil {
		return nil, err
	}
	if len(pos) > 0 {
		return nil, usagef("unexpected argument %q", shownArg(pos[0]))
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	if f.given("url") {
		if c.url, err = fleetURL(rawURL); err != nil {
			return nil, err
		}
		if c.reply != replyNone {
			return nil, usagef("--server-reply needs the embedded server (not --url)")
		}
		if c.procs > 1 {
			return nil, usagef("--url runs in one process (--procs 1): each shard would drop the whole server")
		}
	}
	return c, nil
}

// check validates the flags that need no parsing beyond the flag package.
func (c *fleetConfig) check() error {
	switch {
	case c.clients < 1 || c.clients > maxFleetClients:
		return usagef("--clients N: want a number of clients from 1 to %d", maxFleetClients)
	case c.hold < 0:
		return usagef("--hold %s: must not be negative", c.hold)
	case c.reply != replyNone && c.reply != reply1013 && c.reply != replyRetryAfter:
		return usagef("--server-reply: want none, 1013 or retry-after")
	case c.procs < 0 || c.procs > maxFleetProcs:
		return usagef("--procs K: want a number of processes from 1 to %d (0: as the open-files limit needs)", maxFleetProcs)
	case c.procs > c.clients:
		return usagef("--procs %d: more processes than clients (%d)", c.procs, c.clients)
	}
	return nil
}

// shownArg returns a positional argument for an error message, or a
// placeholder when it looks like a URL (which may carry a credential).
func shownArg(s string) string {
	if strings.Contains(s, "://") || strings.ContainsAny(s, "@?") {
		return "(not shown)"
	}
	return s
}

// fleetURL parses --url: ws:// on a loopback address, no credentials.
func fleetURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "ws" || u.Host == "" {
		return nil, usagef("--url: want ws://127.0.0.1:PORT/echo (a 'tether serve' on loopback)")
	}
	if u.User != nil {
		return nil, usagef("--url: user info is not allowed")
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, usagef("--url: the host must be a loopback address")
	}
	return u, nil
}
