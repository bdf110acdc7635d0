#!/usr/bin/env bash
# Measures catalog-svc's public reads through Caddy against Caddy's ceiling on
# this machine, in one run.
#
#   bench/catalog.sh [DURATION_SECONDS] [CONNECTIONS] [ROUNDS]
#
# It builds in release mode, starts a throwaway platform (PostgreSQL, Redis,
# the services and Caddy on free loopback ports), creates a shop with 1,000
# products (3 variants and 2 images each) through the import API, then runs
# wrk against:
#   list      GET /api/v1/products?limit=24 (24 products with variants and images)
#   handle    GET /api/v1/products/by-handle/{handle}
#   ceiling   the same paths on a second Caddy proxying to a trivial upstream, a
#             Caddy process of its own that serves the captured responses as fixed
#             files of the same size (CEILING_UPSTREAM=inline: see bench/lib.sh)
# first with the read cache (peak rate, then p99 at about half the peak rate),
# then with catalog-svc restarted with CATALOG_CACHE=off. For each path, with
# and without the cache, it then alternates the platform and the ceiling for
# ROUNDS rounds (default 3) and gives each round's ratio and their median. The
# ceiling alone moved by a third between runs on this machine, so one pair of
# runs cannot settle a ratio.
#
# wrk has no rate limit of its own (wrk2 is not in Debian), so the half-rate
# runs use wrk's Lua delay() hook: each of 32 connections waits
# 32 / (half the peak rate) seconds between requests, which caps the offered
# rate at half the peak; the achieved rate is printed beside the p99. wrk
# measures each request from its send, so these latencies leave out queueing
# that a truly open-loop load would add. Every load goes to 127.0.0.1 only and
# stops after DURATION_SECONDS (default 10).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"
source "$COMMERCE_ROOT/scripts/lib/packages.sh"
source "$COMMERCE_ROOT/scripts/lib/platform.sh"
source "$COMMERCE_ROOT/bench/lib.sh"

DURATION=${1:-10}
CONNECTIONS=${2:-64}
ROUNDS=${3:-3}
ADMIN_PASSWORD="Bench-$(date +%s%N)"
PRODUCTS=1000
HANDLE=bench-product-0500
declare -A MEDIANS=()

main() {
    bench_preflight
    command -v wrk >/dev/null || { apt-get install -y -q wrk >/dev/null; }
    bench_prepare_run_dir
    bench_start_platform 2
    CEILING_PORT=${BENCH_EXTRA_PORTS[0]} UPSTREAM_PORT=${BENCH_EXTRA_PORTS[1]}

    step "Creating a shop with $PRODUCTS products"
    create_bench_shop
    capture_responses
    start_ceiling

    step "Warm-up"
    wrk -t2 -c16 -d3s -H "Host: $SHOP_HOST" "$API/api/v1/products?limit=24" >/dev/null
    wrk -t2 -c16 -d3s -H "Host: $SHOP_HOST" "$API/api/v1/products/by-handle/$HANDLE" >/dev/null

    measure_cached
    measure_uncached
    summary
}

# Create an enterprise shop as the platform admin, log in as its owner and
# import a generated CSV of $PRODUCTS products.
create_bench_shop() {
    local job status
    bench_create_shop

    generate_csv >"$RUN_DIR/products.csv"
    job=$(json_field id "$(curl -sf -H "Host: $SHOP_HOST" -H "Authorization: Bearer $OWNER_TOKEN" \
        -H 'Content-Type: text/csv' --data-binary "@$RUN_DIR/products.csv" "$API/api/v1/imports")")
    for _ in $(seq 600); do
        status=$(json_field status "$(curl -sf -H "Host: $SHOP_HOST" -H "Authorization: Bearer $OWNER_TOKEN" \
            "$API/api/v1/imports/$job")")
        [[ $status == succeeded || $status == failed ]] && break
        sleep 0.5
    done
    [[ $status == succeeded ]] || die "the import of $PRODUCTS products ended as '$status'"
    info "imported $PRODUCTS products into $SHOP_HOST"
}

