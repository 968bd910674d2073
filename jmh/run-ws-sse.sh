#!/usr/bin/env bash
# The WebSocket and SSE load benchmark: the PAGI server running org.pagi.jmh.load.BenchApp, pinned to one core
# (taskset -c 0), loaded by the JDK's own client (java.net.http) pinned to the other (taskset -c 1), on 127.0.0.1.
#
#   jmh/run-ws-sse.sh                                 everything: about 5 minutes
#   RUNS=1 DURATION=5 WARMUP=3 jmh/run-ws-sse.sh      a quick look, about 2 minutes
#   MODES=event-loop SCENARIOS=sse-1000 jmh/run-ws-sse.sh
#
# For each execution mode it starts org.pagi.jmh.load.BenchServer, checks that it answers, then runs every
# scenario RUNS times (each run: WARMUP seconds, then DURATION seconds counted) while sampling the server's
# resident memory. It prints a table (rate min/median/max, round trip or open time, CPU of server and client,
# max RSS, errors) and writes the same as Markdown to jmh/results/ws-sse-latest.md. Figures only: nothing here
# judges a speed. jmh/README.md says what each scenario measures.
#
# Scenarios:
#   ws-64     WsEchoLoad: 64 WebSockets, 64-byte binary messages, 16 in flight on each
#   ws-64k    WsEchoLoad: 16 WebSockets, 64 KiB binary messages, 1 in flight on each
#   sse-1000  SseLoad: 1,000 concurrent SSE streams of SSE_EVENTS events of 100 bytes; an ended stream is
#             replaced at once by a new one
#
# Knobs (environment):
#   RUNS=3 DURATION=10 WARMUP=3   runs per scenario; seconds counted per run; seconds of warm-up per run
#   MODES="virtual-threads event-loop"   SCENARIOS="ws-64 ws-64k sse-1000"   subsets
#   SSE_EVENTS=1000   events per SSE stream (the server closes the connection after each stream)
#   SERVER_CPU=0 CLIENT_CPU=1   the cores for the server and for the load program
#   BASE_PORT=18180   the first port tried; each mode gets the next free one
#   SERVER_JAVA_OPTS  the server's JVM flags; default: bin/pagi-server's (see below)
#   CLIENT_JAVA_OPTS  extra JVM flags for the load programs (default none: the JVM's defaults)
#   CLIENT_THREADS=2  the client's executor threads
#   NOFILE=16384      the open-file limit asked for (ulimit -n) for the processes this script starts
#   QUIET_WAIT=30 QUIET_PERCENT=10   before each mode, wait up to 30 s for the machine to be at most 10% busy
#   SKIP_BUILD=1      never build: use jmh/target/benchmarks.jar as it is (otherwise it is built when missing or
#                     older than a main source file or pom of spec, server-jdk or jmh)
#   KEEP_LOGS=1       keep the temporary folder with the server logs, GC logs and the load programs' output
#
# Every process this script starts (the server, the load programs, the memory sampler) is stopped by its PID on
# exit, on failure and on Ctrl-C: TERM, then KILL after STOP_TIMEOUT (5) seconds. Each is bounded in time by
# itself too: the server by --max-seconds, the load programs by their hard deadline and by timeout(1).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
# shellcheck source-path=SCRIPTDIR source=lib/machine.sh
source "$here/lib/machine.sh"

ALL_MODES="virtual-threads event-loop"
ALL_SCENARIOS="ws-64 ws-64k sse-1000"
RUNS=${RUNS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
MODES=${MODES:-$ALL_MODES}
SCENARIOS=${SCENARIOS:-$ALL_SCENARIOS}
SSE_EVENTS=${SSE_EVENTS:-1000}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
BASE_PORT=${BASE_PORT:-18180}
START_TIMEOUT=${START_TIMEOUT:-60}
STOP_TIMEOUT=${STOP_TIMEOUT:-5}
CLIENT_THREADS=${CLIENT_THREADS:-2}
NOFILE=${NOFILE:-16384}
QUIET_WAIT=${QUIET_WAIT:-30}
QUIET_PERCENT=${QUIET_PERCENT:-10}
# bin/pagi-server's default flags: the server as users run it (resident memory goal: 128 MiB under load).
LAUNCHER_FLAGS="-XX:+UseSerialGC -Xms32m -Xmx64m -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=32m -Xss256k"
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-$LAUNCHER_FLAGS}
CLIENT_JAVA_OPTS=${CLIENT_JAVA_OPTS:-}
JAR=$here/target/benchmarks.jar
PKG=org.pagi.jmh.load

