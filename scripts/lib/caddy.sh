# Caddy in front of the services, run in the background of this shell.

# Start `caddy run` with the repository's Caddyfile on HTTP_PORT and
# HTTPS_PORT, upstreams from SERVICE_PORTS, and its data and configuration
# under STATE_DIR (Caddy's local CA lives there). Sets CADDY_PID, registers
# a clean-up action that stops Caddy by that PID, and waits until it listens.
caddy_start() {
    local http_port=$1 https_port=$2 state_dir=$3 log=$4 service settings=()
    for service in "${!SERVICE_DEFAULT_PORTS[@]}"; do
        settings+=("$(service_variable "$service")=127.0.0.1:${SERVICE_PORTS[$service]:-${SERVICE_DEFAULT_PORTS[$service]}}")
    done
    mkdir -p "$state_dir/data" "$state_dir/config"
    (cd "$COMMERCE_ROOT" && exec env "${settings[@]}" HTTP_PORT="$http_port" \
        HTTPS_PORT="$https_port" DOMAIN="$DOMAIN" ADMIN_ROOT="$COMMERCE_ROOT/admin" \
        DOCS_ROOT="$COMMERCE_ROOT/docs/api" XDG_DATA_HOME="$state_dir/data" \
        XDG_CONFIG_HOME="$state_dir/config" caddy run --config Caddyfile --adapter caddyfile \
        --pidfile "$state_dir/caddy.pid") >>"$log" 2>&1 &
    CADDY_PID=$!
    on_cleanup "stop_pid caddy $CADDY_PID"
    caddy_wait_listening "$http_port" "$log"
}

caddy_wait_listening() {
    local port=$1 log=$2 tick
    for ((tick = 0; tick < 150; tick++)); do
        # Any HTTP status proves Caddy listens; upstreams may still be down.
        curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" && return 0
        pid_alive "$CADDY_PID" || break
        sleep 0.2
    done
    show_log_tail "$log"
    die "Caddy did not start listening on port $port (log: $log)"
}
