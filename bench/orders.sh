#!/usr/bin/env bash
# Measures checkouts per second through Caddy, their latency at a fixed rate,
# and the event lag from an order's commit to a consumer of the stream.
#
#   bench/orders.sh [DURATION_SECONDS] [TARGET_RATE] [CONNECTIONS]
#
# PEAK_CARTS_PER_SECOND (default 1000) sizes the carts made for the peak run;
# the summary says when the run checked carts out twice because it ran out.
#
# It builds in release mode and starts a throwaway platform (PostgreSQL,
# Redis, the services and Caddy on free loopback ports). It creates a shop
# with three products and a flat shipping rate and fills carts of 3 lines
# each ahead of time. So every measured request is one checkout of its own
# cart under its own Idempotency-Key. Then it runs wrk against
# POST /api/v1/checkout:
#   peak   CONNECTIONS connections (default 32) as fast as they can go
#   rate   TARGET_RATE checkouts/s offered (default 300) over one connection
#          per 5 checkouts/s (at least 4). wrk's Lua delay() hook gives each
#          request the next slot of a fixed schedule. So the offered rate
#          stays fixed whatever the latency, as long as a connection is free.
# After the warm-up it refreshes the planner statistics of the order and
# catalog tables, as autovacuum would within a minute of the first orders.
# The services run with DATABASE_POOL_SIZE=4 (two connections per core here;
# set the variable to try another size): with 16, more checkouts waited on
# each other's locks inside PostgreSQL and the fixed-rate p99 was higher.
# During the rate run a small reader follows the Redis stream (XREAD BLOCK,
# no consumer group) and records, for each order.placed event, the time from
# the event's occurred_at, which the checkout takes just before its commit,
# until the reader received it.
#
# Around the peak run the script reads the CPU time (utime + stime in
# /proc/PID/stat) of order-svc, catalog-svc, Caddy and every PostgreSQL
# backend, grouped by application_name, and prints the CPU per checkout of
# each. Backends that start or exit during the run are counted only in part,
# and Redis, payment-svc and notify-svc are left out.
#
# wrk measures each request from its send, so the latencies leave out the
# queueing that a truly open-loop load would add. Every load goes to
# 127.0.0.1 only and stops after DURATION_SECONDS (default 10).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"
source "$COMMERCE_ROOT/scripts/lib/packages.sh"
source "$COMMERCE_ROOT/scripts/lib/platform.sh"
source "$COMMERCE_ROOT/bench/lib.sh"

DURATION=${1:-10}
TARGET_RATE=${2:-300}
CONNECTIONS=${3:-32}
ADMIN_PASSWORD="Bench-$(date +%s%N)"

main() {
    bench_preflight
    command -v wrk >/dev/null || { apt-get install -y -q wrk >/dev/null; }
    bench_prepare_run_dir
    bench_start_platform 0 DATABASE_POOL_SIZE=${DATABASE_POOL_SIZE:-4}

    step "Creating a shop with three products"
    create_bench_shop
    step "Filling carts"
    fill_carts warmup 300
    fill_carts peak $((DURATION * ${PEAK_CARTS_PER_SECOND:-1000}))
    fill_carts rate $((DURATION * TARGET_RATE * 12 / 10))
    write_checkout_script

    step "Warm-up"
    wrk -t2 -c8 -d3s -s "$RUN_DIR/checkout.lua" "$API/api/v1/checkout" -- "$RUN_DIR/warmup.carts" 2 0 >/dev/null

    # A new database has no planner statistics until autovacuum's first analyze, up to a minute
    # after the first rows arrive. Until then PostgreSQL may keep plans made for empty tables,
    # such as those of the order tables' foreign-key checks, which more than doubled a checkout's
    # cost here. The runs measure the steady state that autovacuum reaches.
    analyze_tables
    # The rate run goes first: after the peak run, autovacuum works through its thousands of new
    # rows for a while, which no steady rate of 300 checkouts/s would leave behind.
    local rate_connections=$((TARGET_RATE / 5 > 4 ? TARGET_RATE / 5 : 4))
    step "Fixed rate: $TARGET_RATE checkouts/s offered over $rate_connections connections for $DURATION s"
    start_lag_reader
    run_checkouts rate "$rate_connections" "$TARGET_RATE"
    wait "$LAG_READER_PID" || true

    step "Peak: $CONNECTIONS connections for $DURATION s"
    cpu_snapshot >"$RUN_DIR/results/cpu-before.txt"
    run_checkouts peak "$CONNECTIONS" 0
    cpu_snapshot >"$RUN_DIR/results/cpu-after.txt"
    summary
}

