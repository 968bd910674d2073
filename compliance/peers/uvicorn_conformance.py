"""The PAGI conformance contract as a raw ASGI application, to calibrate the wire suite against a server we did
not write: uvicorn from Debian (python3-uvicorn, with python3-websockets for WebSocket support).

    /usr/bin/python3 -m uvicorn --app-dir compliance/peers uvicorn_conformance:app --host 127.0.0.1 --port 8000

It answers what org.pagi.compliance.ConformanceApp answers (see its Javadoc for the contract). ASGI has no sse
scope, so a request whose Accept lists text/event-stream arrives as http and the stream is written as an ordinary
streamed body. ASGI servers send trailers only with the http.response.trailers extension, which this uvicorn does
not offer, so /stream cannot send its trailer: a known deviation of the peer, listed in the report.
"""
import asyncio
import re

HELLO = b"Hello from PAGI!"
NOT_FOUND = b"Not Found"
CHUNKS = [b"Chunk 1\n", b"Chunk 2\n", b"Chunk 3\n"]
STATUS = re.compile(r"/status/([0-9]{3})")


async def app(scope, receive, send):
    kind = scope["type"]
    if kind == "lifespan":
        await lifespan(receive, send)
    elif kind == "websocket":
        await websocket(receive, send)
    elif kind == "http":
        await http(scope, receive, send)


async def lifespan(receive, send):
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


async def websocket(receive, send):
    await receive()  # websocket.connect
    await send({"type": "websocket.accept"})
    while True:
        message = await receive()
        if message["type"] == "websocket.disconnect":
            return
        if message.get("text") is not None:
            await send({"type": "websocket.send", "text": message["text"]})
        else:
            await send({"type": "websocket.send", "bytes": message.get("bytes") or b""})


def header(scope, name):
    for key, value in scope["headers"]:
        if key.decode("latin-1").lower() == name:
            return value.decode("latin-1")
    return None


def wants_events(scope):
    accept = header(scope, "accept") or ""
    return any(part.split(";")[0].strip().lower() == "text/event-stream" for part in accept.split(","))


async def http(scope, receive, send):
    path, method = scope["path"], scope["method"]
    if wants_events(scope):
        if path == "/events":
            await events(scope, receive, send)
        else:
            await fixed(send, 404, b"text/plain", NOT_FOUND)
        return
    get = method in ("GET", "HEAD")
    if method in ("POST", "PUT") and path == "/echo":
        await echo(receive, send)
        return
    # Like ConformanceApp, the other routes never read the request body (the server discards it), so a client
    # that sent 'Expect: 100-continue' gets its final response without sending the body.
    status = STATUS.fullmatch(path) if get else None
    if get and path == "/":
        await fixed(send, 200, b"text/plain", HELLO)
    elif get and path == "/stream":
        await stream(scope, send)
    elif status and 200 <= int(status.group(1)) <= 599:
        code = int(status.group(1))
        headers = [] if code in (204, 304) else [(b"content-length", b"0")]
        await send({"type": "http.response.start", "status": code, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
    else:
        await fixed(send, 404, b"text/plain", NOT_FOUND)


async def drain(receive):
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


async def fixed(send, status, content_type, body):
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def echo(receive, send):
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/octet-stream")]})
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return
        more = message.get("more_body", False)
        await send({"type": "http.response.body", "body": message.get("body", b""), "more_body": more})
        if not more:
            return


async def stream(scope, send):
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    for chunk in CHUNKS:
        await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b""})


async def events(scope, receive, send):
    last = (header(scope, "last-event-id") or "").strip()
    start = min(int(last), 5) + 1 if re.fullmatch(r"[0-9]+", last) else 1
    await drain(receive)
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/event-stream"), (b"cache-control", b"no-cache"),
                            (b"x-accel-buffering", b"no")]})
    for k in range(start, 6):
        await send({"type": "http.response.body", "more_body": True,
                    "body": b"event: tick\ndata: %d\nid: %d\n\n" % (k, k)})
        if k < 5:
            await asyncio.sleep(0.1)
    await send({"type": "http.response.body", "body": b"event: done\ndata: finished\n\n"})
