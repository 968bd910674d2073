#!/usr/bin/env bash
# The cross-instance broadcast benchmark: one publisher, SUBSCRIBERS WebSocket subscribers, WebSocketBroadcast on
# a channel; org.pagi.jmh.load.BroadcastLoad runs the servers, the publisher and the subscribers in one JVM (so one
# System.nanoTime clock), all on 127.0.0.1.
#
#   jmh/run-broadcast.sh                                   every setup: about 4 minutes on a quiet machine
#   SETUPS=redis SUBSCRIBERS=300 jmh/run-broadcast.sh      one setup, fewer subscribers
#
# Setups:
#   redis   INSTANCES (3) servers, each with its own RedisChannel (its own connection to Redis), subscribers
#           spread evenly over them, the publisher on the first; a redis-server this script starts on a free port
#           from BASE_PORT with persistence off, and stops by PID
#   memory  one server with an InMemoryChannel
#   memory-3  INSTANCES servers sharing one InMemoryChannel (one process): what the spread over several servers
#           gives without Redis, to tell the store's cost from the fan-out's
# Each runs three phases: WARMUP_MESSAGES at RATE/s (reported, not the figure), MESSAGES at RATE/s (latency),
# then FLAT_MESSAGES as fast as the publisher can while at most WINDOW messages have not reached every subscriber
# (throughput). It prints per phase deliveries expected/received (a lost one is an error), latency p50/p90/p99/max
# and deliveries per second, and writes a table to jmh/results/broadcast-latest.md. Figures only: nothing judges
# a speed. jmh/README.md says how to read them.
#
# Knobs (environment):
#   SETUPS="redis memory memory-3"  SUBSCRIBERS=1000  INSTANCES=3 (redis and memory-3; memory runs one)
#   WARMUP_MESSAGES=100  MESSAGES=400  RATE=20  FLAT_MESSAGES=1000  WINDOW=32  SIZE=64 (bytes per message)
#   MODE=event-loop (or virtual-threads)  CLIENTS=2 (JDK HttpClients, one selector thread each)
#   CLIENT_THREADS=2 (their shared executor)  STALL=10 (seconds without progress before a phase gives up)
#   BENCH_JAVA_OPTS   JVM flags of the benchmark JVM (default none: the JVM's defaults)
#   REDIS_SERVER=/usr/bin/redis-server  BASE_PORT=16379  MAX_SECONDS=600 (per setup, the program's hard deadline)
#   NOFILE=16384      the open-file limit asked for (ulimit -n): 1,000 subscribers are 2,000 sockets in one JVM
#   QUIET_WAIT=60 QUIET_PERCENT=10   before each setup, wait up to 60 s for the machine to be at most 10% busy
#   SKIP_BUILD=1      use jmh/target/benchmarks.jar as it is (otherwise built when missing or older than a source)
#   KEEP_LOGS=1       keep the temporary folder with the program's output and redis-server's log
#
# Every process this script starts (redis-server, the benchmark JVM) is stopped by its PID on exit, on failure and
# on Ctrl-C: TERM, then KILL after STOP_TIMEOUT (5) seconds. The JVM is bounded by its hard deadline and timeout(1).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
# shellcheck source-path=SCRIPTDIR source=lib/machine.sh
source "$here/lib/machine.sh"

ALL_SETUPS="redis memory memory-3"
SETUPS=${SETUPS:-$ALL_SETUPS}
SUBSCRIBERS=${SUBSCRIBERS:-1000}
INSTANCES=${INSTANCES:-3}
WARMUP_MESSAGES=${WARMUP_MESSAGES:-100}
MESSAGES=${MESSAGES:-400}
RATE=${RATE:-20}
FLAT_MESSAGES=${FLAT_MESSAGES:-1000}
WINDOW=${WINDOW:-32}
SIZE=${SIZE:-64}
MODE=${MODE:-event-loop}
CLIENTS=${CLIENTS:-2}
CLIENT_THREADS=${CLIENT_THREADS:-2}
STALL=${STALL:-10}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:-}
REDIS_SERVER=${REDIS_SERVER:-/usr/bin/redis-server}
BASE_PORT=${BASE_PORT:-16379}
MAX_SECONDS=${MAX_SECONDS:-600}
NOFILE=${NOFILE:-16384}
QUIET_WAIT=${QUIET_WAIT:-60}
QUIET_PERCENT=${QUIET_PERCENT:-10}
STOP_TIMEOUT=${STOP_TIMEOUT:-5}
JAR=$here/target/benchmarks.jar