die() {
    echo "run-ws-sse: $*" >&2
    exit 2
}
say() {
    echo "run-ws-sse: $*" >&2
}

# ---------------------------------------------------------------------------------------------------------
# Arguments

is_count() {
    [[ $1 =~ ^[1-9][0-9]*$ ]]
}
for knob in RUNS DURATION START_TIMEOUT STOP_TIMEOUT BASE_PORT SSE_EVENTS CLIENT_THREADS NOFILE; do
    is_count "${!knob}" || die "$knob must be a whole number of 1 or more, got '${!knob}'"
done
for knob in WARMUP QUIET_WAIT QUIET_PERCENT SERVER_CPU CLIENT_CPU; do
    [[ ${!knob} =~ ^[0-9]+$ ]] || die "$knob must be a whole number, got '${!knob}'"
done
for m in $MODES; do
    [[ " $ALL_MODES " == *" $m "* ]] || die "unknown mode '$m' in MODES; known: $ALL_MODES"
done
for s in $SCENARIOS; do
    [[ " $ALL_SCENARIOS " == *" $s "* ]] || die "unknown scenario '$s' in SCENARIOS; known: $ALL_SCENARIOS"
done
command -v taskset >/dev/null || die "taskset is missing (Debian: apt-get install util-linux)"
command -v timeout >/dev/null || die "timeout is missing (Debian: apt-get install coreutils)"

# ---------------------------------------------------------------------------------------------------------
# Processes: everything started is tracked by PID and stopped by PID.

run_dir=$(mktemp -d "${TMPDIR:-/tmp}/pagi-ws-sse.XXXXXX")
server_pid=""
fail_reason=""
load_pid=""
sampler_pid=""
sampler_flag=$run_dir/sampling

stop_sampler() {
    rm -f "$sampler_flag"
    stop_pid "$sampler_pid"
    sampler_pid=""
}

stop_server() {
    stop_sampler
    stop_pid "$server_pid"
    server_pid=""
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_pid "$load_pid"
    stop_server
    if [[ ${KEEP_LOGS:-0} == 1 ]]; then
        say "logs kept in $run_dir"
    else
        rm -rf -- "$run_dir"
    fi
    exit "$status"
}
on_signal() {
    say "stopped by SIG$1"
    [[ $1 == INT ]] && exit 130
    exit 143
}
trap cleanup EXIT
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM

# ---------------------------------------------------------------------------------------------------------
# Build, JDK, limits

# Succeeds if the jar is missing or older than a main source file or pom it is built from.
jar_stale() {
    [[ -f $JAR ]] || return 0
    [[ -n $(find "$root/pom.xml" "$root/spec" "$root/server-jdk" "$here" \
        \( -path '*/target' -o -path '*/results' \) -prune -o \
        \( -name '*.java' -path '*/src/main/*' -o -name pom.xml \) -newer "$JAR" -print -quit) ]]
}

build() {
    # shellcheck source-path=SCRIPTDIR source=../bin/lib/find-jdk.sh
    source "$root/bin/lib/find-jdk.sh" || die "no JDK 21+ found"
    if [[ ${SKIP_BUILD:-0} == 1 ]]; then
        [[ -f $JAR ]] || die "SKIP_BUILD=1 but $JAR does not exist"
        return 0
    fi
    jar_stale || return 0
    say "building jmh/target/benchmarks.jar (mvn package -pl jmh -am -DskipTests)"
    if ! (cd "$root" && mvn -B -q -Dstyle.color=never -pl jmh -am package -DskipTests) >"$run_dir/build.log" 2>&1; then
        tail -n 30 "$run_dir/build.log" >&2
        die "the build failed"
    fi
}

# 1,000 streams need 1,000 sockets in the server and as many in the client, plus the JVM's own files.
raise_nofile() {
    local hard
    hard=$(ulimit -Hn)
    if [[ $hard == unlimited ]] || ((hard >= NOFILE)); then
        ulimit -Sn "$NOFILE"
    else
        ulimit -Sn "$hard"
    fi
    if [[ $(ulimit -Sn) != unlimited ]] && (($(ulimit -Sn) < 2100)); then
        say "warning: the open-file limit is $(ulimit -Sn) (hard $hard); sse-1000 needs about 1,100 per process"
    fi
}

