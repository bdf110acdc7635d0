# Runs the service executables: migrate, seed, serve in the background and
# wait for health. The caller sets:
#   SERVICE_BIN_DIR  folder with the executables
#   SERVICE_LOG_DIR  folder for one log file per service
#   SERVICE_PORTS    associative array: service name -> port
#   SERVICE_ENV      array of NAME=VALUE settings shared by every service

COMMERCE_SERVICES=(tenant-svc catalog-svc order-svc payment-svc notify-svc)
declare -A SERVICE_DEFAULT_PORTS=(
    [tenant-svc]=8101 [catalog-svc]=8102 [order-svc]=8103 [payment-svc]=8104
    [notify-svc]=8105 [storefront]=8106
)
declare -A SERVICE_PORTS=()
declare -A SERVICE_PIDS=()
SERVICE_ENV=()

# Print the services to run: the fixed five, plus storefront once it is built.
available_services() {
    printf '%s\n' "${COMMERCE_SERVICES[@]}"
    [[ -x $SERVICE_BIN_DIR/storefront ]] && echo storefront
    return 0
}

# The environment variable naming a service's upstream in the Caddyfile:
# tenant-svc -> TENANT_SVC.
service_variable() {
    local upper=${1^^}
    printf '%s\n' "${upper//-/_}"
}

service_url() { printf 'http://127.0.0.1:%s\n' "${SERVICE_PORTS[$1]}"; }

# The value of HEALTH_SERVICE_URLS: every other running service by name.
health_service_urls() {
    local service urls=()
    while read -r service; do
        [[ $service == tenant-svc ]] || urls+=("$service=$(service_url "$service")")
    done < <(available_services)
    local IFS=,
    printf '%s\n' "${urls[*]}"
}

# Run one command of a service's executable in the foreground, appending
# its output to the service's log.
service_command() {
    local service=$1
    shift
    env "${SERVICE_ENV[@]}" PORT="${SERVICE_PORTS[$service]}" \
        "$SERVICE_BIN_DIR/$service" "$@" </dev/null >>"$SERVICE_LOG_DIR/$service.log" 2>&1
}

migrate_services() {
    local service
    while read -r service; do
        service_command "$service" migrate \
            || { show_log_tail "$SERVICE_LOG_DIR/$service.log"; die "$service migrate failed"; }
        info "migrated $service"
    done < <(available_services)
}

# Run `tenant-svc seed --demo`, then `catalog-svc seed --demo`, and print
# what they print on standard output, which includes the credentials that
# tenant-svc creates. The catalog seed looks the demo shop up through
# tenant-svc's HTTP API, so tenant-svc serves on its port while it runs.
seed_demo() {
    local log=$SERVICE_LOG_DIR/tenant-svc.log catalog_log=$SERVICE_LOG_DIR/catalog-svc.log pid status=0
    env "${SERVICE_ENV[@]}" PORT="${SERVICE_PORTS[tenant-svc]}" \
        "$SERVICE_BIN_DIR/tenant-svc" seed --demo </dev/null 2>>"$log" \
        || { show_log_tail "$log"; die "tenant-svc seed --demo failed"; }

    env "${SERVICE_ENV[@]}" PORT="${SERVICE_PORTS[tenant-svc]}" \
        "$SERVICE_BIN_DIR/tenant-svc" serve </dev/null >>"$log" 2>&1 &
    pid=$!
    if ! wait_for_http tenant-svc "$(service_url tenant-svc)/health" "$pid" 60; then
        stop_pid tenant-svc "$pid"
        show_log_tail "$log"
        die "tenant-svc did not start for the catalog seed"
    fi
    local again=()
    [[ ${DEMO_CATALOG_AGAIN:-} == 1 ]] && again=(--again)
    env "${SERVICE_ENV[@]}" PORT="${SERVICE_PORTS[catalog-svc]}" "$SERVICE_BIN_DIR/catalog-svc" seed --demo "${again[@]}" \
        --file "$COMMERCE_ROOT/Services/catalog-svc/Seed/demo-catalog.csv" </dev/null 2>>"$catalog_log" || status=$?
    stop_pid tenant-svc "$pid"
    ((status == 0)) || { show_log_tail "$catalog_log"; die "catalog-svc seed --demo failed"; }
}

# Start every service with `serve` in the background, then wait until each
# responds to GET /health. Each gets a clean-up action that stops it by PID.
start_services() {
    local service timeout=${1:-60}
    while read -r service; do
        env "${SERVICE_ENV[@]}" PORT="${SERVICE_PORTS[$service]}" \
            "$SERVICE_BIN_DIR/$service" serve </dev/null >>"$SERVICE_LOG_DIR/$service.log" 2>&1 &
        SERVICE_PIDS[$service]=$!
        on_cleanup "stop_pid $service ${SERVICE_PIDS[$service]}"
    done < <(available_services)
    for service in "${!SERVICE_PIDS[@]}"; do
        wait_for_http "$service" "$(service_url "$service")/health" "${SERVICE_PIDS[$service]}" \
            "$timeout" || { show_log_tail "$SERVICE_LOG_DIR/$service.log"; die "$service is not healthy"; }
        info "$service is healthy on $(service_url "$service")"
    done
}
