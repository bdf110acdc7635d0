# Set-up shared by the benchmark scripts: a throwaway run folder and a release-built platform
# on free loopback ports. The caller sources scripts/lib/common.sh, packages.sh and
# platform.sh first, and sets ADMIN_PASSWORD.

# The settings of every benchmark's platform: test mode, hosts under localhost.
DOMAIN=localhost
APP_ENV=test
PG_PORT=5432
PG_MODE=test

# Stop unless run as root, remove what the run starts when it exits, and install the packages
# that the platform needs.
bench_preflight() {
    ((EUID == 0)) || die "run as root: PostgreSQL is started as the postgres user with runuser."
    install_cleanup_trap
    ensure_packages
}

# Make RUN_DIR, removed on exit, with the folders and variables that platform.sh expects.
bench_prepare_run_dir() {
    RUN_DIR=$(mktemp -d /tmp/commerce-bench.XXXXXX)
    chmod 711 "$RUN_DIR"
    on_cleanup "rm -rf $RUN_DIR"
    mkdir -p "$RUN_DIR/logs" "$RUN_DIR/results"
    PG_DATA_DIR=$RUN_DIR/postgres PG_SOCKET_DIR=$RUN_DIR/socket REDIS_DIR=$RUN_DIR/redis LOG_DIR=$RUN_DIR/logs
}

# Build in release mode with the static Swift runtime, as the Docker image does, then start
# PostgreSQL, Redis, every service and Caddy on free ports and set API to Caddy's address.
# EXTRA_PORTS more free ports are left in BENCH_EXTRA_PORTS for the caller's own servers;
# further arguments are NAME=VALUE settings for the services.
bench_start_platform() {
    local extra_ports=$1 ports service index=0
    shift
    step "Building in release mode"
    cd "$COMMERCE_ROOT"
    swift_build "$LOG_DIR/build.log" -c release --static-swift-stdlib
    SERVICE_BIN_DIR=$(service_bin_dir -c release --static-swift-stdlib)
    SERVICE_LOG_DIR=$LOG_DIR

    mapfile -t ports < <(free_ports $((3 + ${#SERVICE_DEFAULT_PORTS[@]} + extra_ports)))
    REDIS_PORT=${ports[0]} HTTP_PORT=${ports[1]} HTTPS_PORT=${ports[2]}
    for service in "${!SERVICE_DEFAULT_PORTS[@]}"; do
        SERVICE_PORTS[$service]=${ports[3 + index]}
        index=$((index + 1))
    done
    BENCH_EXTRA_PORTS=("${ports[@]:3 + index}")

    start_databases
    set_service_env PLATFORM_ADMIN_EMAIL=admin@example.com PLATFORM_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
        LOG_LEVEL=warning DNS_RESOLVER="file:$RUN_DIR/dns.json" "$@"
    migrate_services
    seed_demo >/dev/null
    start_services 60
    caddy_start "$HTTP_PORT" "$HTTPS_PORT" "$RUN_DIR/caddy" "$LOG_DIR/caddy.log"
    API="http://127.0.0.1:$HTTP_PORT"
}

# Start the ceiling: a second Caddy that proxies CEILING_PORT to UPSTREAM_PORT with the
# platform's proxy settings, and a trivial upstream on UPSTREAM_PORT made of the Caddyfile
# directives in UPSTREAM_SITE. This measures the most any service behind Caddy could reach on
# this machine. Waits until CHECK_PATH responds through the proxy.
#
# CEILING_UPSTREAM=process (the default) runs the upstream in a Caddy process of its own, as
# every service behind Caddy is: each request then crosses from the proxy's process to the
# upstream's and back. CEILING_UPSTREAM=inline serves it from the proxy's own process, where
# Go hands the request between goroutines without that crossing. The earlier runs in
# docs/benchmarks.md used it.
bench_start_ceiling() {
    local upstream_site=$1 check_path=$2 mode=${CEILING_UPSTREAM:-process}
    local proxy_config=$RUN_DIR/ceiling.caddyfile upstream_config=$RUN_DIR/ceiling-upstream.caddyfile
    local global upstream_block
    global=$(printf '{\n\tadmin off\n\tauto_https off\n}')
    upstream_block=$(printf 'http://127.0.0.1:%s {\n%s\n}' "$UPSTREAM_PORT" "$upstream_site")
    case $mode in
        process | inline) ;;
        *) die "CEILING_UPSTREAM must be process or inline, not $mode" ;;
    esac
    cat >"$proxy_config" <<CADDY
$global
http://127.0.0.1:$CEILING_PORT {
	reverse_proxy 127.0.0.1:$UPSTREAM_PORT {
		header_up X-Tenant-Domain {host}
		transport http {
			keepalive_idle_conns 1024
			keepalive_idle_conns_per_host 1024
		}
	}
}
CADDY
    if [[ $mode == inline ]]; then
        printf '%s\n' "$upstream_block" >>"$proxy_config"
    else
        printf '%s\n%s\n' "$global" "$upstream_block" >"$upstream_config"
        bench_run_caddy ceiling-upstream "$upstream_config"
    fi
    bench_run_caddy ceiling-caddy "$proxy_config"
    wait_for_http ceiling-caddy "http://127.0.0.1:$CEILING_PORT$check_path" "${BENCH_CADDY_PID}" 30 \
        || die "the ceiling Caddy did not start"
    info "ceiling upstream: $mode"
}

# Print PLATFORM as a percentage of CEILING, with one decimal.
bench_ratio() {
    awk -v p="$1" -v c="$2" 'BEGIN { printf "%.1f", 100 * p / c }'
}

# Print the median of the numbers given as arguments.
bench_median() {
    printf '%s\n' "$@" | sort -n | awk '{ value[NR] = $1 } END {
        if (NR % 2) print value[(NR + 1) / 2]; else printf "%.1f", (value[NR / 2] + value[NR / 2 + 1]) / 2 }'
}

