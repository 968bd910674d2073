#!/usr/bin/env bash
# The attack benchmark: how well bin/pagi-server keeps serving normal traffic while hostile clients hold
# connections. The server (ConformanceApp, the launcher's default JVM flags) is pinned to one core
# (taskset -c 0); wrk (GET /, keep-alive, 64 connections) and the attack program org.pagi.jmh.load.AttackLoad
# share the other (taskset -c 1); everything on 127.0.0.1.
#
#   jmh/run-attack.sh                                  every scenario: about 2 minutes
#   RUNS=1 DURATION=5 jmh/run-attack.sh                a quick look
#   SCENARIOS="baseline flood" FLOOD_CONNECTIONS=5000 SERVER_ARGS="--max-connections 1000" jmh/run-attack.sh
#
# Each scenario starts a fresh server, waits until it answers, starts the attack, lets it settle for SETTLE
# seconds, runs wrk for DURATION seconds, lets the attack end by itself, then checks that the server still
# answers GET /. Meanwhile it samples the server's resident memory and open file descriptors (/proc/PID).
# It prints a table (normal req/s and p99 against the baseline's, the attack connections held, refused and cut,
# the statuses the attack saw, server RSS and fds at their highest, errors) and writes it as Markdown to
# jmh/results/attack-latest.md. Figures only: nothing here judges them. jmh/README.md says more.
#
# Scenarios:
#   baseline        wrk alone
#   slowloris       ATTACK_CONNECTIONS connections each trickling a request head that never ends
#   slowloris-2000  the same with 2,000 connections
#   slow-body       ATTACK_CONNECTIONS POST /echo announcing 1 MiB, trickling one byte per ATTACK_INTERVAL
#   no-read         ATTACK_CONNECTIONS POST /echo with an endless body, never reading the echo (the first seconds
#                   fill a few MiB of kernel buffers per connection: SETTLE should cover them)
#   flood           FLOOD_CONNECTIONS idle connections, opened as fast as possible and reopened when cut
#
# Knobs (environment):
#   RUNS=3 DURATION=10 SETTLE=3   runs per scenario; seconds of wrk per run; seconds the attack runs before wrk
#   SCENARIOS="baseline slowloris slowloris-2000 slow-body no-read flood"   a subset (baseline is measured first)
#   ATTACK_CONNECTIONS=200 FLOOD_CONNECTIONS=3000 ATTACK_INTERVAL=1   attack sizes; seconds between trickles
#   SERVER_ARGS       extra bin/pagi-server options, passed as they are (e.g. "--max-connections 1000")
#   SERVER_CPU=0 CLIENT_CPU=1   the cores for the server and for wrk with the attack program
#   BASE_PORT=18280   the first port tried;  NOFILE=65536  the open-file limit asked for (ulimit -n)
#   QUIET_WAIT=20 QUIET_PERCENT=10   before each scenario, wait up to 20 s for the machine to be at most 10% busy
#   SKIP_BUILD=1      never build jmh/target/benchmarks.jar (otherwise built when missing or older than a source)
#   KEEP_LOGS=1       keep the temporary folder with the server logs and the raw wrk and attack output
#
# Every process this script starts (the server, wrk, the attack program, the sampler) is stopped by its PID on
# exit, on failure and on Ctrl-C: TERM, then KILL after STOP_TIMEOUT (5) seconds. wrk and the attack program
# are bounded by timeout(1) too, and the attack program by its own hard deadline.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
# shellcheck source-path=SCRIPTDIR source=lib/machine.sh
source "$here/lib/machine.sh"

