#!/usr/bin/env bash
# Regenerates compliance/COMPLIANCE.md from a real run of the wire suite:
#   server-jdk directly, over TLS, behind Debian's nginx, and uvicorn (Debian's python3-uvicorn) as a peer we did
#   not write, running the same contract (compliance/peers/uvicorn_conformance.py).
#
#   compliance/make-report.sh            about a minute
#   SKIP_BUILD=1 compliance/make-report.sh   reuse compliance/target/pagi-compliance.jar
#   SKIP_INSTALL=1 ...                   never call apt-get (nginx, python3-uvicorn, python3-websockets must be there)
#
# Everything listens on 127.0.0.1. uvicorn is the only process this script starts itself (server-jdk and nginx are
# started and stopped by the report program); it is stopped by its PID on exit, failure or Ctrl-C.
# Known deviations are explained in compliance/peers/deviations.tsv; the report calls any other failure unexplained.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
PYTHON=${PYTHON:-/usr/bin/python3}

die() { echo "make-report: $*" >&2; exit 1; }

# shellcheck source-path=SCRIPTDIR source=../bin/lib/find-jdk.sh
source "$root/bin/lib/find-jdk.sh" || die "no JDK 21+ found"

if [[ -z ${SKIP_INSTALL:-} ]]; then
    need=()
    [[ -x /usr/sbin/nginx ]] || command -v nginx >/dev/null 2>&1 || need+=(nginx)
    "$PYTHON" -c 'import uvicorn' >/dev/null 2>&1 || need+=(python3-uvicorn)
    "$PYTHON" -c 'import websockets' >/dev/null 2>&1 || need+=(python3-websockets)
    if ((${#need[@]} > 0)); then
        sudo_cmd=()
        if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); fi
        echo "installing: ${need[*]}"
        "${sudo_cmd[@]}" apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q "${need[@]}" >/dev/null
    fi
fi

jar=$here/target/pagi-compliance.jar
if [[ -z ${SKIP_BUILD:-} || ! -f $jar ]]; then
    (cd "$root" && mvn -B -q -Dstyle.color=never -pl compliance -am package -DskipTests) || die "the build failed"
fi

free_port() {
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

uvicorn_pid=
cleanup() {
    [[ -n ${tls_dir:-} ]] && rm -rf -- "$tls_dir"
    if [[ -n $uvicorn_pid ]] && kill -0 "$uvicorn_pid" 2>/dev/null; then
        kill -TERM "$uvicorn_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$uvicorn_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$uvicorn_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(free_port)
log=$(mktemp)
"$PYTHON" -m uvicorn --app-dir "$here/peers" uvicorn_conformance:app --host 127.0.0.1 --port "$port" \
    --no-access-log >"$log" 2>&1 &
uvicorn_pid=$!
for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    kill -0 "$uvicorn_pid" 2>/dev/null || die "uvicorn did not start: $(cat "$log")"
    sleep 0.1
done

# A throwaway certificate for the TLS run, made with the JDK's keytool.
tls_dir=$(mktemp -d)
keytool -genkeypair -alias pagi -keyalg EC -groupname secp256r1 -dname CN=localhost \
    -ext SAN=dns:localhost,ip:127.0.0.1 -validity 2 -storetype PKCS12 -keystore "$tls_dir/server.p12" \
    -storepass changeit -keypass changeit >/dev/null 2>&1 || die "keytool could not make a certificate"

uvicorn_version=$("$PYTHON" -c 'import uvicorn; print(uvicorn.__version__)')
websockets_version=$("$PYTHON" -c 'import websockets; print(websockets.__version__)')
nginx_version=$( (/usr/sbin/nginx -v || nginx -v) 2>&1 | sed 's|.*/||')

java -cp "$jar" org.pagi.compliance.report.ComplianceReport \
    --out "$here/COMPLIANCE.md" \
    --deviations "$here/peers/deviations.tsv" \
    --tls-keystore "$tls_dir/server.p12" --tls-keystore-password changeit \
    --peer "uvicorn $uvicorn_version=http://127.0.0.1:$port" \
    --environment "nginx: $nginx_version (Debian package), configuration: compliance/src/main/resources/org/pagi/compliance/proxy/nginx.conf" \
    --environment "uvicorn $uvicorn_version (Debian python3-uvicorn) with websockets $websockets_version; app: compliance/peers/uvicorn_conformance.py" \
    --environment "server-jdk: virtual-threads mode, default settings, --proxy-headers"