# Run Caddy with CONFIG in the background under NAME, stopped by the clean-up; sets
# BENCH_CADDY_PID.
bench_run_caddy() {
    local name=$1 config=$2
    mkdir -p "$RUN_DIR/$name"
    XDG_DATA_HOME=$RUN_DIR/$name XDG_CONFIG_HOME=$RUN_DIR/$name \
        caddy run --config "$config" --adapter caddyfile >>"$LOG_DIR/$name.log" 2>&1 &
    BENCH_CADDY_PID=$!
    on_cleanup "stop_pid $name $BENCH_CADDY_PID"
}

# Print a token for the owner EMAIL of the shop on HOST, created with the
# generated password ONE_TIME_PASSWORD. The platform accepts the first token
# only for a password change, so this sets a new password and logs in again.
bench_owner_token() {
    local host=$1 email=$2 one_time_password=$3 first chosen
    chosen="bench owner $(date +%s%N)"
    first=$(bench_login "$host" "$email" "$one_time_password")
    curl -sf -o /dev/null -H "Host: $host" -H "Authorization: Bearer $first" -H 'Content-Type: application/json' \
        -d "{\"current_password\": \"$one_time_password\", \"new_password\": \"$chosen\"}" "$API/api/v1/auth/password" \
        || die "changing the owner's password on $host failed"
    bench_login "$host" "$email" "$chosen"
}

bench_login() {
    curl -sf -H "Host: $1" -H 'Content-Type: application/json' \
        -d "{\"email\": \"$2\", \"password\": \"$3\"}" "$API/api/v1/auth/login" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}

# Create the enterprise shop "bench" as the platform admin, and set SHOP_HOST and OWNER_TOKEN
# to its host and to a token of its owner.
bench_create_shop() {
    local admin_token created owner_password
    admin_token=$(json_field access_token "$(curl -sf -H "Host: admin.$DOMAIN" -H 'Content-Type: application/json' \
        -d "{\"email\": \"admin@example.com\", \"password\": \"$ADMIN_PASSWORD\"}" "$API/api/v1/auth/login")")
    created=$(curl -sf -H "Host: admin.$DOMAIN" -H "Authorization: Bearer $admin_token" \
        -H 'Content-Type: application/json' "$API/api/v1/admin/tenants" \
        -d '{"name": "Bench Shop", "subdomain": "bench", "plan": "enterprise", "admin_email": "owner@bench.example.com"}')
    owner_password=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["owner"]["one_time_password"])' <<<"$created")
    SHOP_HOST=bench.$DOMAIN
    OWNER_TOKEN=$(bench_owner_token "$SHOP_HOST" owner@bench.example.com "$owner_password")
}

# Print RSS, PSS and private memory of every service, in KiB. RSS counts the shared libraries'
# pages in every process. PSS divides shared pages among the processes that map them. Private
# is what the process alone holds.
bench_memory_table() {
    local service
    printf '  %-12s %8s %8s %8s\n' service RSS PSS private
    for service in "${COMMERCE_SERVICES[@]}"; do
        awk -v name="$service" '/^Rss:/ {rss=$2} /^Pss:/ {pss=$2} /^Private_(Clean|Dirty):/ {private+=$2}
            END {printf "  %-12s %8d %8d %8d\n", name, rss, pss, private}' "/proc/${SERVICE_PIDS[$service]}/smaps_rollup"
    done
}

# Print the member NAME of the JSON object TEXT.
json_field() { python3 -c 'import json, sys; print(json.loads(sys.argv[2])[sys.argv[1]])' "$1" "$2"; }