ALL_SCENARIOS="baseline slowloris slowloris-2000 slow-body no-read flood"
RUNS=${RUNS:-3}
DURATION=${DURATION:-10}
SETTLE=${SETTLE:-3}
SCENARIOS=${SCENARIOS:-$ALL_SCENARIOS}
ATTACK_CONNECTIONS=${ATTACK_CONNECTIONS:-200}
FLOOD_CONNECTIONS=${FLOOD_CONNECTIONS:-3000}
ATTACK_INTERVAL=${ATTACK_INTERVAL:-1}
SERVER_ARGS=${SERVER_ARGS:-}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
BASE_PORT=${BASE_PORT:-18280}
NOFILE=${NOFILE:-65536}
START_TIMEOUT=${START_TIMEOUT:-60}
STOP_TIMEOUT=${STOP_TIMEOUT:-5}
QUIET_WAIT=${QUIET_WAIT:-20}
QUIET_PERCENT=${QUIET_PERCENT:-10}
JAR=$here/target/benchmarks.jar

die() {
    echo "run-attack: $*" >&2
    exit 2
}
say() {
    echo "run-attack: $*" >&2
}

for knob in RUNS DURATION ATTACK_CONNECTIONS FLOOD_CONNECTIONS BASE_PORT NOFILE START_TIMEOUT STOP_TIMEOUT; do
    [[ ${!knob} =~ ^[1-9][0-9]*$ ]] || die "$knob must be a whole number of 1 or more, got '${!knob}'"
done
for knob in SETTLE QUIET_WAIT QUIET_PERCENT SERVER_CPU CLIENT_CPU; do
    [[ ${!knob} =~ ^[0-9]+$ ]] || die "$knob must be a whole number, got '${!knob}'"
done
[[ $ATTACK_INTERVAL =~ ^[0-9]+(\.[0-9]+)?$ ]] ||
    die "ATTACK_INTERVAL must be a number of seconds, got '$ATTACK_INTERVAL'"
for s in $SCENARIOS; do
    [[ " $ALL_SCENARIOS " == *" $s "* ]] || die "unknown scenario '$s' in SCENARIOS; known: $ALL_SCENARIOS"
done
for tool in taskset timeout wrk; do
    command -v "$tool" >/dev/null || die "$tool is missing (Debian: apt-get install util-linux coreutils wrk)"
done
[[ -x $root/bin/pagi-server ]] || die "bin/pagi-server is missing"
# The baseline first: every other row is compared with it.
if [[ " $SCENARIOS " == *" baseline "* ]]; then
    SCENARIOS="baseline $(tr ' ' '\n' <<<"$SCENARIOS" | grep -vx 'baseline' | tr '\n' ' ')"
fi
# shellcheck disable=SC2206 # a list of options, split on spaces
server_args=($SERVER_ARGS)

# ---------------------------------------------------------------------------------------------------------
# Processes: everything started is tracked by PID and stopped by PID.

run_dir=$(mktemp -d "${TMPDIR:-/tmp}/pagi-attack.XXXXXX")
server_pid="" attack_pid="" wrk_pid="" sampler_pid=""
sampler_flag=$run_dir/sampling

stop_server() {
    rm -f "$sampler_flag"
    stop_pid "$sampler_pid"
    stop_pid "$server_pid"
    sampler_pid="" server_pid=""
}
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_pid "$wrk_pid"
    stop_pid "$attack_pid"
    stop_server
    drop_run_dir "$run_dir"
    exit "$status"
}
trap cleanup EXIT
trap 'say "stopped by SIGINT"; exit 130' INT
trap 'say "stopped by SIGTERM"; exit 143' TERM

# ---------------------------------------------------------------------------------------------------------
# Build and limits

build() {
    # shellcheck source-path=SCRIPTDIR source=../bin/lib/find-jdk.sh
    source "$root/bin/lib/find-jdk.sh" || die "no JDK 21+ found"
    [[ ${SKIP_BUILD:-0} == 1 ]] && { [[ -f $JAR ]] || die "SKIP_BUILD=1 but $JAR does not exist"; return 0; }
    if [[ -f $JAR && -z $(find "$root/spec" "$root/server-jdk" "$here/src/main" "$here/pom.xml" -newer "$JAR" \
        \( -name '*.java' -o -name pom.xml \) -print -quit) ]]; then
        return 0
    fi
    say "building jmh/target/benchmarks.jar (mvn package -pl jmh -am -DskipTests)"
    (cd "$root" && mvn -B -q -Dstyle.color=never -pl jmh -am package -DskipTests) >"$run_dir/build.log" 2>&1 ||
        { tail -n 30 "$run_dir/build.log" >&2; die "the build failed"; }
}

