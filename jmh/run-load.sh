#!/usr/bin/env bash
# The load comparison: the PAGI server against Netty, the JDK's httpserver, uvicorn and nginx, each pinned to
# one core (taskset -c 0) with wrk on the other (taskset -c 1), everything on 127.0.0.1.
#
#   jmh/run-load.sh                                   everything: about 15 minutes
#   RUNS=1 DURATION=3 jmh/run-load.sh                 a quick look
#   SERVERS="netty uvicorn" SCENARIOS=hello-64 jmh/run-load.sh
#
# For each server it installs what is missing (apt), builds the kit, starts the server, waits until it answers,
# checks that it answers correctly, warms it up with wrk, then runs every scenario RUNS times for DURATION
# seconds while sampling the server's resident memory. It prints a table (req/s min/median/max, p99, max RSS,
# errors) and our ratio to each peer, and writes the same as Markdown to jmh/results/latest.md.
# A server that does not start or answers wrongly becomes a row saying so; the run goes on.
#
# Knobs (environment):
#   RUNS=3          runs of each scenario (the table shows min, median and max)
#   DURATION=10     seconds per run;  WARMUP=3  seconds of warm-up per server and endpoint
#   SERVERS=...     a subset of: pagi-eventloop pagi-vthreads netty jdk uvicorn nginx
#   SCENARIOS=...   a subset of: hello-64 hello-256 hello-close echo-64k
#   SERVER_CPU=0 CLIENT_CPU=1   the cores for the server and for wrk
#   BASE_PORT=18080 the first port tried; each server gets the next free one
#   QUIET_WAIT=60 QUIET_PERCENT=10   before each server, wait up to 60 s for the machine to be at most 10% busy
#                   (other work skews every figure); a server started on a busy machine gets a note saying so
#   OTHER_PERCENT=5 BUSY_RETRIES=2   when other processes took more than 5% of the server's core during a
#                   scenario's runs (from /proc/stat, minus the server's own CPU time), the scenario is measured
#                   again once the machine is quiet, at most twice more; a row still disturbed gets a note
#   SKIP_INSTALL=1  never call apt-get;  SKIP_BUILD=1  use what target/ holds
#   PEER_JAVA_OPTS  extra JVM flags for the Netty and JDK peers (default none: default JVM flags, like ours)
#   PYTHON=/usr/bin/python3  the Python that has Debian's uvicorn, uvloop and httptools
#   KEEP_LOGS=1     keep the temporary folder with every server's log and wrk's raw output
#
# Every process this script starts (servers, wrk, the memory sampler) is stopped by its PID on exit, on
# failure and on Ctrl-C: TERM, then KILL after STOP_TIMEOUT (5) seconds.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
# shellcheck source-path=SCRIPTDIR source=lib/machine.sh
source "$here/lib/machine.sh"

