# shellcheck shell=bash
# Machine helpers shared by jmh/run-load.sh, jmh/run-ws-sse.sh and jmh/run-attack.sh (sourced, not run).
# wait_for_quiet and stop_pid use the caller's say function, and its QUIET_PERCENT, QUIET_WAIT and STOP_TIMEOUT.

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

# Succeeds if process $1 runs (a zombie counts as gone).
alive() {
    local line
    read -r line 2>/dev/null <"/proc/$1/stat" || return 1
    line=${line##*) }
    [[ ${line:0:1} != Z ]]
}

# Stops process $1: TERM, then KILL if it still runs after STOP_TIMEOUT seconds (the caller's setting; say is the
# caller's too).
stop_pid() {
    local pid=$1 i
    [[ -n $pid ]] || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
        alive "$pid" || break
        sleep 0.1
    done
    if alive "$pid"; then
        say "PID $pid did not stop within ${STOP_TIMEOUT}s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

# Prints "req/s p99-ms errors requests" from wrk's output in $1 (errors: non-2xx/3xx answers and socket errors).
parse_wrk() {
    awk '
        function ms(v,   n, u) {
            n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
            if (u == "us") return n / 1000
            if (u == "s") return n * 1000
            if (u == "m") return n * 60000
            return n
        }
        /^Requests\/sec:/ { rps = $2 }
        /Latency Distribution/ { dist = 1 }
        dist && $1 == "99%" { p99 = ms($2); dist = 0 }
        / requests in / { requests = $1 }
        /Non-2xx or 3xx responses:/ { errors += $NF }
        /Socket errors:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) errors += $i + 0 }
        END { printf "%s %s %d %s\n", (rps == "" ? "0" : rps), (p99 == "" ? "-" : p99), errors,
            (requests == "" ? 0 : requests) }
    ' "$1"
}

# Prints how many file descriptors process $1 has open (0 when it is gone).
open_fds() {
    local fds=("/proc/$1/fd/"*)
    [[ -e ${fds[0]} ]] && echo "${#fds[@]}" || echo 0
}

# In the background until file $3 is removed or process $1 ends, every 0.2 s: writes "max-VmRSS-KiB max-fds" of
# process $1 to file $2, off core $4. The caller waits for the PID in $!.
sample_peaks() {
    local pid=$1 out=$2 flag=$3 cpu=$4
    echo "0 0" >"$out"
    touch "$flag"
    (
        taskset -cp "$cpu" "$BASHPID" >/dev/null 2>&1 || true
        rss_max=0 fds_max=0
        while [[ -e $flag ]] && alive "$pid"; do
            rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null) || rss=0
            count=$(open_fds "$pid")
            ((${rss:-0} > rss_max)) && rss_max=$rss
            ((count > fds_max)) && fds_max=$count
            echo "$rss_max $fds_max" >"$out"
            sleep 0.2
        done
    ) &
}

# Removes the temporary folder $1, or says where it is kept when KEEP_LOGS=1 (say is the caller's).
drop_run_dir() {
    if [[ ${KEEP_LOGS:-0} == 1 ]]; then
        say "logs kept in $1"
    else
        rm -rf -- "$1"
    fi
}
