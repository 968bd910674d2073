"""An independent WebSocket client for the interop test: Debian's python3-websockets against our server.

    /usr/bin/python3 ws_interop_client.py ws://127.0.0.1:PORT/ deflate|none

Sends text and binary messages of several sizes to an echo server and checks every echo; prints one line per
check and "OK compression=..." at the end. Exits non-zero on the first mismatch or protocol error.
"""
import asyncio
import os
import sys

import websockets


async def main(uri, compression):
    async with websockets.connect(uri, compression=compression, max_size=None, open_timeout=5,
                                  close_timeout=5) as ws:
        negotiated = ws.response_headers.get("Sec-WebSocket-Extensions", "")
        if compression == "deflate" and "permessage-deflate" not in negotiated:
            raise SystemExit("the server did not negotiate permessage-deflate: %r" % negotiated)
        if compression is None and negotiated:
            raise SystemExit("extensions negotiated although none was offered: %r" % negotiated)
        for size in (0, 1, 125, 126, 65535, 65536, 1 << 20):
            text = ("héllo " * (size // 7 + 1))[:size]
            await ws.send(text)
            echo = await asyncio.wait_for(ws.recv(), 10)
            if echo != text:
                raise SystemExit("text echo of %d characters differs" % size)
            data = os.urandom(size)
            await ws.send(data)
            echo = await asyncio.wait_for(ws.recv(), 10)
            if echo != data:
                raise SystemExit("binary echo of %d bytes differs" % size)
            print("echoed", size)
        pong = await ws.ping(b"interop")
        await asyncio.wait_for(pong, 5)
        await ws.close(code=1000, reason="done")
    print("OK compression=%s" % (compression or "none"))


if __name__ == "__main__":
    mode = sys.argv[2]
    asyncio.run(main(sys.argv[1], "deflate" if mode == "deflate" else None))