# ---------------------------------------------------------------------------------------------------------
# The server

# Prints the answer to GET / on port $1 (the bench app answers "ok"), within 5 s.
probe() {
    # shellcheck disable=SC2016 # $1 is the inner shell's argument
    timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
        printf "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" >&3
        cat <&3' probe "$1" 2>/dev/null || true
}

# The bound on the server's own life: every scenario's runs plus a generous margin.
server_max_seconds() {
    local n
    n=$(wc -w <<<"$SCENARIOS")
    echo $((n * RUNS * (WARMUP + DURATION + 60) + 120))
}

# Starts the server in mode $1 on port $2, pinned to SERVER_CPU; sets server_pid. Returns 1 with the reason in
# fail_reason if it does not come up. (Not run in a $(...) subshell: the server must be this shell's child, so
# that it can be waited for and stopped.)
start_server() {
    local mode=$1 port=$2 log=$run_dir/server-$1.log i
    local flags=()
    # shellcheck disable=SC2206 # a list of flags, split on spaces like JAVA_OPTS elsewhere
    flags=($SERVER_JAVA_OPTS "-Xlog:gc:file=$run_dir/gc-$mode.log")
    say "starting the server: taskset -c $SERVER_CPU java ${flags[*]} -cp benchmarks.jar $PKG.BenchServer" \
        "--port $port --mode $mode --loops 1"
    taskset -c "$SERVER_CPU" "$JAVA_HOME/bin/java" "${flags[@]}" -cp "$JAR" "$PKG.BenchServer" --port "$port" \
        --mode "$mode" --loops 1 --max-seconds "$(server_max_seconds)" </dev/null >"$log" 2>&1 &
    server_pid=$!
    for ((i = 0; i < START_TIMEOUT * 10; i++)); do
        if ! alive "$server_pid"; then
            wait "$server_pid" 2>/dev/null || true
            server_pid=""
            tail -n 15 "$log" | sed 's/^/  server| /' >&2
            fail_reason="exited before it listened"
            return 1
        fi
        grep -qs 'listening on' "$log" && break
        sleep 0.1
    done
    if ! grep -qs 'listening on' "$log"; then
        fail_reason="did not listen within ${START_TIMEOUT}s"
        return 1
    fi
    if [[ $(probe "$port") != *$'\r\n\r\nok' ]]; then
        fail_reason="GET / did not answer ok"
        return 1
    fi
}

# ---------------------------------------------------------------------------------------------------------
# Memory: the largest VmRSS of the server seen while sampling.

start_sampler() {
    local pid=$1 out=$2
    echo 0 >"$out"
    touch "$sampler_flag"
    (
        taskset -cp "$CLIENT_CPU" "$BASHPID" >/dev/null 2>&1 || true # off the server's core
        max=0
        while [[ -e $sampler_flag ]] && alive "$pid"; do
            now=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null) || now=0
            if ((${now:-0} > max)); then
                max=$now
                echo "$max" >"$out"
            fi
            sleep 0.5
        done
    ) &
    sampler_pid=$!
}

# ---------------------------------------------------------------------------------------------------------
# Quiet: other work on the machine skews every figure.

# Prints the CPU clock ticks (user + system) process $1 has used so far.
proc_ticks() {
    local line fields
    read -r line 2>/dev/null <"/proc/$1/stat" || { echo 0; return; }
    read -r -a fields <<<"${line##*) }"
    echo $((fields[11] + fields[12]))
}

# Prints how much of the server's core other work took between two snapshots, in percent:
# $1 = "busy total" of the core before, $2 = after, $3 = server ticks before, $4 = after.
other_percent() {
    awk -v a="$1" -v b="$2" -v s0="$3" -v s1="$4" 'BEGIN { split(a, x, " "); split(b, y, " ")
        total = y[2] - x[2]; other = (y[1] - x[1]) - (s1 - s0)
        printf "%.0f", (total > 0 && other > 0) ? 100 * other / total : 0 }'
}

# ---------------------------------------------------------------------------------------------------------
# Load

