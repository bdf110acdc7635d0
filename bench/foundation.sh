#!/usr/bin/env bash
# Measures a tenant-resolved GET through Caddy against Caddy's ceiling on this
# machine, in one run, and the idle memory of every service.
#
#   bench/foundation.sh [DURATION_SECONDS] [CONNECTIONS] [ROUNDS]
#
# It builds in release mode, starts a throwaway platform (PostgreSQL, Redis,
# the services and Caddy on free loopback ports), then runs wrk against:
#   platform  GET /api/v1/tenants/current on demo.localhost through Caddy
#   ceiling   a second Caddy with the same proxy settings in front of a trivial
#             upstream returning a fixed body of the same size, in a Caddy process
#             of its own (CEILING_UPSTREAM=inline serves it from the proxy's
#             process instead, as the earlier runs did; see bench/lib.sh)
#   alone     the same GET sent straight to tenant-svc, to show the service's own capacity
# The platform and the ceiling take turns for ROUNDS rounds (default 3), and
# the summary gives each round's ratio and their median. It also counts
# PostgreSQL transactions and Redis commands during the rounds, to show that a
# warm tenant resolution touches neither. It reads each service's resident
# memory after start-up, and idle again 5 s and 15 s after the load and a
# little traffic to every service. Every load goes to 127.0.0.1 only and each wrk
# run stops after DURATION_SECONDS (default 10).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"
source "$COMMERCE_ROOT/scripts/lib/packages.sh"
source "$COMMERCE_ROOT/scripts/lib/platform.sh"
source "$COMMERCE_ROOT/bench/lib.sh"

DURATION=${1:-10}
CONNECTIONS=${2:-64}
ROUNDS=${3:-3}

main() {
    bench_preflight
    command -v wrk >/dev/null || { apt-get install -y -q wrk >/dev/null; }

    ADMIN_PASSWORD="Bench-$(date +%s%N)"
    bench_prepare_run_dir
    bench_start_platform 2
    CEILING_PORT=${BENCH_EXTRA_PORTS[0]} UPSTREAM_PORT=${BENCH_EXTRA_PORTS[1]}

    step "Idle memory after start-up, before any load (KiB)"
    sleep 2
    bench_memory_table

    local url="http://127.0.0.1:$HTTP_PORT/api/v1/tenants/current"
    local body
    body=$(curl -sf -H "Host: demo.$DOMAIN" "$url")
    start_ceiling "${#body}"

    step "Warm-up"
    wrk -t2 -c16 -d3s -H "Host: demo.$DOMAIN" "$url" >/dev/null
    wrk -t2 -c16 -d3s "http://127.0.0.1:$CEILING_PORT/" >/dev/null

    # PostgreSQL 15 flushes a backend's statistics at most every 10 s when idle: wait them out.
    sleep 11
    local commits_before redis_before lookups_before round
    commits_before=$(pg_commits)
    redis_before=$(redis_commands)
    lookups_before=$(tenant_lookups)
    # The machine's capacity drifts by more than the difference being measured, so the platform
    # and the ceiling take turns: each round measures both within 2 * DURATION seconds.
    for ((round = 1; round <= ROUNDS; round++)); do
        step "round $round of $ROUNDS, platform: GET /api/v1/tenants/current through Caddy (${DURATION}s, $CONNECTIONS connections)"
        wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Host: demo.$DOMAIN" "$url" \
            | tee "$RUN_DIR/platform-$round.txt"
        step "round $round of $ROUNDS, ceiling: Caddy proxying to a fixed ${#body}-byte body (${DURATION}s, $CONNECTIONS connections)"
        wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$CEILING_PORT/" \
            | tee "$RUN_DIR/ceiling-$round.txt"
    done
    sleep 11
    step "Round trips during the rounds"
    echo "  tenant lookups by level before: $lookups_before"
    echo "  tenant lookups by level after:  $(tenant_lookups)"
    echo "  PostgreSQL commits during the rounds: $(($(pg_commits) - commits_before))"
    echo "  Redis commands during the rounds (the INFO calls excluded): $(($(redis_commands) - redis_before - 1))"

    step "service alone: the same GET straight to tenant-svc, without Caddy (${DURATION}s, $CONNECTIONS connections)"
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "X-Tenant-Domain: demo.$DOMAIN" \
        "$(service_url tenant-svc)/api/v1/tenants/current" | tee "$RUN_DIR/direct.txt"

    step "Light traffic to every service: product pages, new carts, the platform health check"
    wrk -t1 -c4 -d2s -H "Host: demo.$DOMAIN" "$API/api/v1/products?limit=24" >/dev/null
    for ((round = 0; round < 50; round++)); do
        curl -sf -o /dev/null -X POST -H "Host: demo.$DOMAIN" -H 'Content-Type: application/json' -d '{}' \
            "$API/api/v1/carts" || die "POST /api/v1/carts failed"
    done
    curl -sf -o /dev/null -H "Host: demo.$DOMAIN" "$API/api/health" || die "GET /api/health failed"

    step "Idle memory 5 s after the load (KiB)"
    sleep 5
    bench_memory_table
    # Caddy closes its idle upstream connections after 10 s (caddy/routes.caddy), and each
    # service trims its heap within a second or two after that.
    step "Idle memory 15 s after the load, once the proxy's idle connections are closed (KiB)"
    sleep 10
    bench_memory_table

    step "Summary"
    local platform_rps ceiling_rps ratios=()
    for ((round = 1; round <= ROUNDS; round++)); do
        platform_rps=$(awk '/Requests\/sec/ {print $2}' "$RUN_DIR/platform-$round.txt")
        ceiling_rps=$(awk '/Requests\/sec/ {print $2}' "$RUN_DIR/ceiling-$round.txt")
        ratios+=("$(bench_ratio "$platform_rps" "$ceiling_rps")")
        printf '  round %d: platform %s req/s, ceiling %s req/s, ratio %s%%\n' \
            "$round" "$platform_rps" "$ceiling_rps" "${ratios[-1]}"
    done
    printf '  median ratio over %d rounds: %s%%\n' "$ROUNDS" \
        "$(bench_median "${ratios[@]}")"
}

# A second Caddy: one site proxying like the platform's, one returning a fixed body.
start_ceiling() {
    local size=$1 payload
    payload=$(head -c "$size" /dev/zero | tr '\0' 'x')
    bench_start_ceiling "$(printf '\theader Content-Type application/json\n\trespond "%s" 200' "$payload")" /
}

# The tenant cache counters of tenant-svc, e.g. "memory=1234 shared=0 source=1".
tenant_lookups() {
    curl -sf "$(service_url tenant-svc)/metrics" \
        | awk -F'[{}" ]' '/^tenant_lookups_total/ {printf "%s=%s ", $3, $NF}'
}

pg_commits() {
    runuser -u postgres -- psql -h "$PG_SOCKET_DIR" -p "$PG_PORT" -d commerce -Atc \
        "SELECT xact_commit FROM pg_stat_database WHERE datname = 'commerce'"
}

redis_commands() {
    redis-cli -p "$REDIS_PORT" INFO stats | awk -F: '/^total_commands_processed/ {print $2+0}'
}

main "$@"