# Print a Shopify CSV: products with 3 sizes and 2 images each.
generate_csv() {
    python3 - "$PRODUCTS" <<'PYTHON'
import sys
print("Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,"
      "Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Price,"
      "Variant Compare At Price,Image Src,Image Position,Image Alt Text,Status")
for index in range(int(sys.argv[1])):
    handle = f"bench-product-{index:04d}"
    for row, size in enumerate(["S", "M", "L"]):
        first = row == 0
        title = f"Bench Product {index:04d}" if first else ""
        body = '"<p>Hand-woven cotton, dyed with indigo and madder.</p>"' if first else ""
        vendor = "Tangail Looms" if first else ""
        kind = "Textile" if first else ""
        tags = '"handmade, cotton, bench"' if first else ""
        published = "true" if first else ""
        image = f"/static/bench/{handle}-{row + 1}.jpg" if row < 2 else ""
        position = str(row + 1) if row < 2 else ""
        alt = f"View {row + 1}" if row < 2 else ""
        status = "active" if first else ""
        option_name = "Size" if first else ""
        price = f"{1000 + index % 500}.{row * 25:02d}"
        print(f"{handle},{title},{body},{vendor},{kind},{tags},{published},{option_name},{size},"
              f"BP-{index:04d}-{size},450,shopify,25,deny,{price},,{image},{position},{alt},{status}")
PYTHON
}

# Save the two responses that the ceiling's upstream serves as fixed files.
capture_responses() {
    mkdir -p "$RUN_DIR/upstream"
    curl -sf -H "Host: $SHOP_HOST" "$API/api/v1/products?limit=24" >"$RUN_DIR/upstream/list.json"
    curl -sf -H "Host: $SHOP_HOST" "$API/api/v1/products/by-handle/$HANDLE" >"$RUN_DIR/upstream/handle.json"
    info "list response: $(wc -c <"$RUN_DIR/upstream/list.json") bytes, handle response: $(wc -c <"$RUN_DIR/upstream/handle.json") bytes"
}

# A second Caddy: one site proxying like the platform's, one serving the saved responses.
start_ceiling() {
    bench_start_ceiling "$(printf '\troot * %s\n\theader Content-Type application/json\n\tfile_server' "$RUN_DIR/upstream")" /list.json
}

measure_cached() {
    step "Cached: peak rate ($DURATION s, $CONNECTIONS connections)"
    # PostgreSQL 15 flushes a backend's statistics at most every 10 s when idle: wait them out.
    sleep 11
    local commits_before cache_before
    commits_before=$(pg_commits)
    cache_before=$(cache_reads)
    run_wrk list-cached "$API/api/v1/products?limit=24" "Host: $SHOP_HOST"
    run_wrk handle-cached "$API/api/v1/products/by-handle/$HANDLE" "Host: $SHOP_HOST"
    echo "  public reads the cache did not serve, by reason, before: $cache_before"
    echo "  public reads the cache did not serve, by reason, after:  $(cache_reads)"
    sleep 11
    # The import worker's poll and autovacuum after the import also commit transactions.
    echo "  PostgreSQL commits during the two cached runs: $(($(pg_commits) - commits_before))"
    run_wrk list-ceiling "http://127.0.0.1:$CEILING_PORT/list.json" "Host: 127.0.0.1"
    run_wrk handle-ceiling "http://127.0.0.1:$CEILING_PORT/handle.json" "Host: 127.0.0.1"

    step "Cached: p99 at half the peak rate"
    run_half_rate list-cached-half "$API/api/v1/products?limit=24" "Host: $SHOP_HOST" list-cached
    run_half_rate handle-cached-half "$API/api/v1/products/by-handle/$HANDLE" "Host: $SHOP_HOST" handle-cached

    step "Cached: $ROUNDS alternating rounds of platform and ceiling"
    alternate list-cached "$API/api/v1/products?limit=24" list-ceiling /list.json
    alternate handle-cached "$API/api/v1/products/by-handle/$HANDLE" handle-ceiling /handle.json
}

measure_uncached() {
    step "Restarting catalog-svc with CATALOG_CACHE=off"
    stop_pid catalog-svc "${SERVICE_PIDS[catalog-svc]}"
    env "${SERVICE_ENV[@]}" PORT="${SERVICE_PORTS[catalog-svc]}" CATALOG_CACHE=off \
        "$SERVICE_BIN_DIR/catalog-svc" serve </dev/null >>"$LOG_DIR/catalog-svc.log" 2>&1 &
    SERVICE_PIDS[catalog-svc]=$!
    on_cleanup "stop_pid catalog-svc ${SERVICE_PIDS[catalog-svc]}"
    wait_for_http catalog-svc "$(service_url catalog-svc)/health" "${SERVICE_PIDS[catalog-svc]}" 60 \
        || die "catalog-svc did not restart"
    wrk -t2 -c16 -d3s -H "Host: $SHOP_HOST" "$API/api/v1/products?limit=24" >/dev/null

    step "Uncached: peak rate ($DURATION s, $CONNECTIONS connections)"
    run_wrk list-uncached "$API/api/v1/products?limit=24" "Host: $SHOP_HOST"
    run_wrk handle-uncached "$API/api/v1/products/by-handle/$HANDLE" "Host: $SHOP_HOST"
    step "Uncached: p99 at half the peak rate"
    run_half_rate list-uncached-half "$API/api/v1/products?limit=24" "Host: $SHOP_HOST" list-uncached
    run_half_rate handle-uncached-half "$API/api/v1/products/by-handle/$HANDLE" "Host: $SHOP_HOST" handle-uncached

    step "Uncached: $ROUNDS alternating rounds of platform and ceiling"
    alternate list-uncached "$API/api/v1/products?limit=24" list-ceiling /list.json
    alternate handle-uncached "$API/api/v1/products/by-handle/$HANDLE" handle-ceiling /handle.json
}