# Prints the load program and its arguments for scenario $1 against port $2, one word a line.
load_command() {
    local scenario=$1 port=$2
    local common=(--seconds "$DURATION" --warmup "$WARMUP" --threads "$CLIENT_THREADS" --server-pid "$server_pid")
    case $scenario in
        ws-64)
            printf '%s\n' "$PKG.WsEchoLoad" --url "ws://127.0.0.1:$port/" --connections 64 --size 64 --window 16 \
                "${common[@]}"
            ;;
        ws-64k)
            printf '%s\n' "$PKG.WsEchoLoad" --url "ws://127.0.0.1:$port/" --connections 16 --size 65536 --window 1 \
                "${common[@]}"
            ;;
        sse-1000)
            printf '%s\n' "$PKG.SseLoad" --url "http://127.0.0.1:$port/stream" --streams 1000 \
                --events "$SSE_EVENTS" --size 100 "${common[@]}"
            ;;
    esac
}

# Runs scenario $1 against port $2 once, output to $3; pinned to CLIENT_CPU and bounded by timeout(1).
run_load() {
    local scenario=$1 port=$2 out=$3 cmd=() java=("$JAVA_HOME/bin/java")
    mapfile -t cmd < <(load_command "$scenario" "$port")
    # shellcheck disable=SC2206 # CLIENT_JAVA_OPTS is a list of flags
    [[ -n $CLIENT_JAVA_OPTS ]] && java+=($CLIENT_JAVA_OPTS)
    # In the background and waited for: a trapped signal interrupts `wait` at once.
    timeout -k 5 $((WARMUP + DURATION + 60)) taskset -c "$CLIENT_CPU" "${java[@]}" -cp "$JAR" "${cmd[@]}" \
        >"$out" 2>&1 &
    load_pid=$!
    wait "$load_pid" || true
    load_pid=""
}

# Prints the value of key $2 in the RESULT line of file $1, or "-".
result_value() {
    awk -v key="$2" '/^RESULT / { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) v = kv[2] } }
        END { print (v == "" ? "-" : v) }' "$1"
}

# ---------------------------------------------------------------------------------------------------------
# Results, one row per mode and scenario, kept in associative arrays keyed "mode|scenario".

declare -a rows=()
declare -A r_min r_med r_max r_unit r_mib r_p50 r_p99 r_open r_srv r_cli r_other r_rss r_err r_note