ALL_SERVERS="pagi-eventloop pagi-vthreads netty jdk uvicorn nginx"
ALL_SCENARIOS="hello-64 hello-256 hello-close echo-64k"
PEERS="netty jdk uvicorn nginx"
RUNS=${RUNS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
SERVERS=${SERVERS:-$ALL_SERVERS}
SCENARIOS=${SCENARIOS:-$ALL_SCENARIOS}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
BASE_PORT=${BASE_PORT:-18080}
START_TIMEOUT=${START_TIMEOUT:-60}
QUIET_WAIT=${QUIET_WAIT:-60}
QUIET_PERCENT=${QUIET_PERCENT:-10}
OTHER_PERCENT=${OTHER_PERCENT:-5}
BUSY_RETRIES=${BUSY_RETRIES:-2}
STOP_TIMEOUT=${STOP_TIMEOUT:-5}
PYTHON=${PYTHON:-/usr/bin/python3}
PEER_JAVA_OPTS=${PEER_JAVA_OPTS:-}
WRK_THREADS=2
HELLO="Hello from PAGI!"
JAR=$here/target/benchmarks.jar

die() {
    echo "run-load: $*" >&2
    exit 2
}
say() {
    echo "run-load: $*" >&2
}

# ---------------------------------------------------------------------------------------------------------
# Arguments

is_count() {
    [[ $1 =~ ^[1-9][0-9]*$ ]]
}
[[ $QUIET_WAIT =~ ^[0-9]+$ ]] || die "QUIET_WAIT must be a whole number of seconds, got '$QUIET_WAIT'"
[[ $QUIET_PERCENT =~ ^[0-9]+$ ]] || die "QUIET_PERCENT must be a whole number, got '$QUIET_PERCENT'"
[[ $OTHER_PERCENT =~ ^[0-9]+$ ]] || die "OTHER_PERCENT must be a whole number, got '$OTHER_PERCENT'"
[[ $BUSY_RETRIES =~ ^[0-9]+$ ]] || die "BUSY_RETRIES must be a whole number, got '$BUSY_RETRIES'"
for knob in RUNS DURATION WARMUP START_TIMEOUT STOP_TIMEOUT BASE_PORT; do
    is_count "${!knob}" || die "$knob must be a whole number of 1 or more, got '${!knob}'"
done
for s in $SERVERS; do
    [[ " $ALL_SERVERS " == *" $s "* ]] || die "unknown server '$s' in SERVERS; known: $ALL_SERVERS"
done
for s in $SCENARIOS; do
    [[ " $ALL_SCENARIOS " == *" $s "* ]] || die "unknown scenario '$s' in SCENARIOS; known: $ALL_SCENARIOS"
done
wants() { # $1 = word, $2 = list
    [[ " $2 " == *" $1 "* ]]
}

# ---------------------------------------------------------------------------------------------------------
# Processes: everything started is tracked by PID and stopped by PID.

run_dir=$(mktemp -d "${TMPDIR:-/tmp}/pagi-load.XXXXXX")
chmod 755 "$run_dir" # nginx's worker may run as another user when started by root
server_pid=""
sampler_pid=""
wrk_pid=""
fail_reason=""
sampler_flag=$run_dir/sampling

# Prints the PIDs whose parent is $1, scanning /proc (no /proc/PID/task/*/children on every kernel).
children_of() {
    local want=$1 f line rest fields pid
    for f in /proc/[0-9]*/stat; do
        read -r line 2>/dev/null <"$f" || continue
        rest=${line##*) } # after "pid (comm) ": state ppid ...
        read -r -a fields <<<"$rest"
        if [[ ${fields[1]:-} == "$want" ]]; then
            pid=${f#/proc/}
            echo "${pid%/stat}"
        fi
    done
}

# Prints $1 and all its descendants.
tree_of() {
    local pid=$1 child
    echo "$pid"
    for child in $(children_of "$pid"); do
        tree_of "$child"
    done
}

# Stops $1 and its descendants: TERM, then KILL whatever still runs after STOP_TIMEOUT seconds.
stop_tree() {
    local pid=$1 pids p i any
    [[ -n $pid ]] || return 0
    mapfile -t pids < <(tree_of "$pid")
    for p in "${pids[@]}"; do
        kill -TERM "$p" 2>/dev/null || true
    done
    for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
        any=0
        for p in "${pids[@]}"; do
            if alive "$p"; then
                any=1
                break
            fi
        done
        ((any)) || break
        sleep 0.1
    done
    for p in "${pids[@]}"; do
        if alive "$p"; then
            say "PID $p did not stop within ${STOP_TIMEOUT}s; killing it"
            kill -KILL "$p" 2>/dev/null || true
        fi
    done
    wait "$pid" 2>/dev/null || true
}

stop_sampler() {
    rm -f "$sampler_flag"
    if [[ -n $sampler_pid ]]; then
        stop_tree "$sampler_pid"
        sampler_pid=""
    fi
}

stop_server() {
    stop_sampler
    if [[ -n $server_pid ]]; then
        stop_tree "$server_pid"
        server_pid=""
    fi
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [[ -n $wrk_pid ]]; then
        stop_tree "$wrk_pid"
    fi
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
# Tools: install what is missing, then build the kit.

install_missing() {
    local packages=() sudo=()
    command -v wrk >/dev/null || packages+=(wrk)
    command -v curl >/dev/null || packages+=(curl)
    command -v taskset >/dev/null || packages+=(util-linux)
    if wants nginx "$SERVERS" && ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
        packages+=(nginx)
    fi
    if wants uvicorn "$SERVERS"; then
        "$PYTHON" -c 'import uvicorn' 2>/dev/null || packages+=(python3-uvicorn)
        "$PYTHON" -c 'import uvloop' 2>/dev/null || packages+=(python3-uvloop)
        "$PYTHON" -c 'import httptools' 2>/dev/null || packages+=(python3-httptools)
    fi
    ((${#packages[@]} > 0)) || return 0
    if [[ ${SKIP_INSTALL:-0} == 1 ]]; then
        die "missing ${packages[*]} and SKIP_INSTALL=1"
    fi
    if ((EUID != 0)); then
        command -v sudo >/dev/null || die "missing ${packages[*]}; run as root or install them"
        sudo=(sudo -n)
    fi
    say "installing ${packages[*]} (apt-get)"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" \
        >"$run_dir/apt.log" 2>&1 || { tail -n 20 "$run_dir/apt.log" >&2; die "apt-get install failed"; }
}

build() {
    # shellcheck source-path=SCRIPTDIR source=../bin/lib/find-jdk.sh
    source "$root/bin/lib/find-jdk.sh" || die "no JDK 21+ found"
    [[ ${SKIP_BUILD:-0} == 1 ]] && return 0
    say "building the kit (mvn install -DskipTests)"
    if (cd "$root" && mvn -B -q -Dstyle.color=never install -DskipTests) >"$run_dir/build.log" 2>&1; then
        return 0
    fi
    tail -n 30 "$run_dir/build.log" >&2
    say "the full build failed; building only the benchmarks module and what it needs, for the peers"
    if (cd "$root" && mvn -B -q -Dstyle.color=never package -DskipTests -pl jmh -am) >"$run_dir/build-jmh.log" 2>&1; then
        return 0
    fi
    tail -n 30 "$run_dir/build-jmh.log" >&2
    say "that failed too; the Java peers use the jar from an earlier build if there is one"
}

# ---------------------------------------------------------------------------------------------------------
# Servers

# Prints the command line of server $1 on port $2, one word a line; fails with a reason if it cannot run here.
server_command() {
    local name=$1 port=$2
    local pagi=("$root/bin/pagi-server" --app org.pagi.compliance.ConformanceApp --no-access-log --port "$port" --loops 1)
    local java=("$JAVA_HOME/bin/java")
    # shellcheck disable=SC2206 # PEER_JAVA_OPTS is a list of flags
    [[ -n $PEER_JAVA_OPTS ]] && java+=($PEER_JAVA_OPTS)
    case $name in
        pagi-eventloop | pagi-vthreads)
            [[ -x ${pagi[0]} ]] || { echo "bin/pagi-server does not exist yet"; return 1; }
            [[ $name == pagi-eventloop ]] && pagi+=(--mode event-loop)
            # The launcher's default JVM flags: PAGI_JAVA_OPTS would replace them.
            printf '%s\n' env -u PAGI_JAVA_OPTS "${pagi[@]}"
            ;;
        netty)
            [[ -f $JAR ]] || { echo "jmh/target/benchmarks.jar was not built"; return 1; }
            printf '%s\n' "${java[@]}" -cp "$JAR" org.pagi.jmh.peers.NettyPeer --port "$port" --threads 1
            ;;
        jdk)
            [[ -f $JAR ]] || { echo "jmh/target/benchmarks.jar was not built"; return 1; }
            printf '%s\n' "${java[@]}" -cp "$JAR" org.pagi.jmh.peers.JdkHttpPeer --port "$port"
            ;;
        uvicorn)
            printf '%s\n' "$PYTHON" -m uvicorn --app-dir "$here" uvicorn_app:app --host 127.0.0.1 --port "$port" \
                --loop uvloop --http httptools --no-access-log --workers 1
            ;;
        nginx)
            local dir=$run_dir/nginx-$port nginx
            nginx=$(command -v nginx || echo /usr/sbin/nginx)
            mkdir -p "$dir"
            sed -e "s|@PORT@|$port|g" -e "s|@RUN_DIR@|$dir|g" "$here/nginx.conf" >"$dir/nginx.conf"
            # -e: nginx opens its error log before reading the configuration; keep it out of /var/log.
            printf '%s\n' "$nginx" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf"
            ;;
    esac
}

# Which endpoints server $1 serves: nginx cannot echo a body.
serves_echo() {
    [[ $1 != nginx ]]
}

# Starts server $1 on port $2 pinned to SERVER_CPU and sets server_pid; on failure sets fail_reason, returns 1.
# (Not run in a $(...) subshell: the server must be this shell's child, so that it can be waited for.)
start_server() {
    local name=$1 port=$2 log=$run_dir/$1.log cmd=() i out status
    if ! out=$(server_command "$name" "$port"); then
        fail_reason=$out
        return 1
    fi
    mapfile -t cmd <<<"$out"
    say "starting $name: taskset -c $SERVER_CPU ${cmd[*]}"
    taskset -c "$SERVER_CPU" "${cmd[@]}" </dev/null >"$log" 2>&1 &
    server_pid=$!
    for ((i = 0; i < START_TIMEOUT * 5; i++)); do
        if ! alive "$server_pid"; then
            wait "$server_pid" 2>/dev/null && status=0 || status=$?
            server_pid=""
            tail -n 15 "$log" | sed "s/^/  $name| /" >&2
            fail_reason="exited with status $status before answering"
            return 1
        fi
        if curl -s -o /dev/null -m 1 "http://127.0.0.1:$port/"; then
            return 0
        fi
        sleep 0.2
    done
    tail -n 15 "$log" | sed "s/^/  $name| /" >&2
    fail_reason="did not answer within ${START_TIMEOUT}s"
    stop_server
    return 1
}

# Checks that the server on port $2 answers like the conformance app; prints what is wrong and fails if not.
check_answers() {
    local name=$1 port=$2 got body=$run_dir/body-64k
    got=$(curl -s -m 5 "http://127.0.0.1:$port/") || true
    [[ $got == "$HELLO" ]] || { echo "GET / answered '${got:0:40}', not '$HELLO'"; return 1; }
    if serves_echo "$name" && wants echo-64k "$SCENARIOS"; then
        [[ -f $body ]] || head -c 65536 /dev/urandom >"$body"
        curl -s -m 5 -H 'Content-Type: application/octet-stream' --data-binary "@$body" \
            -o "$run_dir/echoed" "http://127.0.0.1:$port/echo" || true
        cmp -s "$body" "$run_dir/echoed" || { echo "POST /echo did not return the 64 KiB body it was sent"; return 1; }
    fi
}

# ---------------------------------------------------------------------------------------------------------
# Memory: the largest total VmRSS of the server and its children seen while sampling.

tree_rss_kib() {
    local total=0 pid kib
    for pid in $(tree_of "$1"); do
        kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null) || kib=0
        total=$((total + ${kib:-0}))
    done
    echo "$total"
}

# Samples every 0.5 s into $2 (the maximum so far, KiB) until the flag file is removed.
start_sampler() {
    local pid=$1 out=$2
    echo 0 >"$out"
    touch "$sampler_flag"
    (
        taskset -cp "$CLIENT_CPU" "$BASHPID" >/dev/null 2>&1 || true # off the server's core
        max=0
        while [[ -e $sampler_flag ]] && alive "$pid"; do
            now=$(tree_rss_kib "$pid")
            if ((now > max)); then
                max=$now
                echo "$max" >"$out"
            fi
            sleep 0.5
        done
    ) &
    sampler_pid=$!
}

# ---------------------------------------------------------------------------------------------------------
# Quiet: other work on the machine skews every figure, so wait (up to QUIET_WAIT seconds) for it to calm down.

# Prints the CPU clock ticks (user + system) that $1 and its descendants have used so far.
tree_ticks() {
    local total=0 pid line fields
    for pid in $(tree_of "$1"); do
        read -r line 2>/dev/null <"/proc/$pid/stat" || continue
        read -r -a fields <<<"${line##*) }"
        total=$((total + fields[11] + fields[12]))
    done
    echo "$total"
}

# Prints how much of the server's core other work took between two snapshots, in percent:
# $1 = "busy total" of the core before, $2 = after, $3 = server ticks before, $4 = after.
other_percent() {
    awk -v a="$1" -v b="$2" -v s0="$3" -v s1="$4" 'BEGIN { split(a, x, " "); split(b, y, " ")
        total = y[2] - x[2]; other = (y[1] - x[1]) - (s1 - s0)
        printf "%.0f", (total > 0 && other > 0) ? 100 * other / total : 0 }'
}