say() {
    echo "run-broadcast: $*" >&2
}
die() {
    say "$*"
    exit 2
}

for knob in SUBSCRIBERS INSTANCES MESSAGES RATE WINDOW SIZE CLIENTS CLIENT_THREADS STALL BASE_PORT MAX_SECONDS \
    NOFILE STOP_TIMEOUT; do
    [[ ${!knob} =~ ^[1-9][0-9]*$ ]] || die "$knob must be a whole number of 1 or more, got '${!knob}'"
done
for knob in WARMUP_MESSAGES FLAT_MESSAGES QUIET_WAIT QUIET_PERCENT; do
    [[ ${!knob} =~ ^[0-9]+$ ]] || die "$knob must be a whole number, got '${!knob}'"
done
for s in $SETUPS; do
    [[ " $ALL_SETUPS " == *" $s "* ]] || die "unknown setup '$s' in SETUPS; known: $ALL_SETUPS"
done
[[ $MODE == event-loop || $MODE == virtual-threads ]] || die "MODE is event-loop or virtual-threads, got '$MODE'"
[[ " $SETUPS " != *" redis "* || -x $REDIS_SERVER ]] ||
    die "$REDIS_SERVER is missing (Debian: apt-get install redis-server), or leave redis out of SETUPS"
command -v timeout >/dev/null || die "timeout is missing (Debian: apt-get install coreutils)"

run_dir=$(mktemp -d "${TMPDIR:-/tmp}/pagi-broadcast.XXXXXX")
redis_pid=""
load_pid=""
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_pid "$load_pid"
    stop_pid "$redis_pid"
    drop_run_dir "$run_dir"
    exit "$status"
}
trap cleanup EXIT
trap 'say "stopped by SIGINT"; exit 130' INT
trap 'say "stopped by SIGTERM"; exit 143' TERM

# shellcheck source-path=SCRIPTDIR source=../bin/lib/find-jdk.sh
source "$root/bin/lib/find-jdk.sh" || die "no JDK 21+ found"
if [[ ${SKIP_BUILD:-0} == 1 ]]; then
    [[ -f $JAR ]] || die "SKIP_BUILD=1 but $JAR does not exist"
elif [[ ! -f $JAR || -n $(find "$root" -path '*/target' -prune -o \( -name '*.java' -path '*/src/main/*' -o \
    -name pom.xml \) -newer "$JAR" -print -quit) ]]; then
    say "building jmh/target/benchmarks.jar (mvn package -pl jmh -am -DskipTests)"
    (cd "$root" && mvn -B -q -Dstyle.color=never -pl jmh -am package -DskipTests) >"$run_dir/build.log" 2>&1 ||
        { tail -n 30 "$run_dir/build.log" >&2; die "the build failed"; }
fi

hard=$(ulimit -Hn)
if [[ $hard == unlimited ]] || ((hard >= NOFILE)); then ulimit -Sn "$NOFILE"; else ulimit -Sn "$hard"; fi
if [[ $(ulimit -Sn) != unlimited ]] && (($(ulimit -Sn) < 2 * SUBSCRIBERS + 200)); then
    say "warning: the open-file limit is $(ulimit -Sn); $SUBSCRIBERS subscribers need about $((2 * SUBSCRIBERS + 200))"
fi