# Prints the arguments that are numbers, one a line.
numbers() {
    printf '%s\n' "$@" | awk '$1 ~ /^[0-9.]+$/'
}
# Prints "min median max" of the numbers given (ignoring "-"); "- - -" when none.
stats() {
    numbers "$@" | sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "- - -"; exit }
        med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.0f %.0f %.0f\n", v[1], med, v[NR] }'
}
# Prints the median of the numbers given (ignoring "-") with $1 decimals; "-" when none.
median() {
    local decimals=$1
    shift
    numbers "$@" | sort -g | awk -v d="$decimals" '{ v[NR] = $1 } END {
        if (NR == 0) { print "-"; exit }
        printf "%.*f\n", d, (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
sum() {
    printf '%s\n' "$@" | awk '$1 ~ /^[0-9]+$/ { s += $1 } END { print s + 0 }'
}

add_failed_row() { # key note
    rows+=("$1")
    r_min[$1]=- r_med[$1]=- r_max[$1]=- r_unit[$1]=- r_mib[$1]=- r_p50[$1]=- r_p99[$1]=- r_open[$1]=-
    r_srv[$1]=- r_cli[$1]=- r_other[$1]=- r_rss[$1]=- r_err[$1]=- r_note[$1]=$2
}

# Runs scenario $2 RUNS times against the server in mode $1 on port $3 and adds its row.
measure_scenario() {
    local mode=$1 scenario=$2 port=$3 run out key="$1|$2" rate_key unit
    local rates=() mibs=() p50s=() p99s=() opens=() srvs=() clis=() errs=() stales=() notes=() firsts=()
    local rss_file=$run_dir/$mode-$scenario.rss core_before server_before s other lo mid hi note="" n opened streams
    case $scenario in
        sse-*) rate_key=events_per_s unit="events/s" ;;
        *) rate_key=msgs_per_s unit="msgs/s" ;;
    esac
    start_sampler "$server_pid" "$rss_file"
    core_before=$(core_ticks "$SERVER_CPU")
    server_before=$(proc_ticks "$server_pid")
    for ((run = 1; run <= RUNS; run++)); do
        out=$run_dir/$mode-$scenario-$run.txt
        run_load "$scenario" "$port" "$out"
        if ! grep -q '^RESULT ' "$out"; then
            say "$mode $scenario run $run/$RUNS: no result; the load program said:"
            tail -n 15 "$out" | sed 's/^/  load| /' >&2
            notes+=("run $run gave no result")
            alive "$server_pid" || break
            continue
        fi
        rates+=("$(result_value "$out" "$rate_key")")
        mibs+=("$(result_value "$out" mib_per_s)")
        p50s+=("$(result_value "$out" p50_ms)")
        p99s+=("$(result_value "$out" p99_ms)")
        opens+=("$(result_value "$out" open_ms)")
        srvs+=("$(result_value "$out" server_cpu_pct)")
        clis+=("$(result_value "$out" client_cpu_pct)")
        errs+=("$(result_value "$out" errors)")
        stales+=("$(result_value "$out" stale)")
        firsts+=("$(awk '/errors \(first: / { sub(/.*errors \(first: /, ""); sub(/\)$/, "")
            if ($0 != "none") { print; exit } }' "$out")")
        opened=$(result_value "$out" opened)
        streams=$(result_value "$out" streams)
        if [[ $streams != - && $opened != "$streams" ]]; then
            notes+=("run $run: only $opened of $streams streams ever opened")
        fi
        say "$mode $scenario run $run/$RUNS: $(result_value "$out" "$rate_key") $unit," \
            "errors $(result_value "$out" errors), server CPU $(result_value "$out" server_cpu_pct)%," \
            "client CPU $(result_value "$out" client_cpu_pct)%"
    done
    r_other[$key]=$(other_percent "$core_before" "$(core_ticks "$SERVER_CPU")" "$server_before" \
        "$(proc_ticks "$server_pid")")
    stop_sampler
    rows+=("$key")
    read -r lo mid hi < <(stats "${rates[@]+"${rates[@]}"}")
    r_min[$key]=$lo r_med[$key]=$mid r_max[$key]=$hi
    r_unit[$key]=$unit
    r_mib[$key]=$(median 1 "${mibs[@]+"${mibs[@]}"}")
    r_p50[$key]=$(median 2 "${p50s[@]+"${p50s[@]}"}")
    r_p99[$key]=$(median 2 "${p99s[@]+"${p99s[@]}"}")
    r_open[$key]=$(median 0 "${opens[@]+"${opens[@]}"}")
    r_srv[$key]=$(median 0 "${srvs[@]+"${srvs[@]}"}")
    r_cli[$key]=$(median 0 "${clis[@]+"${clis[@]}"}")
    r_rss[$key]=$(awk '{ printf "%.0f", $1 / 1024 }' "$rss_file")
    r_err[$key]=$(sum "${errs[@]+"${errs[@]}"}")
    s=$(sum "${stales[@]+"${stales[@]}"}")
    ((s > 0)) && notes+=("$s requests landed on a connection the server had closed and were sent again")
    for s in "${firsts[@]+"${firsts[@]}"}"; do
        if [[ -n $s ]]; then
            notes+=("first error: $s")
            break
        fi
    done
    other=${r_other[$key]}
    ((other > 5)) && notes+=("other work took ${other}% of the server's core")
    alive "$server_pid" || notes+=("the server died")
    for n in "${notes[@]+"${notes[@]}"}"; do
        note+="${note:+; }$n"
    done
    r_note[$key]=$note
}

