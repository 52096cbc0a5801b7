//go:build !js

package main

const usageText = `tether: a WebSocket client that reconnects, heartbeats and negotiates subprotocols.

Usage:
  tether connect URL [flags]   talk to a WebSocket server (interactive or scripted)
  tether serve [flags]         run the embedded test server (echo, chaos, subprotocols)
  tether demo                  narrate reconnect, queueing and heartbeats in ~2 s
  tether bench [flags]         echo throughput: sdk.Client vs raw coder/websocket
  tether bench fleet [flags]   N idle clients: memory per client and a reconnect storm
  tether version               print the version
  tether help [COMMAND]        print this text, or a command's flags

Exit status: 0 done, 1 the connection failed and no retry is left,
2 usage error, 3 --timeout reached, 4 done but some messages were not
confirmed (each reported as unsent).
`

const connectUsage = `Usage: tether connect URL [flags]

Connects to URL (ws://, wss://, http:// or https://). Lines read from stdin
are sent as text messages (binary ones with --binary); received messages print
on stdout ("< text", binary as "< [binary N bytes] BASE64", or HEX with
--binary hex), sent ones as "> text" (except lines typed on a terminal);
status lines go to stderr.

Subprotocols:
  -p, --subprotocol NAME      offer NAME (repeatable; order = preference)
      --require-subprotocol   fail unless the server selects one
Handshake:
  -H, --header "Name: value"  add a handshake header (repeatable; "Host: name"
                              sets the Host header)
      --origin URL            send Origin: URL
      --header-from SOURCE    add the "Name: value" lines of SOURCE, env:NAME or
                              file:PATH (repeatable; keeps tokens out of ps
                              output and shell history)
      --subprotocol-credential-from SOURCE
                              offer each line of SOURCE as a subprotocol
                              credential entry, after the -p entries (never
                              selected, never shown)
      --insecure              skip TLS certificate verification (wss://)
      --ca FILE               trust the PEM certificates in FILE instead of the
                              system's roots
      --cert FILE --key FILE  present this client certificate (mutual TLS; PEM)
      --proxy URL             connect through a proxy: http:// or https://
                              (HTTP CONNECT), socks5:// or socks5h:// (names
                              resolved by the proxy). Without --proxy,
                              HTTPS_PROXY (wss://), HTTP_PROXY (ws://) and
                              NO_PROXY are honoured, never for localhost or a
                              loopback address
      --handshake-timeout DUR bound each opening handshake, reconnects too
                              (default 10s)
Reconnect (on by default; the first dial fails fast unless --retry-first-dial):
      --no-reconnect          never reconnect
      --reconnect-initial DUR first backoff delay (default 1s, ±50% jitter)
      --reconnect-max DUR     largest backoff delay (default 30s)
      --max-attempts N        give up once N reconnect attempts in a row failed
                              (the first connection not counted; 0: never)
      --retry-first-dial      retry the first connection too
Heartbeat (default: protocol pings every 25s, 15s timeout; the agreed
subprotocol's own ping when its profile has one: graphql-transport-ws, mqtt):
      --heartbeat-interval DUR  idle time before a ping (default 25s)
      --heartbeat-timeout DUR   wait for proof of life after a ping (default 15s)
      --ping TEXT             send TEXT as an application ping
      --pong TEXT             the exact reply that counts as the pong (needs --ping)
Delivery (a sent message is confirmed once the server answers a ping written
after it; tether sends one 50ms after writes):
      --no-resend             report messages that a lost connection left
                              unconfirmed as unsent (maybe_delivered true)
                              instead of re-sending them first on the next
                              connection (the default: at least once, so the
                              server may read one twice)
Scripting:
      --send TEXT             send TEXT once open (repeatable, in order; queued
                              and re-sent across reconnects until written)
      --send-file PATH        send the file's bytes as one binary message once
                              open, like --send (repeatable, in order with
                              --send; at most 4 MiB)
      --binary FORMAT         base64 or hex: each stdin line and --send value is
                              decoded and sent as a binary message (a line that
                              does not decode is reported, kind input, and not
                              sent); binary messages print in FORMAT
      --count N               exit 0 once N messages have been received
      --timeout DUR           exit 3 if not done within DUR
      --linger DUR            after stdin ends, wait until the server has been
                              quiet for DUR before closing (default 500ms)
Output:
      --json                  JSON Lines on stdout: one event per line
      --show-ping             show protocol pings and pongs as they pass (the
                              heartbeat's, and the server's)
      --slash                 stdin lines starting with / are commands:
                              /ping sends a ping now, /close [CODE [REASON]]
                              closes with CODE (default 1000) and exits,
                              //text sends /text
  -q, --quiet                 no status lines on stderr

When tether stops:
  - --count N messages received: close (1000), exit 0.
  - Ctrl-C or SIGTERM: close (1000), exit 0.
  - End of stdin (Ctrl-D, a pipe or file that ends, </dev/null): only when
    neither --send, --send-file nor --count is given. Then tether waits until
    every line was sent and the server has been quiet for --linger, so
    replies print (echo hi | tether connect URL shows the echo), closes
    (1000), exit 0. With --send, --send-file or --count, end of stdin just
    stops input: tether keeps printing until --count, --timeout, Ctrl-C or
    the connection ends.
  - The connection ends and no retry is left: exit 1 (a normal 1000 close by
    the server exits 0 unless --count was not reached).
  - --timeout reached: close (1000), exit 3.
At every stop tether takes no more input (a message still waiting to be
written, the connection being down, is not sent), then gives the messages
written and not yet confirmed up to 2s to be confirmed (on a dead link it
then exits without a close handshake). Each message not confirmed, written
or not, is reported as an unsent event (a status line even with --quiet)
before tether exits, so every message tether started to send (--send,
--send-file, stdin lines) is either confirmed or reported. Any unsent event
turns an exit status of 0 into 4.
The --send and --send-file messages go first, then stdin lines. Use --send
with --count for request/response scripts:
  tether connect URL --send ping --count 1
  tether connect URL --binary hex --send 00ff6869 --count 1

JSON events ("event", "time" in RFC 3339 with nanoseconds, then):
  connecting   attempt, url (user info and every query value REDACTED)
  open         attempt, subprotocol, reconnect
  message      type (text|binary), data (text; binary in base64, or hex with
               --binary hex)
  sent         type, data (once written to the socket, not yet confirmed; as
               in message)
  heartbeat    rtt_ms, smoothed_ms
  ping, pong   from (client|server): a protocol ping or pong (--show-ping)
  reconnecting attempt (the next attempt), retry (failures in a row), delay_ms,
               error, kind
  close        code, reason, final (true: no reconnect follows)
  unsent       count (1), type, data, maybe_delivered, error: one message
               tether will not deliver. maybe_delivered true: written, but
               the server did not confirm reading it (at exit, or a lost
               connection with --no-resend); false: never written
  error        error, kind (handshake, subprotocol, heartbeat, network, closed,
               tls, message_too_big, timeout, input), final (true: no retry
               follows)
`