# The flood holds thousands of sockets in the attack program, and as many in the server when it lets them in.
raise_nofile() {
    local hard
    hard=$(ulimit -Hn)
    [[ $hard == unlimited ]] || ((hard >= NOFILE)) || NOFILE=$hard
    ulimit -Sn "$NOFILE"
    ((NOFILE > FLOOD_CONNECTIONS + 200)) || say "warning: the open-file limit $NOFILE is below the flood's needs"
}

# ---------------------------------------------------------------------------------------------------------
# The server: bin/pagi-server running ConformanceApp (it execs java, so its PID is the JVM's).

# Prints the answer to GET / on port $1 within 5 s ("Hello from PAGI!" as the body when all is well).
probe() {
    # shellcheck disable=SC2016 # $1 is the inner shell's argument
    timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
        printf "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" >&3
        cat <&3' probe "$1" 2>/dev/null || true
}
answers() {
    [[ $(probe "$1") == *"Hello from PAGI!" ]]
}

# Starts the server on port $1 pinned to SERVER_CPU (log $2); sets server_pid; returns 1 if it does not answer.
start_server() {
    local port=$1 log=$2 i
    env -u PAGI_JAVA_OPTS taskset -c "$SERVER_CPU" "$root/bin/pagi-server" --app org.pagi.compliance.ConformanceApp \
        --no-access-log --port "$port" --loops 1 ${server_args[@]+"${server_args[@]}"} </dev/null >"$log" 2>&1 &
    server_pid=$!
    for ((i = 0; i < START_TIMEOUT * 10; i++)); do
        alive "$server_pid" || { tail -n 15 "$log" | sed 's/^/  server| /' >&2; return 1; }
        answers "$port" && return 0
        sleep 0.1
    done
    return 1
}

# ---------------------------------------------------------------------------------------------------------
# One run: the attack (if any) in the background, wrk in the foreground after SETTLE seconds.

attack_args() { # scenario
    case $1 in
        slowloris) echo "slowloris $ATTACK_CONNECTIONS" ;;
        slowloris-2000) echo "slowloris 2000" ;;
        slow-body) echo "slow-body $ATTACK_CONNECTIONS" ;;
        no-read) echo "no-read $ATTACK_CONNECTIONS" ;;
        flood) echo "flood $FLOOD_CONNECTIONS" ;;
    esac
}

# Runs scenario $1 once against port $2; wrk's output to $3, the attack's to $4.
run_once() {
    local scenario=$1 port=$2 wrk_out=$3 attack_out=$4 kind conns seconds
    read -r kind conns <<<"$(attack_args "$scenario")"
    if [[ -n ${kind:-} ]]; then
        seconds=$((SETTLE + DURATION + 1))
        timeout -k 5 $((seconds + 30)) taskset -c "$CLIENT_CPU" "$JAVA_HOME/bin/java" -cp "$JAR" \
            org.pagi.jmh.load.AttackLoad --port "$port" --attack "$kind" --connections "$conns" \
            --seconds "$seconds" --interval "$ATTACK_INTERVAL" --settle "$SETTLE" >"$attack_out" 2>&1 &
        attack_pid=$!
        sleep "$SETTLE"
    fi
    timeout -k 5 $((DURATION + 30)) taskset -c "$CLIENT_CPU" wrk -t2 -c64 -d"${DURATION}s" --timeout 5s \
        --latency "http://127.0.0.1:$port/" >"$wrk_out" 2>&1 &
    wrk_pid=$!
    wait "$wrk_pid" || true
    wrk_pid=""
    if [[ -n $attack_pid ]]; then
        wait "$attack_pid" || true
        attack_pid=""
    fi
}

# Prints the value of key $2 in the RESULT line of file $1, or "-".
result_value() {
    awk -v key="$2" '/^RESULT / { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) v = kv[2] } }
        END { print (v == "" ? "-" : v) }' "$1" 2>/dev/null || echo -
}