# Starts redis-server on a free port with persistence off; sets redis_pid and redis_port.
start_redis() {
    local i
    redis_port=$(free_port "$BASE_PORT")
    "$REDIS_SERVER" --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
        --dir "$run_dir" --logfile "$run_dir/redis.log" </dev/null &
    redis_pid=$!
    for ((i = 0; i < 100; i++)); do
        alive "$redis_pid" || { tail -n 10 "$run_dir/redis.log" >&2; die "redis-server exited at start"; }
        # shellcheck disable=SC2016 # $1 is the inner shell's argument
        if [[ $(timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "PING\r\n" >&3 && head -c 7 <&3' \
            ping "$redis_port" 2>/dev/null) == +PONG* ]]; then
            say "redis-server $("$REDIS_SERVER" --version | awk '{ print $3 }') on 127.0.0.1:$redis_port" \
                "(PID $redis_pid), persistence off"
            return 0
        fi
        sleep 0.1
    done
    die "redis-server did not answer PING on port $redis_port within 10 s"
}

# Runs setup $1 with channel URL $2 on $3 instances (the store's PID $4, 0 for none); its output goes to the
# terminal and to $run_dir/$1.txt.
run_setup() {
    local setup=$1 channel=$2 instances=$3 store_pid=$4 busy status java=("$JAVA_HOME/bin/java")
    busy=$(wait_for_quiet)
    ((busy > QUIET_PERCENT)) && say "the machine is ${busy}% busy with other work; measuring anyway"
    # shellcheck disable=SC2206 # a list of flags
    [[ -n $BENCH_JAVA_OPTS ]] && java+=($BENCH_JAVA_OPTS)
    commands+=("${java[*]} -cp benchmarks.jar org.pagi.jmh.load.BroadcastLoad --channel $channel --instances \
$instances --subscribers $SUBSCRIBERS --warmup-messages $WARMUP_MESSAGES --messages $MESSAGES --rate $RATE \
--flat-messages $FLAT_MESSAGES --window $WINDOW --size $SIZE --mode $MODE --clients $CLIENTS --threads $CLIENT_THREADS")
    timeout -k 5 $((MAX_SECONDS + 30)) "${java[@]}" -cp "$JAR" org.pagi.jmh.load.BroadcastLoad --channel "$channel" \
        --instances "$instances" --subscribers "$SUBSCRIBERS" --warmup-messages "$WARMUP_MESSAGES" \
        --messages "$MESSAGES" --rate "$RATE" --flat-messages "$FLAT_MESSAGES" --window "$WINDOW" --size "$SIZE" \
        --mode "$MODE" --clients "$CLIENTS" --threads "$CLIENT_THREADS" --stall "$STALL" \
        --max-seconds "$MAX_SECONDS" --store-pid "$store_pid" >"$run_dir/$setup.txt" 2>&1 &
    load_pid=$!
    wait "$load_pid" && status=0 || status=$?
    load_pid=""
    grep -v '^RESULT ' "$run_dir/$setup.txt" || true
    ((status == 0)) || say "!!! the $setup setup ended with status $status (1: a loss or an error; 3: its deadline)"
    statuses+=("$setup: $status")
}

# Prints the value of key $2 in RESULT line $1.
value() {
    tr ' ' '\n' <<<"$1" | awk -F= -v key="$2" '$1 == key { print $2 }'
}

table() {
    local line
    echo "| setup | phase | subscribers | messages | rate/s | expected | received | lost | p50 ms | p90 ms |" \
        "p99 ms | max ms | deliveries/s | JVM CPU % | redis CPU % | errors |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    for line in "${results[@]+"${results[@]}"}"; do
        echo "| $(value "$line" channel) × $(value "$line" instances) | $(value "$line" phase) |" \
            "$(value "$line" subscribers) | $(value "$line" messages) | $(value "$line" publish_rate) |" \
            "$(value "$line" expected) | $(value "$line" received) | $(value "$line" lost) |" \
            "$(value "$line" p50_ms) | $(value "$line" p90_ms) | $(value "$line" p99_ms) | $(value "$line" max_ms) |" \
            "$(value "$line" deliveries_per_s) | $(value "$line" jvm_cpu_pct) | $(value "$line" store_cpu_pct) |" \
            "$(value "$line" errors) |"
    done
}

declare -a commands=() results=() statuses=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for setup in $SETUPS; do
    case $setup in
        redis)
            start_redis
            run_setup redis "redis://127.0.0.1:$redis_port" "$INSTANCES" "$redis_pid"
            stop_pid "$redis_pid"
            redis_pid=""
            ;;
        memory) run_setup memory "memory:" 1 0 ;;
        memory-3) run_setup memory-3 "memory:" "$INSTANCES" 0 ;;
    esac
    mapfile -t -O "${#results[@]}" results < <(grep '^RESULT ' "$run_dir/$setup.txt" | grep -v 'phase=warm-up')
done

mkdir -p "$here/results"
{
    echo "# Cross-instance broadcast: latest run"
    echo
    echo "Written by jmh/run-broadcast.sh; jmh/README.md says how to read it."
    echo
    machine=$(grep -h -m1 '  machine: ' "$run_dir"/*.txt | head -n 1 | sed -e 's/.*machine: //' -e 's/; load.*//') || true
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); $machine"
    echo "- load average: $load_before when the run started, $(cut -d' ' -f1-3 /proc/loadavg) when it ended"
    echo "- exit status: ${statuses[*]}"
    for c in "${commands[@]}"; do
        echo "- \`$c\`"
    done
    echo
    table
} >"$here/results/broadcast-latest.md"
echo
table | grep -v '^|---' | sed -e 's/^| //' -e 's/ |$//' | column -t -s '|' -o '|'
say "written to jmh/results/broadcast-latest.md"
for s in "${statuses[@]}"; do
    [[ $s == *": 0" ]] || exit 1
done
