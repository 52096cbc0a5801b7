"""A WebSocket server built on Python's `websockets` package, for Tether's
interop tests (tests/peers). It listens on 127.0.0.1 on a free port and prints
the port alone on the first line of stdout.

    python3 server.py [--protocols=chat.v1,other] [--lifetime=120] [--watch-stdin]

--protocols (or the PEER_PROTOCOLS environment variable) lists the
subprotocols it supports; it selects the first one the client offers that is
in that list, or none. --lifetime bounds how long it runs, in seconds (default
120). --watch-stdin makes it exit when its stdin closes (the test process that
started it is gone).

Paths (any other path echoes), the same as tests/peers/node/server.mjs:
  /echo                          echoes every message with its type
  /close?code=4001&reason=bye    closes with that code and reason at once
  /app-ping                      answers {"type":"ping"} with {"type":"pong"}, echoes the rest
  /terminate?after=200           drops the TCP connection (no close frame) after 200 ms
  /server-ping?count=3&interval=100
                                 sends count protocol pings, interval ms apart, each
                                 after the previous pong (none within 10 s: close
                                 4002), then the text "pongs N", then echoes
  /closed?key=K                  sends "CODE REASON" of the connection opened with
                                 key=K once it has closed (waits up to 10 s), then echoes
Any path takes key=K: the server records how that connection closed.
/close and /terminate take once=KEY: only the first connection with that KEY is
closed or dropped; later ones echo. Protocol pings are answered by websockets.

It runs on the new asyncio API (websockets >= 13) when present, else on the
legacy API (websockets 10 to 12, as in Debian bookworm).
"""

import asyncio
import json
import os
import signal
import sys
import threading
from urllib.parse import parse_qs, urlsplit

import websockets

try:  # websockets >= 13
    from websockets.asyncio.server import serve as _serve

    NEW_API = True
except ImportError:  # websockets 10 to 12
    from websockets.legacy.server import serve as _serve

    NEW_API = False

MAX_SIZE = 8 << 20
seen = set()  # once keys already used
closes = {}  # key -> future of "CODE REASON"


def parse_args(argv):
    out = {}
    for a in argv:
        if a.startswith("--"):
            name, _, value = a[2:].partition("=")
            out[name] = value if value else True
    return out


ARGS = parse_args(sys.argv[1:])
SUPPORTED = [
    p.strip()
    for p in str(ARGS.get("protocols", os.environ.get("PEER_PROTOCOLS", ""))).split(",")
    if p.strip()
]


def pick(offered):
    """The first protocol the client offered that this server supports."""
    for p in offered:
        if p in SUPPORTED:
            return p
    return None


def request_path(ws):
    request = getattr(ws, "request", None)  # new API
    return request.path if request is not None else ws.path


def first_time(key):
    """Whether key is new; no key means every connection is first."""
    if key is None:
        return True
    if key in seen:
        return False
    seen.add(key)
    return True


def is_ping(msg):
    if not isinstance(msg, str):
        return False
    try:
        return json.loads(msg).get("type") == "ping"
    except (ValueError, AttributeError):
        return False


async def echo(ws, app_ping=False):
    async for msg in ws:
        if app_ping and is_ping(msg):
            await ws.send(json.dumps({"type": "pong"}))
        else:
            await ws.send(msg)


async def server_pings(ws, count, interval):
    """Pings count times, each interval seconds after the previous pong, then
    reports the pongs as the text "pongs N"."""
    for _ in range(count):
        await asyncio.sleep(interval)
        pong = await ws.ping()
        try:
            await asyncio.wait_for(pong, 10)
        except asyncio.TimeoutError:
            await ws.close(4002, "no pong")
            return False
    await ws.send("pongs %d" % count)
    return True


def close_slot(key):
    """The future of how the connection with key closed."""
    if key not in closes:
        closes[key] = asyncio.get_running_loop().create_future()
    return closes[key]


async def report_close(ws, key):
    """Sends "CODE REASON" once the connection with key has closed, or
    "timeout" after 10 s."""
    try:
        text = await asyncio.wait_for(asyncio.shield(close_slot(key)), 10)
    except asyncio.TimeoutError:
        text = "timeout"
    await ws.send(text)


async def record_close(ws, key):
    """Records "CODE REASON" of a connection opened with key=K."""
    await ws.wait_closed()
    # close_code is a property of the connection in the legacy API and in
    # recent releases of the new one; else it is on the Sans-I/O protocol.
    src = ws if hasattr(ws, "close_code") else ws.protocol
    slot = close_slot(key)
    if not slot.done():
        slot.set_result("%s %s" % (src.close_code, src.close_reason or ""))


async def handler(ws, *_):
    url = urlsplit(request_path(ws))
    q = {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
    first = first_time(q.get("once"))
    key = q.get("key")
    try:
        await route(ws, url.path, q, first)
    finally:
        if key is not None and url.path != "/closed":
            await record_close(ws, key)


async def route(ws, path, q, first):
    """Gives a new connection the behaviour its path asks for."""
    try:
        if path == "/closed":
            await report_close(ws, q.get("key", ""))
        if path == "/close" and first:
            await ws.close(int(q.get("code", 1000)), q.get("reason", ""))
            return
        if path == "/terminate" and first:
            after = int(q.get("after", 0)) / 1000
            asyncio.get_running_loop().call_later(after, ws.transport.abort)
        if path == "/server-ping":
            count, interval = int(q.get("count", 3)), int(q.get("interval", 100)) / 1000
            if not await server_pings(ws, count, interval):
                return
        await echo(ws, app_ping=path == "/app-ping")
    except websockets.ConnectionClosed:
        pass


def serve_kwargs():
    kw = dict(max_size=MAX_SIZE, ping_interval=None)
    if NEW_API:
        kw["select_subprotocol"] = lambda _conn, offered: pick(offered)
    elif SUPPORTED:
        # The legacy API calls select_subprotocol only when subprotocols is set.
        kw["subprotocols"] = SUPPORTED
        kw["select_subprotocol"] = lambda offered, _server: pick(offered)
    return kw


def watch_stdin(loop, stop):
    """Stops the server when stdin reaches end of file."""

    def read():
        try:
            while sys.stdin.buffer.read(4096):
                pass
        finally:
            loop.call_soon_threadsafe(stop)

    threading.Thread(target=read, daemon=True).start()


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()

    def stop():
        if not done.done():
            done.set_result(None)

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop)
    loop.call_later(float(ARGS.get("lifetime", 120)), stop)
    if ARGS.get("watch-stdin"):
        watch_stdin(loop, stop)
    async with _serve(handler, "127.0.0.1", 0, **serve_kwargs()) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        print(port, flush=True)
        await done


if __name__ == "__main__":
    asyncio.run(main())