# alternate NAME URL CEILING_NAME CEILING_PATH: ROUNDS rounds, each a peak-rate run of URL on
# the shop's host followed by one of the ceiling, then each round's ratio and their median,
# which the summary repeats.
alternate() {
    local name=$1 url=$2 ceiling=$3 path=$4 round platform_rps ceiling_rps ratios=()
    for round in $(seq "$ROUNDS"); do
        run_wrk "$name-round$round" "$url" "Host: $SHOP_HOST" >/dev/null
        run_wrk "$ceiling-for-$name-round$round" "http://127.0.0.1:$CEILING_PORT$path" "Host: 127.0.0.1" >/dev/null
        platform_rps=$(rate "$name-round$round")
        ceiling_rps=$(rate "$ceiling-for-$name-round$round")
        ratios+=("$(bench_ratio "$platform_rps" "$ceiling_rps")")
        printf '  %s round %d: platform %s req/s, ceiling %s req/s, ratio %s%%\n' \
            "$name" "$round" "$platform_rps" "$ceiling_rps" "${ratios[-1]}"
    done
    MEDIANS[$name]=$(bench_median "${ratios[@]}")
    printf '  %s: median ratio over %d rounds %s%%\n' "$name" "$ROUNDS" "${MEDIANS[$name]}"
}

# run_wrk NAME URL HEADER: one peak-rate run, its output kept as NAME.txt.
run_wrk() {
    local name=$1 url=$2 header=$3
    echo "  -- $name: wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency $url"
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$header" "$url" | tee "$RUN_DIR/results/$name.txt" \
        | grep -E 'Requests/sec|^ +(50|99)%|Non-2xx|Socket errors' | sed 's/^/     /'
}

# run_half_rate NAME URL HEADER PEAK_NAME: 32 connections, each waiting between
# requests so that together they offer half the rate of PEAK_NAME's run.
run_half_rate() {
    local name=$1 url=$2 header=$3 peak delay_ms script=$RUN_DIR/delay.lua
    peak=$(rate "$4")
    delay_ms=$(awk -v p="$peak" 'BEGIN { printf "%d", 32 * 1000 / (p / 2) }')
    printf 'function delay()\n    return %d\nend\n' "$delay_ms" >"$script"
    echo "  -- $name: wrk -t2 -c32 -d${DURATION}s --latency -s delay.lua (delay() = $delay_ms ms, offered $(awk -v p="$peak" 'BEGIN { printf "%.0f", p / 2 }') req/s)"
    wrk -t2 -c32 -d"${DURATION}s" --latency -s "$script" -H "$header" "$url" | tee "$RUN_DIR/results/$name.txt" \
        | grep -E 'Requests/sec|^ +(50|99)%|Non-2xx|Socket errors' | sed 's/^/     /'
}

rate() { awk '/Requests\/sec/ {print $2}' "$RUN_DIR/results/$1.txt"; }
p99() { awk '$1 == "99%" {print $2}' "$RUN_DIR/results/$1.txt"; }

summary() {
    step "Summary (requests/s and p99 latency)"
    local name
    for name in list-cached list-ceiling list-cached-half list-uncached list-uncached-half \
        handle-cached handle-ceiling handle-cached-half handle-uncached handle-uncached-half; do
        printf '  %-22s %10s req/s   p99 %s\n' "$name" "$(rate "$name")" "$(p99 "$name")"
    done
    for name in list-cached handle-cached list-uncached handle-uncached; do
        printf '  %-22s median ratio to the ceiling over %d rounds: %s%%\n' "$name" "$ROUNDS" "${MEDIANS[$name]:-n/a}"
    done
}

# The cache miss counters of catalog-svc, e.g. "miss=2 failed=0".
cache_reads() {
    curl -sf "$(service_url catalog-svc)/metrics" \
        | awk -F'[{}" ]' '/^catalog_cache_misses_total/ {printf "%s=%s ", $3, $NF}'
}


pg_commits() {
    runuser -u postgres -- psql -h "$PG_SOCKET_DIR" -p "$PG_PORT" -d commerce -Atc \
        "SELECT xact_commit FROM pg_stat_database WHERE datname = 'commerce'"
}

main "$@"
