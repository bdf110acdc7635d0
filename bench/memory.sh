#!/usr/bin/env bash
# Measures each service's idle memory after start-up and again after a mix of
# real traffic, in one run.
#
#   bench/memory.sh [IDLE_SECONDS]
#
# It builds in release mode and starts a throwaway platform (PostgreSQL, Redis,
# the services and Caddy on free loopback ports). After start-up it reads the
# resident memory of every service. Then it sends, through Caddy, the kind of
# traffic a shop receives in its first hours (bench/mixed_traffic.py):
#   - a new shop made by the platform admin, its owner signing in;
#   - 60 products created over the API (options, two variants, an image), every
#     third one edited with a longer description, then a CSV import of 300 more;
#   - 8 storefront clients each making 400 reads: product pages with sort, tag,
#     search and handle, the shop profile and the collections;
#   - 6 shoppers each filling and checking out 40 carts of two lines;
#   - staff reading draft products and orders, and platform admin sign-ins;
#   - five more shops created, each read once on its own host.
# It then reads the memory again 20 s and IDLE_SECONDS (default 40) after the
# last request. The traffic is a fixed number of requests to 127.0.0.1 only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"
source "$COMMERCE_ROOT/scripts/lib/packages.sh"
source "$COMMERCE_ROOT/scripts/lib/platform.sh"
source "$COMMERCE_ROOT/bench/lib.sh"

IDLE_SECONDS=${1:-40}

main() {
    ((IDLE_SECONDS >= 20)) || die "IDLE_SECONDS must be at least 20."
    bench_preflight

    ADMIN_PASSWORD="Bench-$(date +%s%N)"
    bench_prepare_run_dir
    bench_start_platform 0

    step "Idle memory after start-up, before any traffic (KiB)"
    sleep 2
    bench_memory_table

    step "Mixed traffic"
    bench_create_shop
    send_traffic

    step "Idle memory 20 s after the traffic (KiB)"
    sleep 20
    bench_memory_table
    step "Idle memory $IDLE_SECONDS s after the traffic (KiB)"
    sleep $((IDLE_SECONDS - 20))
    bench_memory_table
}

# Sends the traffic described at the top (bench/mixed_traffic.py), and fails when a request that
# must succeed does not.
send_traffic() {
    local started=$SECONDS
    python3 "$COMMERCE_ROOT/bench/mixed_traffic.py" "$API" "$SHOP_HOST" "$OWNER_TOKEN" "$DOMAIN" "$ADMIN_PASSWORD"
    info "traffic sent in $((SECONDS - started)) s"
}

main "$@"
