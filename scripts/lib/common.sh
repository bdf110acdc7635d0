# Messages, clean-up on exit, stopping processes by PID and waiting for
# readiness. Sourced by the scripts in scripts/; defines functions and sets
# COMMERCE_ROOT to the repository root.

COMMERCE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

step() { printf '\n== %s\n' "$*"; }
info() { printf '%s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# Print the last lines of a log file, indented, to explain a failure.
show_log_tail() {
    local file=$1 lines=${2:-25}
    [[ -s $file ]] || return 0
    printf -- '--- last lines of %s\n' "$file" >&2
    tail -n "$lines" "$file" | sed 's/^/    /' >&2
}

# Clean-up actions run in reverse order of registration, once, on exit.
CLEANUP_ACTIONS=()

on_cleanup() { CLEANUP_ACTIONS+=("$1"); }

run_cleanup() {
    local index
    for ((index = ${#CLEANUP_ACTIONS[@]} - 1; index >= 0; index--)); do
        eval "${CLEANUP_ACTIONS[index]}" || true
    done
    CLEANUP_ACTIONS=()
}

# Run the clean-up actions on normal exit and on SIGINT or SIGTERM, exiting
# with the usual 128 + signal status for a signal.
install_cleanup_trap() {
    trap run_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# True while the process exists and is not a zombie waiting to be reaped.
pid_alive() {
    local pid=$1 state
    [[ -r /proc/$pid/stat ]] || return 1
    state=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)
    [[ -n $state && $state != Z ]]
}

# Send SIGNAL (default TERM) to PID, wait up to TIMEOUT seconds (default 15)
# for it to exit, then SIGKILL it.
stop_pid() {
    local name=$1 pid=$2 signal=${3:-TERM} timeout=${4:-15} tick
    if pid_alive "$pid"; then
        kill -s "$signal" "$pid" 2>/dev/null || true
        for ((tick = 0; tick < timeout * 10; tick++)); do
            pid_alive "$pid" || break
            sleep 0.1
        done
        if pid_alive "$pid"; then
            warn "$name (pid $pid) did not stop within ${timeout} s; sending SIGKILL"
            kill -s KILL "$pid" 2>/dev/null || true
        fi
    fi
    # Reaps the process when it is a child of this shell; harmless otherwise.
    wait "$pid" 2>/dev/null || true
}

# Print COUNT distinct TCP ports on 127.0.0.1 that were free a moment ago,
# one per line. The kernel picks them, so ports in use are never chosen.
free_ports() {
    python3 - "$1" <<'PYTHON'
import socket, sys
sockets = []
for _ in range(int(sys.argv[1])):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sockets.append(sock)
for sock in sockets:
    print(sock.getsockname()[1])
PYTHON
}

# Poll URL until it responds with 2xx, failing when PID exits or TIMEOUT seconds
# pass. Prints nothing on success.
wait_for_http() {
    local name=$1 url=$2 pid=$3 timeout=${4:-60} deadline
    deadline=$((SECONDS + timeout))
    until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
        if ! pid_alive "$pid"; then
            printf 'error: %s exited before %s responded\n' "$name" "$url" >&2
            return 1
        fi
        if ((SECONDS >= deadline)); then
            printf 'error: %s did not respond at %s within %d s\n' "$name" "$url" "$timeout" >&2
            return 1
        fi
        sleep 0.2
    done
}

# Percent-encode a value for use inside a libpq or HTTP URL.
url_encode() {
    python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe="/"))' "$1"
}