# Create an enterprise shop as the platform admin, log in as its owner, add
# three products with plenty of stock and a flat shipping rate.
create_bench_shop() {
    bench_create_shop

    VARIANTS=()
    local title product
    for title in "Jamdani Saree" "Nakshi Kantha" "Shital Pati"; do
        product=$(curl -sf -H "Host: $SHOP_HOST" -H "Authorization: Bearer $OWNER_TOKEN" \
            -H 'Content-Type: application/json' "$API/api/v1/products" -d "{\"title\": \"$title\",
            \"variants\": [{\"price\": \"1250.00\", \"sku\": \"${title// /-}\", \"inventory_quantity\": 1000000}]}")
        VARIANTS+=("$(python3 -c 'import json, sys; print(json.load(sys.stdin)["variants"][0]["id"])' <<<"$product")")
    done
    curl -sf -o /dev/null -X PATCH -H "Host: $SHOP_HOST" -H "Authorization: Bearer $OWNER_TOKEN" \
        -H 'Content-Type: application/json' "$API/api/v1/orders/settings" \
        -d '{"shipping_rates": [{"code": "standard", "name": "Standard", "price": "60.00"}]}'
    info "shop $SHOP_HOST with variants ${VARIANTS[*]}"
}

# fill_carts NAME COUNT: COUNT guest carts with one unit of each variant,
# written as "cart_id token" lines to NAME.carts, made by 16 threads.
fill_carts() {
    local name=$1 count=$2 started=$SECONDS
    python3 - "$API" "$SHOP_HOST" "$count" "${VARIANTS[@]}" >"$RUN_DIR/$name.carts" <<'PYTHON'
import http.client, json, sys, threading, urllib.parse
api, host, count, variants = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
address = urllib.parse.urlparse(api)
lines, lock, failures = [], threading.Lock(), []

def work(share):
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    def call(path, body, token=None):
        headers = {"Host": host, "Content-Type": "application/json"}
        if token:
            headers["X-Cart-Token"] = token
        connection.request("POST", path, json.dumps(body), headers)
        response = connection.getresponse()
        payload = response.read()
        if response.status not in (200, 201):
            raise RuntimeError(f"{path}: {response.status} {payload[:200]!r}")
        return json.loads(payload)
    try:
        for _ in range(share):
            cart = call("/api/v1/carts", {})
            for variant in variants:
                call(f"/api/v1/carts/{cart['id']}/lines", {"variant_id": variant, "quantity": 1}, cart["token"])
            with lock:
                lines.append(f"{cart['id']} {cart['token']}")
    except Exception as error:
        failures.append(str(error))

threads = [threading.Thread(target=work, args=(count // 16 + (1 if index < count % 16 else 0),)) for index in range(16)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("\n".join(lines))
if failures:
    sys.exit("filling carts failed: " + failures[0])
PYTHON
    info "$count carts for the $name run in $((SECONDS - started)) s"
}

# The wrk script: each thread takes every Nth cart of the file, so that no
# cart is checked out twice, and counts responses other than 201.
write_checkout_script() {
    cat >"$RUN_DIR/checkout.lua" <<LUA
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *ts);
]]
local clock = ffi.new("bench_timespec")
local function now_ms()
    ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
    return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end
local threads = {}
local next_id = 1
function setup(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
end
function init(args)
    carts = {}
    for line in io.lines(args[1]) do
        local cart, token = line:match("(%S+) (%S+)")
        table.insert(carts, { cart, token })
    end
    step = tonumber(args[2])
    -- Checkouts per second this thread starts, 0 for as fast as its connections go.
    local rate = tonumber(args[3])
    period = rate > 0 and 1000 / rate or 0
    next_slot = 0
    position = id - step
    failed = 0
    reused = 0
end
-- Each request of the thread takes the next slot of a fixed schedule, whichever connection
-- sends it, so the thread starts checkouts at its rate while enough connections are free.
function delay()
    if period == 0 then return 0 end
    local now = now_ms()
    local slot = math.max(next_slot, now)
    next_slot = slot + period
    return slot - now
end
function request()
    position = position + step
    if position > #carts then reused = reused + 1 end
    local cart = carts[(position - 1) % #carts + 1]
    local body = '{"cart_id": "' .. cart[1] .. '", "email": "buyer@example.com", "shipping_method": "standard", '
        .. '"shipping_address": {"name": "Nusrat Jahan", "line1": "House 12, Road 5", "city": "Dhaka", '
        .. '"district": "Dhaka", "postcode": "1207", "country": "BD", "phone": "01712345678"}}'
    return wrk.format("POST", nil, { ["Host"] = "$SHOP_HOST", ["Content-Type"] = "application/json",
        ["X-Cart-Token"] = cart[2], ["Idempotency-Key"] = "bench-" .. cart[1] }, body)
end
function response(status, headers, body)
    if status ~= 201 then failed = failed + 1 end
end
function done(summary, latency, requests)
    local failed_total, reused_total = 0, 0
    for _, thread in ipairs(threads) do
        failed_total = failed_total + thread:get("failed")
        reused_total = reused_total + thread:get("reused")
    end
    io.write(string.format("responses other than 201: %d\ncarts checked out twice: %d\n", failed_total, reused_total))
end
LUA
}

# run_checkouts NAME CONNECTIONS RATE: one wrk run over NAME.carts; RATE is the checkouts per
# second offered in all (0 for as fast as the connections go), split over wrk's two threads.
run_checkouts() {
    local name=$1 connections=$2 rate=$3
    echo "  -- wrk -t2 -c$connections -d${DURATION}s --latency -s checkout.lua (offered: ${rate/#0/unpaced} per second)"
    wrk -t2 -c"$connections" -d"${DURATION}s" --latency -s "$RUN_DIR/checkout.lua" "$API/api/v1/checkout" \
        -- "$RUN_DIR/$name.carts" 2 "$(awk -v rate="$rate" 'BEGIN { print rate / 2 }')" | tee "$RUN_DIR/results/$name.txt" \
        | grep -E 'Requests/sec|^ +(50|90|99)%|Non-2xx|Socket errors|other than 201|twice' | sed 's/^/     /'
}

# Refresh the planner statistics of the order and catalog tables after the warm-up's orders.
analyze_tables() {
    runuser -u postgres -- psql -q -h "$PG_SOCKET_DIR" -p "$PG_PORT" -d commerce \
        -c "ANALYZE ordering.orders, ordering.order_lines, ordering.order_addresses, ordering.order_history,
            ordering.carts, ordering.cart_lines, ordering.checkout_attempts, catalog.inventory_levels,
            catalog.inventory_movements, catalog.reservations, catalog.reservation_lines" \
        || die "ANALYZE of the order and catalog tables failed"
}

# Follow the stream for the rate run and write lag percentiles of order.placed.
start_lag_reader() {
    python3 - "$REDIS_PORT" $((DURATION + 3)) >"$RUN_DIR/results/lag.txt" <<'PYTHON' &
import datetime, json, socket, sys, time
port, seconds = int(sys.argv[1]), float(sys.argv[2])
connection = socket.create_connection(("127.0.0.1", port))
reader = connection.makefile("rb")

def send(*words):
    parts = [f"*{len(words)}\r\n".encode()]
    for word in words:
        data = str(word).encode()
        parts.append(f"${len(data)}\r\n".encode() + data + b"\r\n")
    connection.sendall(b"".join(parts))

def read():
    line = reader.readline()
    kind, rest = line[:1], line[1:-2]
    if kind in (b"+", b"-", b":"):
        return rest.decode()
    if kind == b"$":
        length = int(rest)
        return None if length < 0 else reader.read(length + 2)[:-2].decode()
    count = int(rest)
    return None if count < 0 else [read() for _ in range(count)]

lags, last, deadline = [], "$", time.time() + seconds
while time.time() < deadline:
    send("XREAD", "COUNT", "500", "BLOCK", "500", "STREAMS", "commerce:events", last)
    reply = read()
    received = datetime.datetime.now(datetime.timezone.utc)
    for _, entries in reply or []:
        for entry_id, fields in entries:
            last = entry_id
            values = dict(zip(fields[::2], fields[1::2]))
            envelope = json.loads(values.get("envelope", "{}"))
            if envelope.get("type") == "order.placed":
                occurred = datetime.datetime.fromisoformat(envelope["occurred_at"].replace("Z", "+00:00"))
                lags.append((received - occurred).total_seconds() * 1000)
lags.sort()
if lags:
    pick = lambda share: lags[min(len(lags) - 1, int(share * len(lags)))]
    print(f"events {len(lags)}  p50 {pick(0.5):.1f} ms  p99 {pick(0.99):.1f} ms  max {lags[-1]:.1f} ms")
else:
    print("events 0")
PYTHON
    LAG_READER_PID=$!
}

# Print "GROUP PID TICKS" for the processes whose CPU time a checkout costs.
cpu_snapshot() {
    local service pid name
    for service in order-svc catalog-svc; do
        echo "$service ${SERVICE_PIDS[$service]} $(cpu_ticks "${SERVICE_PIDS[$service]}")"
    done
    echo "caddy $CADDY_PID $(cpu_ticks "$CADDY_PID")"
    runuser -u postgres -- psql -h "$PG_SOCKET_DIR" -p "$PG_PORT" -d commerce -AtF' ' -c \
        "SELECT coalesce(nullif(application_name, ''), 'other'), pid FROM pg_stat_activity" |
        while read -r name pid; do
            echo "postgres:$name $pid $(cpu_ticks "$pid")"
        done
}

# Print the user and system CPU time of PID in clock ticks, or 0 when it has exited.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# Print the CPU per checkout of each group between the two snapshots of the peak run.
cpu_per_checkout() {
    local checkouts
    checkouts=$(awk '/requests in/ {print $1}' "$RUN_DIR/results/peak.txt")
    awk -v checkouts="$checkouts" -v hertz="$(getconf CLK_TCK)" '
        NR == FNR { before[$2] = $3; next }
        { used = $3 - (($2 in before) ? before[$2] : 0); group[$1] += used; total += used }
        END {
            for (name in group) printf "    %-26s %6.2f ms\n", name, group[name] * 1000 / hertz / checkouts
            printf "    %-26s %6.2f ms over %d checkouts\n", "total", total * 1000 / hertz / checkouts, checkouts
        }' "$RUN_DIR/results/cpu-before.txt" "$RUN_DIR/results/cpu-after.txt" | sort
}

rate() { awk '/Requests\/sec/ {print $2}' "$RUN_DIR/results/$1.txt"; }
percentile() { awk -v p="$2%" '$1 == p {print $2}' "$RUN_DIR/results/$1.txt"; }

summary() {
    step "Summary"
    local name
    for name in peak rate; do
        printf '  %-5s %8s checkouts/s   p50 %-9s p99 %-9s %s\n' "$name" "$(rate "$name")" \
            "$(percentile "$name" 50)" "$(percentile "$name" 99)" \
            "$(grep 'other than 201' "$RUN_DIR/results/$name.txt" | sed 's/responses //')"
    done
    printf '  event lag from occurred_at to a stream reader during the rate run: %s\n' \
        "$(cat "$RUN_DIR/results/lag.txt")"
    printf '  CPU per checkout during the peak run (clock ticks of %s ms):\n' "$((1000 / $(getconf CLK_TCK)))"
    cpu_per_checkout
}

main "$@"