bench_mode() {
    local mode=$1 port scenario busy gc
    busy=$(wait_for_quiet)
    ((busy > QUIET_PERCENT)) && say "the machine is ${busy}% busy with other work; measuring anyway"
    port=$(free_port "$BASE_PORT")
    BASE_PORT=$((port + 1))
    if ! start_server "$mode" "$port"; then
        say "the server ($mode) failed: $fail_reason"
        stop_server
        add_failed_row "$mode|(all)" "the server failed: $fail_reason"
        return 0
    fi
    say "the server ($mode) answers on port $port (PID $server_pid)"
    for scenario in $SCENARIOS; do
        if ! alive "$server_pid"; then
            add_failed_row "$mode|$scenario" "the server died during an earlier scenario"
            continue
        fi
        measure_scenario "$mode" "$scenario" "$port"
    done
    stop_server
    gc=$run_dir/gc-$mode.log
    if [[ -f $gc ]]; then
        gc_summary[$mode]=$(awk '/Pause Young/ { y++ } /Pause Full/ { f++ }
            /Pause/ && match($0, /[0-9.]+ms$/) { ms = substr($0, RSTART, RLENGTH - 2) + 0; if (ms > max) max = ms }
            END { printf "%d young and %d full collections, the longest pause %.1f ms", y, f, max }' "$gc")
    fi
    if grep -q 'OutOfMemoryError' "$run_dir/server-$mode.log"; then
        gc_summary[$mode]+="; OutOfMemoryError in the server log"
        say "the server ($mode) ran out of memory:"
        grep -m 3 -A 2 'OutOfMemoryError' "$run_dir/server-$mode.log" | sed 's/^/  server| /' >&2
    fi
    if grep -qiE 'exception|error' "$run_dir/server-$mode.log"; then
        say "the server ($mode) log mentions errors (first lines):"
        grep -m 5 -iE 'exception|error' "$run_dir/server-$mode.log" | sed 's/^/  server| /' >&2
    fi
}
declare -A gc_summary

# ---------------------------------------------------------------------------------------------------------
# Report

results_table() {
    local key
    echo "| mode | scenario | rate min | rate median | rate max | unit | MiB/s | p50 ms | p99 ms | open ms |" \
        "server CPU % | client CPU % | max RSS MiB | errors | note |"
    echo "|---|---|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|---|"
    for key in "${rows[@]}"; do
        echo "| ${key%%|*} | ${key#*|} | ${r_min[$key]} | ${r_med[$key]} | ${r_max[$key]} | ${r_unit[$key]} |" \
            "${r_mib[$key]} | ${r_p50[$key]} | ${r_p99[$key]} | ${r_open[$key]} | ${r_srv[$key]} | ${r_cli[$key]} |" \
            "${r_rss[$key]} | ${r_err[$key]} | ${r_note[$key]} |"
    done
}

# Prints a Markdown table (stdin) as aligned text.
as_text() {
    grep -v '^|---' | sed -e 's/^| //' -e 's/ |$//' | column -t -s '|' -o '|'
}

machine() {
    local m
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- cpu: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo) ($(nproc) cores online);" \
        "kernel $(uname -r); $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "- load average: $load_before when the run started, $(cut -d' ' -f1-3 /proc/loadavg) when it ended" \
        "(other work on this machine skews every figure)"
    echo "- server pinned to core $SERVER_CPU, the load program to core $CLIENT_CPU; all on 127.0.0.1;" \
        "open-file limit $(ulimit -Sn)"
    echo "- RUNS=$RUNS DURATION=${DURATION}s WARMUP=${WARMUP}s (per run) SSE_EVENTS=$SSE_EVENTS;" \
        "JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
    local client_flags=${CLIENT_JAVA_OPTS:-"none (the JVM's defaults)"}
    echo "- server JVM flags: $SERVER_JAVA_OPTS; client JVM flags: $client_flags; $CLIENT_THREADS client threads"
    for m in $MODES; do
        [[ -n ${gc_summary[$m]:-} ]] && echo "- server GC ($m, whole run): ${gc_summary[$m]}"
    done
    echo "- scenarios: ws-64 = 64 WebSockets, 64-byte binary messages, 16 in flight each; ws-64k = 16 WebSockets," \
        "64 KiB messages, 1 in flight each; sse-1000 = 1,000 concurrent SSE streams of $SSE_EVENTS events of" \
        "100 bytes, each replaced by a new one when it ends"
    echo "- rate: echoes (msgs/s) or events received (events/s) per second; min, median and max over the runs." \
        "MiB/s: echoed payload, one direction. p50/p99: round trip of one message (median over the runs)." \
        "open ms: until all 1,000 streams had their response head. CPU: percent of one core while counting." \
        "max RSS: the server's VmRSS sampled every 0.5 s"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
build
raise_nofile
say "modes: $MODES; scenarios: $SCENARIOS; $RUNS run(s) of ${WARMUP}s + ${DURATION}s each"
for mode in $MODES; do
    bench_mode "$mode"
done

mkdir -p "$here/results"
{
    echo "# WebSocket and SSE load: latest run"
    echo
    echo "Written by jmh/run-ws-sse.sh; jmh/README.md says what each scenario measures."
    echo
    machine
    echo
    results_table
} >"$here/results/ws-sse-latest.md"

echo
machine
echo
results_table | as_text
echo
say "written to jmh/results/ws-sse-latest.md"
