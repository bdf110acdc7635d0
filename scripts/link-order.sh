#!/usr/bin/env bash
# Writes Libraries/LinkOrder/hot-functions.txt: the functions that the services run, which the
# release link places next to each other (see Package.swift and docs/architecture.md).
#
#   scripts/link-order.sh [SCALE]
#
# It builds in release mode and starts a throwaway platform on free loopback ports, then
# restarts every service under Valgrind's callgrind tool, which records each function that
# runs. bench/mixed_traffic.py sends a shop's first hours of traffic at SCALE (default 0.1, a
# tenth of bench/memory.sh's) through Caddy. After the services stop, the script keeps the
# names that each binary defines. Functions that more services ran come first, the others
# after, each group in name order, so that code of one module stays together. Run it again
# after larger changes: a function missing from the list still links, only further away.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$COMMERCE_ROOT/scripts/lib/packages.sh"
source "$COMMERCE_ROOT/scripts/lib/platform.sh"
source "$COMMERCE_ROOT/bench/lib.sh"

SCALE=${1:-0.1}
OUTPUT=$COMMERCE_ROOT/Libraries/LinkOrder/hot-functions.txt
declare -A PROFILED_PIDS=()

main() {
    bench_preflight
    command -v valgrind >/dev/null || apt-get install -y -q valgrind >/dev/null

    ADMIN_PASSWORD="Bench-$(date +%s%N)"
    bench_prepare_run_dir
    bench_start_platform 0
    mkdir -p "$RUN_DIR/profiles"

    local service
    for service in "${COMMERCE_SERVICES[@]}"; do
        restart_under_callgrind "$service"
    done

    step "Sending traffic at scale $SCALE"
    bench_create_shop
    python3 "$COMMERCE_ROOT/bench/mixed_traffic.py" "$API" "$SHOP_HOST" "$OWNER_TOKEN" "$DOMAIN" \
        "$ADMIN_PASSWORD" "$SCALE"

    step "Stopping the profiled services"
    for service in "${COMMERCE_SERVICES[@]}"; do
        kill -TERM "${PROFILED_PIDS[$service]}"
    done
    for service in "${COMMERCE_SERVICES[@]}"; do
        wait "${PROFILED_PIDS[$service]}" || true
    done

    write_order_file
}

# Stop SERVICE and start it again from a copy of its binary without debug information (Valgrind
# 3.19 rejects the DWARF that this toolchain writes), under callgrind.
restart_under_callgrind() {
    local service=$1 copy=$RUN_DIR/profiles/$1
    stop_pid "$service" "${SERVICE_PIDS[$service]}"
    cp "$SERVICE_BIN_DIR/$service" "$copy"
    strip --strip-debug "$copy"
    env "${SERVICE_ENV[@]}" PORT="${SERVICE_PORTS[$service]}" \
        valgrind --tool=callgrind --demangle=no --callgrind-out-file="$copy.callgrind" "$copy" serve \
        </dev/null >>"$LOG_DIR/$service-callgrind.log" 2>&1 &
    PROFILED_PIDS[$service]=$!
    on_cleanup "kill ${PROFILED_PIDS[$service]} 2>/dev/null || true"
    wait_for_http "$service" "$(service_url "$service")/health" "${PROFILED_PIDS[$service]}" 300
}

# Merge the profiles into the order file.
write_order_file() {
    local service arguments=()
    for service in "${COMMERCE_SERVICES[@]}"; do
        nm --defined-only "$RUN_DIR/profiles/$service" | awk '$2 ~ /^[tTwW]$/ {print $3}' \
            >"$RUN_DIR/profiles/$service.symbols"
        arguments+=("$RUN_DIR/profiles/$service")
    done
    mkdir -p "$(dirname "$OUTPUT")"
    python3 - "$OUTPUT" "${arguments[@]}" <<'PYTHON'
import re, sys
from collections import Counter

output, profiles = sys.argv[1], sys.argv[2:]
runs = Counter()
for profile in profiles:
    defined = set(open(profile + ".symbols").read().split())
    ran = set()
    for line in open(profile + ".callgrind", errors="replace"):
        match = re.match(r"c?fn=\(\d+\) (.+)$", line.rstrip("\n"))
        if match and match.group(1) in defined:
            ran.add(match.group(1))
    if not ran:
        sys.exit(f"no function of {profile} ran under callgrind")
    runs.update(ran)
ordered = sorted(runs, key=lambda name: (-runs[name], name))
with open(output, "w") as file:
    file.write("".join(name + "\n" for name in ordered))
print(f"{len(ordered)} functions written to {output}")
PYTHON
}

main "$@"
