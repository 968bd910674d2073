-- wrk script for the echo scenario: every request is a POST of the same 64 KiB body to /echo.
-- Used by jmh/run-load.sh:  wrk -s jmh/echo64k.lua http://127.0.0.1:PORT/
wrk.method = "POST"
wrk.path = "/echo"
wrk.headers["Content-Type"] = "application/octet-stream"
wrk.body = string.rep("x", 64 * 1024)