# ---------------------------------------------------------------------------------------------------------
# Results, one row per scenario.

declare -a rows=()
declare -A r_conns r_rps r_vs r_p99 r_held r_refused r_cut r_status r_sent r_rss r_fds r_werr r_aerr r_after r_note
base_rps=""

median() { # numbers (ignoring "-")
    printf '%s\n' "$@" | awk '$1 ~ /^[0-9.]+$/' | sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "-"; exit }
        printf "%.2f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
total() { # whole numbers (ignoring "-")
    printf '%s\n' "$@" | awk '$1 ~ /^[0-9]+$/ { s += $1; n++ } END { print (n ? s : "-") }'
}

measure() {
    local scenario=$1 port log run wrk_out attack_out busy rps p99 err kind conns peaks
    local rpss=() p99s=() werrs=() helds=() refs=() cuts=() aerrs=() sents=() notes=() statuses="" after=yes
    busy=$(wait_for_quiet)
    ((busy > QUIET_PERCENT)) && notes+=("machine ${busy}% busy at the start")
    port=$(free_port "$BASE_PORT")
    BASE_PORT=$((port + 1))
    log=$run_dir/server-$scenario.log
    if ! start_server "$port" "$log"; then
        stop_server
        rows+=("$scenario")
        r_note[$scenario]="the server did not start (SERVER_ARGS='$SERVER_ARGS')"
        return 0
    fi
    sample_peaks "$server_pid" "$run_dir/$scenario.peaks" "$sampler_flag" "$CLIENT_CPU"
    sampler_pid=$!
    read -r kind conns <<<"$(attack_args "$scenario")"
    for ((run = 1; run <= RUNS; run++)); do
        wrk_out=$run_dir/$scenario-$run.wrk attack_out=$run_dir/$scenario-$run.attack
        run_once "$scenario" "$port" "$wrk_out" "$attack_out"
        read -r rps p99 err _ < <(parse_wrk "$wrk_out")
        rpss+=("$rps") p99s+=("$p99") werrs+=("$err")
        if [[ -n ${kind:-} ]]; then
            helds+=("$(result_value "$attack_out" held_avg)") refs+=("$(result_value "$attack_out" refused)")
            cuts+=("$(result_value "$attack_out" cut)") aerrs+=("$(result_value "$attack_out" errors)")
            sents+=("$(result_value "$attack_out" sent_bytes)")
            statuses=$(result_value "$attack_out" statuses)
            grep -q '^RESULT ' "$attack_out" ||
                notes+=("run $run: the attack gave no result: $(tail -n 1 "$attack_out")")
        fi
        answers "$port" || after=no
        say "$scenario run $run/$RUNS: $rps req/s, p99 $p99 ms, wrk errors $err" \
            "${kind:+; attack: $(grep -m 1 ' for ' "$attack_out" || true)}"
        alive "$server_pid" || { notes+=("the server died"); after=no; break; }
    done
    rm -f "$sampler_flag"
    stop_pid "$sampler_pid"
    sampler_pid=""
    peaks=$(<"$run_dir/$scenario.peaks")
    stop_server
    rows+=("$scenario")
    r_conns[$scenario]=${conns:--}
    r_rps[$scenario]=$(median "${rpss[@]}")
    r_p99[$scenario]=$(median "${p99s[@]}")
    r_held[$scenario]=$(median "${helds[@]+"${helds[@]}"}")
    r_refused[$scenario]=$(total "${refs[@]+"${refs[@]}"}")
    r_cut[$scenario]=$(total "${cuts[@]+"${cuts[@]}"}")
    r_aerr[$scenario]=$(total "${aerrs[@]+"${aerrs[@]}"}")
    r_status[$scenario]=${statuses:--}
    r_sent[$scenario]=$(awk -v b="$(total "${sents[@]+"${sents[@]}"}")" \
        'BEGIN { if (b ~ /^[0-9]+$/) printf "%.1f", b / 1048576; else print "-" }')
    r_werr[$scenario]=$(total "${werrs[@]}")
    r_rss[$scenario]=$(awk '{ printf "%.0f", $1 / 1024 }' <<<"$peaks")
    r_fds[$scenario]=${peaks#* }
    r_after[$scenario]=$after
    [[ $scenario == baseline ]] && base_rps=${r_rps[$scenario]}
    r_vs[$scenario]=$(awk -v a="${r_rps[$scenario]}" -v b="$base_rps" \
        'BEGIN { if (a ~ /^[0-9.]+$/ && b + 0 > 0) printf "%.0f%%", 100 * a / b; else print "-" }')
    local IFS=';'
    r_note[$scenario]=${notes[*]+"${notes[*]}"}
}

results_table() {
    local s
    echo "| scenario | attack conns | normal req/s | vs baseline | p99 ms | held (avg) | refused | cut | attack saw |" \
        "attack sent MiB | server RSS max MiB | server fds max | wrk errors | attack errors | answers after | note |"
    echo "|---|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|---|---|"
    for s in "${rows[@]}"; do
        echo "| $s | ${r_conns[$s]:--} | ${r_rps[$s]:--} | ${r_vs[$s]:--} | ${r_p99[$s]:--} | ${r_held[$s]:--} |" \
            "${r_refused[$s]:--} | ${r_cut[$s]:--} | ${r_status[$s]:--} | ${r_sent[$s]:--} | ${r_rss[$s]:--} |" \
            "${r_fds[$s]:--} |" \
            "${r_werr[$s]:--} | ${r_aerr[$s]:--} | ${r_after[$s]:--} | ${r_note[$s]:-} |"
    done
}

machine() {
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; kernel $(uname -r); load average" \
        "$load_before at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
    echo "- server: bin/pagi-server --app org.pagi.compliance.ConformanceApp --no-access-log --loops 1" \
        "${SERVER_ARGS:+$SERVER_ARGS }(the launcher's JVM flags) on core $SERVER_CPU; wrk -t2 -c64 and the" \
        "attack on core $CLIENT_CPU; open-file limit $(ulimit -Sn)"
    echo "- RUNS=$RUNS DURATION=${DURATION}s SETTLE=${SETTLE}s ATTACK_CONNECTIONS=$ATTACK_CONNECTIONS" \
        "FLOOD_CONNECTIONS=$FLOOD_CONNECTIONS ATTACK_INTERVAL=${ATTACK_INTERVAL}s"
    echo "- normal req/s, p99: wrk on GET / (median over the runs); held: attack connections open while wrk ran" \
        "(median of the runs' averages); refused, cut: summed over the runs; attack saw: statuses of the first" \
        "answers (last run); attack sent: bytes the attack wrote, summed; RSS, fds: the server's highest," \
        "sampled every 0.2 s; answers after: GET / still" \
        "answered after each run"
}

# The launcher builds the kit when its jars look stale: let it do so now, not within the server's start-up wait.
prepare_launcher() {
    env -u PAGI_JAVA_OPTS timeout 900 "$root/bin/pagi-server" --version >"$run_dir/launcher.log" 2>&1 ||
        { tail -n 5 "$run_dir/launcher.log" >&2; die "bin/pagi-server --version failed"; }
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
build
prepare_launcher
raise_nofile
say "scenarios: $SCENARIOS; $RUNS run(s) of ${SETTLE}s + ${DURATION}s; SERVER_ARGS='$SERVER_ARGS'"
for scenario in $SCENARIOS; do
    measure "$scenario"
done

mkdir -p "$here/results"
{
    echo "# Attack benchmark: latest run"
    echo
    echo "Written by jmh/run-attack.sh; jmh/README.md says what each scenario does."
    echo
    machine
    echo
    results_table
} >"$here/results/attack-latest.md"
echo
machine
echo
results_table | grep -v '^|---' | sed -e 's/^| //' -e 's/ |$//' | column -t -s '|' -o '|'
echo
say "written to jmh/results/attack-latest.md"
