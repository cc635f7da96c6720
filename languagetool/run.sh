#!/usr/bin/env bash
# Build and run the local LanguageTool HTTP server that `--grammar languagetool` talks to.
#
#   languagetool/run.sh start    build target/lib if needed, start on 127.0.0.1, wait until it answers
#   languagetool/run.sh stop     stop the server started by `start`
#   languagetool/run.sh status   say whether it is running
#
# Port: MTAUDIT_LT_PORT (default 8081). Wait: MTAUDIT_LT_WAIT seconds (default 60).
# The server binds to loopback only (HTTPServer without --public). State lives in
# target/: server.pid, server.log. `start` when already running does nothing.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
TARGET="$HERE/target"
LIB="$TARGET/lib"
PIDFILE="$TARGET/server.pid"
LOGFILE="$TARGET/server.log"
PORT="${MTAUDIT_LT_PORT:-8081}"
WAIT="${MTAUDIT_LT_WAIT:-60}"
URL="http://127.0.0.1:$PORT"
MAIN=org.languagetool.server.HTTPServer

say() { echo "languagetool: $*"; }
die() { echo "languagetool: $*" >&2; exit 1; }

answers() {  # the server answers /v2/languages on the port
    curl -sf --max-time 2 "$URL/v2/languages" >/dev/null 2>&1
}

running_pid() {  # the pid from the pid file, if that process is still our server
    [ -f "$PIDFILE" ] || return 1
    local pid
    pid="$(cat "$PIDFILE")"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    grep -qa "$MAIN" "/proc/$pid/cmdline" 2>/dev/null || return 1
    echo "$pid"
}

build() {
    if [ -f "$LIB/.complete" ] && [ "$LIB/.complete" -nt "$HERE/pom.xml" ]; then
        return 0
    fi
    command -v mvn >/dev/null || die "Maven (mvn) not found; install Maven 3 and Java 17+"
    say "building with Maven (downloads LanguageTool from Maven Central on first run)"
    rm -rf "$LIB"
    (cd "$HERE" && mvn -B -q -Dstyle.color=never package) || die "Maven build failed"
    touch "$LIB/.complete"
}

start() {
    command -v java >/dev/null || die "java not found; install Java 17+"
    command -v curl >/dev/null || die "curl not found"
    if pid="$(running_pid)"; then
        say "already running (pid $pid) at $URL"
        return 0
    fi
    if answers; then
        say "a LanguageTool server already answers at $URL (not started by this script)"
        return 0
    fi
    build
    mkdir -p "$TARGET"
    # No --public: HTTPServer then accepts connections from this machine only.
    nohup java ${MTAUDIT_LT_JAVA_OPTS:-} -cp "$LIB/*" "$MAIN" --port "$PORT" \
        >"$LOGFILE" 2>&1 </dev/null &
    local pid=$!
    echo "$pid" >"$PIDFILE"
    local waited=0
    until answers; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PIDFILE"
            tail -n 20 "$LOGFILE" >&2 || true
            die "server exited during start-up (log: $LOGFILE)"
        fi
        if [ "$waited" -ge "$WAIT" ]; then
            kill "$pid" 2>/dev/null || true
            rm -f "$PIDFILE"
            die "server did not answer at $URL within ${WAIT}s (log: $LOGFILE)"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    # The first English check loads the rules (about 5 s); do it now, not in the first audit.
    curl -sf --max-time "$WAIT" "$URL/v2/check" -d language=en-US -d text="Warm up." >/dev/null \
        || say "warning: the warm-up check failed (log: $LOGFILE)"
    say "running (pid $pid) at $URL"
}

stop() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$PIDFILE"
        say "not running"
        return 0
    fi
    kill "$pid"
    for _ in $(seq 1 20); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$PIDFILE"
    say "stopped (pid $pid)"
}

status() {
    if pid="$(running_pid)"; then
        say "running (pid $pid) at $URL"
    else
        say "not running"
        return 1
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    build) build ;;
    *) echo "usage: $0 start|stop|status|build" >&2; exit 2 ;;
esac
