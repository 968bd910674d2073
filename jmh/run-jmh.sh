#!/usr/bin/env bash
# Runs the JMH microbenchmarks of the HTTP/1.1 core briefly and prints throughput (ops/s) and allocation per
# operation (B/op, from JMH's gc profiler): one fork, 3 warm-up and 5 measured iterations of 1 s each, about
# 9 s per benchmark and a bit over a minute in all.
#
#   jmh/run-jmh.sh                      every benchmark
#   jmh/run-jmh.sh Http1ParserBenchmark only those matching a regular expression (JMH's own argument syntax;
#                                       any JMH option works, e.g. -p readBytes=16384)
#   SKIP_BUILD=1 jmh/run-jmh.sh         reuse jmh/target/benchmarks.jar
#
# JMH's full report goes to the terminal; the summary table at the end is also written to
# jmh/results/jmh-latest.txt, the raw figures to jmh/results/jmh-latest.csv. Measures; never asserts.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
jar=$here/target/benchmarks.jar
results=$here/results

# shellcheck source-path=SCRIPTDIR source=../bin/lib/find-jdk.sh
source "$root/bin/lib/find-jdk.sh" || exit 1

if [[ ${SKIP_BUILD:-0} != 1 || ! -f $jar ]]; then
    echo "pagi: building jmh/target/benchmarks.jar" >&2
    (cd "$root" && mvn -B -q -Dstyle.color=never package -DskipTests -pl jmh -am)
fi

mkdir -p "$results"
csv=$results/jmh-latest.csv
# A fixed locale keeps JMH's decimal points points, so the CSV below parses the same everywhere.
LC_ALL=C java -Duser.language=en -Duser.country=US -jar "$jar" \
    -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf csv -rff "$csv" "$@"

# The summary: one line per benchmark (and parameter), its throughput and its allocation per operation.
awk -F, '
    function unquote(s) { gsub(/["\r]/, "", s); return s }
    { sub(/\r$/, "") }
    NR == 1 { for (i = 8; i <= NF; i++) { p = unquote($i); sub(/^Param: /, "", p); params[i] = p }; next }
    {
        name = unquote($1); sub(/^org\.pagi\.jmh\.[a-z]+\./, "", name)
        label = ""
        for (i = 8; i <= NF; i++) if (unquote($i) != "") label = label " " params[i] "=" unquote($i)
        if (name ~ /:gc\.alloc\.rate\.norm$/) { sub(/:gc\.alloc\.rate\.norm$/, "", name); alloc[name label] = $5; next }
        if (name ~ /:/) next
        key = name label
        order[++n] = key; score[key] = $5; err[key] = $6; unit[key] = unquote($7)
    }
    END {
        printf "\n%-62s %14s %12s %10s\n", "benchmark", "ops/s", "error", "B/op"
        for (k = 1; k <= n; k++) {
            key = order[k]
            printf "%-62s %14.0f %12.0f %10s\n", key, score[key], err[key], \
                (key in alloc) ? sprintf("%.1f", alloc[key]) : "n/a"
        }
    }' "$csv" | tee "$results/jmh-latest.txt"