# ---------------------------------------------------------------------------------------------------------
# Load: wrk pinned to CLIENT_CPU, bounded by its duration plus a margin.

scenario_conns() {
    case $1 in
        hello-256) echo 256 ;;
        *) echo 64 ;;
    esac
}

scenario_args() {
    case $1 in
        hello-close) printf '%s\n' -H 'Connection: close' ;;
        echo-64k) printf '%s\n' -s "$here/echo64k.lua" ;;
    esac
}

# Runs wrk: $1 scenario, $2 seconds, $3 port, output to $4.
run_wrk() {
    local scenario=$1 seconds=$2 port=$3 out=$4 args=()
    mapfile -t args < <(scenario_args "$scenario")
    # In the background and waited for: a trapped signal interrupts `wait` at once, where a foreground command
    # would first run to its end (and `timeout` puts wrk in a process group of its own, away from Ctrl-C).
    timeout -k 5 $((seconds + 30)) taskset -c "$CLIENT_CPU" \
        wrk -t"$WRK_THREADS" -c"$(scenario_conns "$scenario")" -d"${seconds}s" --timeout 5s --latency \
        "${args[@]}" "http://127.0.0.1:$port/" >"$out" 2>&1 &
    wrk_pid=$!
    wait "$wrk_pid" || true
    wrk_pid=""
}