const serveUsage = `Usage: tether serve [flags]

Runs the embedded test server and prints its URLs on stdout, one per line:
/echo first, then one example per chaos behaviour (drop the TCP connection,
close with a code and reason, go silent, answer application pings, refuse
the handshake with 503 and Retry-After, refuse with 401), /stats, and the
browser demo when its wasm build exists. Serves until Ctrl-C or SIGTERM.

      --addr HOST:PORT        listen address (default 127.0.0.1:8080; port 0:
                              any free port). Loopback unless you name another
                              address here (then a warning: the server has no
                              authentication)
      --subprotocols a,b      subprotocols the server supports; it selects the
                              client's most preferred one it knows (default
                              chat.v2,chat.v1,graphql-transport-ws,mqtt; "": none)
      --web DIR               the repository's web/ directory (default: found
                              from the working directory); web/demo/ and
                              web/dist/ are served under /web/

Parameters of /echo and /chaos (durations in ms): drop_after, close_after with
code and reason, blackhole_after, app_ping=1, status with retry_after,
fail_first=N (refuse the first N handshakes), accept_then_close=N,
server_ping_every, delay_ms, slow_read=1, hold=1, key (counts per key). GET /
lists every route. The browser demo needs the wasm build: ./web/build.sh.
`

const demoUsage = `Usage: tether demo

Starts the embedded server and a fault proxy in this process, connects a
native client and narrates: subprotocol agreed, messages echoed, the server
drops the connection, reconnect with backoff, queued messages flushed in
order, the link goes silent, the heartbeat detects it, reconnect, summary.
Exit 0 when every step worked, 1 with the failed step otherwise.
`

const benchUsage = `Usage: tether bench [flags]
       tether bench fleet [flags]   (see tether bench fleet --help)

Measures sequential echo round trips per second against the embedded server,
through sdk.Client and through raw coder/websocket, and prints the ratio.

      --duration DUR          time per measurement (default 1s)
      --sizes LIST            message sizes in bytes (default 32,1024,65536)
`

const versionUsage = `Usage: tether version

Prints the module version, the Go version and the platform.
`

var commandUsage = map[string]string{
	"connect": connectUsage, "serve": serveUsage, "demo": demoUsage,
	"bench": benchUsage, "version": versionUsage,
}
