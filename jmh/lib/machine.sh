# shellcheck shell=bash
# Machine helpers shared by jmh/run-load.sh and jmh/run-ws-sse.sh (sourced, not run). wait_for_quiet uses the
# caller's say function and its QUIET_PERCENT and QUIET_WAIT settings.

# Prints the first port from $1 on that nothing on 127.0.0.1 accepts connections at.
free_port() {
    local port=$1
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        port=$((port + 1))
    done
    echo "$port"
}

# Prints how busy all cores were, in percent, over the next second (from /proc/stat).
cpu_busy_percent() {
    local a b
    a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)
    sleep 1
    b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ")
        busy = y[1] - x[1]; idle = y[2] - x[2]; printf "%.0f", (busy + idle) ? 100 * busy / (busy + idle) : 0 }'
}

# Waits until the machine is quiet (at most QUIET_PERCENT busy), at most QUIET_WAIT seconds; prints the last busy
# percentage.
wait_for_quiet() {
    local busy waited=0
    busy=$(cpu_busy_percent)
    while ((busy > QUIET_PERCENT && waited < QUIET_WAIT)); do
        ((waited == 0)) && say "the machine is ${busy}% busy with other work; waiting up to ${QUIET_WAIT}s for it to calm down"
        waited=$((waited + 1))
        busy=$(cpu_busy_percent)
    done
    echo "$busy"
}

# Prints "busy total" clock ticks of core $1 so far: user + nice + system, and every column (from /proc/stat).
# Interrupt time is left out of "busy": loopback traffic is handled there, and it is the load test's own.
core_ticks() {
    awk -v cpu="cpu$1" '$1 == cpu { t = 0; for (i = 2; i <= NF; i++) t += $i; print $2 + $3 + $4, t }' /proc/stat
}