# ---------------------------------------------------------------------------------------------------------
# Results, one row per server and scenario, kept in associative arrays keyed "server|scenario".

declare -a rows=() m_rps=() m_p99=()
m_errors=0 m_rss=0 m_other=0
declare -A r_min r_med r_max r_p99 r_rss r_err r_note

add_row() { # key min med max p99 rss err note
    rows+=("$1")
    r_min[$1]=$2 r_med[$1]=$3 r_max[$1]=$4 r_p99[$1]=$5 r_rss[$1]=$6 r_err[$1]=$7 r_note[$1]=$8
}

# Prints "min median max" of the numbers given.
stats() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.0f %.0f %.0f\n", v[1], med, v[NR] }'
}
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        printf "%.2f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Runs scenario $2 RUNS times against server $1 on port $3, sampling memory and other work on the server's
# core; sets m_rps (the runs' req/s), m_p99 (their p99s), m_errors, m_rss (MiB) and m_other (percent).
measure_scenario() {
    local name=$1 scenario=$2 port=$3 run out rps p99 err req core_before server_before
    local rss_file=$run_dir/$name-$scenario.rss
    m_rps=() m_p99=() m_errors=0
    start_sampler "$server_pid" "$rss_file"
    core_before=$(core_ticks "$SERVER_CPU")
    server_before=$(tree_ticks "$server_pid")
    for ((run = 1; run <= RUNS; run++)); do
        out=$run_dir/$name-$scenario-$run.txt
        run_wrk "$scenario" "$DURATION" "$port" "$out"
        read -r rps p99 err req < <(parse_wrk "$out")
        say "$name $scenario run $run/$RUNS: $rps req/s, p99 $p99 ms, $err errors"
        m_rps+=("$rps")
        if [[ $p99 != - ]]; then m_p99+=("$p99"); fi
        m_errors=$((m_errors + err))
        if [[ $req == 0 ]]; then
            sed "s/^/  wrk| /" "$out" >&2
        fi
    done
    m_other=$(other_percent "$core_before" "$(core_ticks "$SERVER_CPU")" "$server_before" "$(tree_ticks "$server_pid")")
    stop_sampler
    m_rss=$(awk '{ printf "%.0f", $1 / 1024 }' "$rss_file")
}

