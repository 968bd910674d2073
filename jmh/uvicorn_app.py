"""The uvicorn peer: a raw ASGI app, no framework, answering what the PAGI conformance app answers.

    GET /       200 text/plain "Hello from PAGI!"
    POST /echo  200 application/octet-stream, the request body
    other paths 404; a known path with another method 405

Run it the way jmh/run-load.sh does (Debian's python3-uvicorn, python3-uvloop, python3-httptools):

    python3 -m uvicorn --app-dir jmh uvicorn_app:app --host 127.0.0.1 --port 8080 \\
        --loop uvloop --http httptools --no-access-log --workers 1

Keep-alive and Connection: close are uvicorn's own handling, as for any ASGI app.
"""

HELLO = b"Hello from PAGI!"


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        await lifespan(receive, send)
    elif scope["type"] == "http":
        await http(scope, receive, send)
    else:
        raise RuntimeError("unsupported scope type: " + scope["type"])


async def lifespan(receive, send):
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


async def http(scope, receive, send):
    path, method = scope["path"], scope["method"]
    if path == "/" and method == "GET":
        await respond(send, 200, b"text/plain", HELLO)
    elif path == "/echo" and method == "POST":
        await respond(send, 200, b"application/octet-stream", await read_body(receive))
    elif path in ("/", "/echo"):
        await respond(send, 405, b"text/plain", b"method not allowed")
    else:
        await respond(send, 404, b"text/plain", b"not found")


async def read_body(receive):
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def respond(send, status, content_type, body):
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode("ascii"))],
    })
    await send({"type": "http.response.body", "body": body})