bench_server() {
    local name=$1 port reason scenario busy busy_note="" attempt s p note
    busy=$(wait_for_quiet)
    if ((busy > QUIET_PERCENT)); then
        busy_note="the machine was ${busy}% busy with other work before this server started"
        say "$busy_note; measuring anyway"
    fi
    port=$(free_port "$BASE_PORT")
    BASE_PORT=$((port + 1))
    if ! start_server "$name" "$port"; then
        say "$name failed to start: $fail_reason"
        add_row "$name|(all)" - - - - - - "failed to start: $fail_reason"
        return 0
    fi
    if ! reason=$(check_answers "$name" "$port"); then
        say "$name answers wrongly: $reason"
        stop_server
        add_row "$name|(all)" - - - - - - "wrong answer: $reason"
        return 0
    fi
    say "$name answers on port $port (PID $server_pid); warming up ${WARMUP}s"
    run_wrk hello-64 "$WARMUP" "$port" "$run_dir/$name-warmup.txt"
    if serves_echo "$name" && wants echo-64k "$SCENARIOS"; then
        run_wrk echo-64k "$WARMUP" "$port" "$run_dir/$name-warmup-echo.txt"
    fi
    for scenario in $SCENARIOS; do
        if [[ $scenario == echo-64k ]] && ! serves_echo "$name"; then
            add_row "$name|$scenario" - - - - - - "n/a: nginx cannot echo a body; hello scenarios only"
            continue
        fi
        if ! alive "$server_pid"; then
            add_row "$name|$scenario" - - - - - - "the server died during an earlier scenario"
            continue
        fi
        for ((attempt = 1; ; attempt++)); do
            measure_scenario "$name" "$scenario" "$port"
            if ((m_other <= OTHER_PERCENT || attempt > BUSY_RETRIES)) || ! alive "$server_pid"; then
                break
            fi
            say "$name $scenario: other work took ${m_other}% of the server's core; measuring again once it is quiet"
            wait_for_quiet >/dev/null
        done
        s=$(stats "${m_rps[@]}")
        p=-
        if ((${#m_p99[@]} > 0)); then p=$(median "${m_p99[@]}"); fi
        note=$busy_note
        if ((attempt > 1)); then note="${note:+$note; }measured $attempt times: other work disturbed the earlier runs"; fi
        if ((m_other > OTHER_PERCENT)); then
            note="${note:+$note; }other work took ${m_other}% of the server's core during these runs"
            say "$name $scenario: other work took ${m_other}% of the server's core; kept with a note"
        fi
        if ((m_errors > 0)); then note="${note:+$note; }wrk counted $m_errors socket errors or non-2xx answers"; fi
        alive "$server_pid" || note="${note:+$note; }the server died"
        # shellcheck disable=SC2086 # s is "min median max"
        add_row "$name|$scenario" $s "$p" "$m_rss" "$m_errors" "$note"
    done
    stop_server
}

# ---------------------------------------------------------------------------------------------------------
# Report

ratio() { # ours peer -> "1.23" or "-"
    awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else printf "-" }'
}

# Prints our servers in this run, if any peer ran too (otherwise there is nothing to compare).
ours() {
    local s p any_peer=0
    for p in $PEERS; do
        if wants "$p" "$SERVERS"; then any_peer=1; fi
    done
    ((any_peer)) || return 0
    for s in pagi-eventloop pagi-vthreads; do
        if wants "$s" "$SERVERS"; then echo "$s"; fi
    done
}

# Prints the results as a Markdown table.
results_table() {
    local key
    echo "| server | scenario | req/s min | req/s median | req/s max | p99 ms | max RSS MiB | errors | note |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|---|"
    for key in "${rows[@]}"; do
        echo "| ${key%%|*} | ${key#*|} | ${r_min[$key]} | ${r_med[$key]} | ${r_max[$key]} | ${r_p99[$key]} |" \
            "${r_rss[$key]} | ${r_err[$key]} | ${r_note[$key]} |"
    done
}

# Prints our median req/s divided by each peer's, as a Markdown table; nothing if no server of ours ran.
ratio_table() {
    local server scenario peer line
    [[ -n $(ours) ]] || return 0
    line="| ours | scenario |"
    for peer in $PEERS; do
        if wants "$peer" "$SERVERS"; then line+=" ÷ $peer |"; fi
    done
    echo "$line"
    line="|---|---|"
    for peer in $PEERS; do
        if wants "$peer" "$SERVERS"; then line+="--:|"; fi
    done
    echo "$line"
    for server in $(ours); do
        for scenario in $SCENARIOS; do
            line="| $server | $scenario |"
            for peer in $PEERS; do
                wants "$peer" "$SERVERS" || continue
                line+=" $(ratio "${r_med[$server|$scenario]:--}" "${r_med[$peer|$scenario]:--}") |"
            done
            echo "$line"
        done
    done
}

# Prints a Markdown table (stdin) as aligned text.
as_text() {
    grep -v '^|---' | sed -e 's/^| //' -e 's/ |$//' | column -t -s '|' -o '|'
}

machine() {
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- cpu: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo) ($(nproc) cores online);" \
        "kernel $(uname -r); $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "- load average when the run ended: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews every figure)"
    echo "- server pinned to core $SERVER_CPU, wrk to core $CLIENT_CPU ($WRK_THREADS threads); all on 127.0.0.1"
    echo "- RUNS=$RUNS DURATION=${DURATION}s WARMUP=${WARMUP}s; JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
    echo "- $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2); nginx $(nginx -v 2>&1 | sed 's|.*/||' || echo -);" \
        "uvicorn $("$PYTHON" -c 'import uvicorn; print(uvicorn.__version__)' 2>/dev/null || echo -)"
    echo "- scenarios: hello-64 = GET / keep-alive, 64 connections; hello-256 = the same, 256 connections;" \
        "hello-close = GET / with Connection: close, 64 connections; echo-64k = POST /echo of 64 KiB, 64 connections"
    echo "- p99 is the median of the runs' p99 latencies; max RSS is VmRSS of the server and its children," \
        "sampled every 0.5 s during the scenario's runs"
}

# ---------------------------------------------------------------------------------------------------------

# The launcher builds the kit itself when its jars look stale; let it do so now, unpinned and untimed by the
# start-up wait, rather than on a single core while the script waits for it to answer.
prepare_launcher() {
    if [[ -x $root/bin/pagi-server ]] && { wants pagi-eventloop "$SERVERS" || wants pagi-vthreads "$SERVERS"; }; then
        if ! env -u PAGI_JAVA_OPTS timeout 900 "$root/bin/pagi-server" --version >"$run_dir/launcher.log" 2>&1; then
            say "bin/pagi-server --version failed:"
            tail -n 5 "$run_dir/launcher.log" >&2
        fi
    fi
    return 0
}

install_missing
build
prepare_launcher
say "servers: $SERVERS; scenarios: $SCENARIOS; $RUNS run(s) of ${DURATION}s each"
for name in $SERVERS; do
    bench_server "$name"
done

ratio_note="Our median req/s divided by each peer's median (above 1.00: ours is faster; - where either is missing)."
mkdir -p "$here/results"
{
    echo "# Load comparison: latest run"
    echo
    echo "Written by jmh/run-load.sh; jmh/README.md says what each scenario measures."
    echo
    machine
    echo
    results_table
    if [[ -n $(ours) ]]; then
        echo
        echo "$ratio_note"
        echo
        ratio_table
    fi
} >"$here/results/latest.md"

echo
machine
echo
results_table | as_text
if [[ -n $(ours) ]]; then
    echo
    echo "$ratio_note"
    echo
    ratio_table | as_text
fi
echo
say "written to jmh/results/latest.md"
