# The set-up shared by scripts/run and scripts/test: databases, the
# services' environment, migrations and start-up. The caller sets DOMAIN,
# APP_ENV, the SERVICE_* variables of services.sh and:
#   PG_DATA_DIR PG_SOCKET_DIR PG_PORT PG_MODE   the PostgreSQL cluster
#   REDIS_PORT REDIS_DIR                        the Redis server
#   LOG_DIR                                     one log file per process

source "$COMMERCE_ROOT/scripts/lib/postgres.sh"
source "$COMMERCE_ROOT/scripts/lib/redis.sh"
source "$COMMERCE_ROOT/scripts/lib/services.sh"
source "$COMMERCE_ROOT/scripts/lib/caddy.sh"

start_databases() {
    step "Starting PostgreSQL 15"
    pg_init_cluster "$PG_DATA_DIR" "$LOG_DIR/initdb.log"
    pg_start_cluster "$PG_DATA_DIR" "$PG_SOCKET_DIR" "$PG_PORT" "$PG_MODE" "$LOG_DIR/postgres.log"
    pg_create_roles "$PG_SOCKET_DIR" "$PG_PORT" || die "creating the roles and the database failed"
    info "PostgreSQL is running (pid $POSTGRES_PID) with its socket in $PG_SOCKET_DIR"

    step "Starting Redis"
    redis_start "$REDIS_PORT" "$REDIS_DIR" "$PG_MODE" "$LOG_DIR/redis.log"
    info "Redis is running (pid $REDIS_PID) on 127.0.0.1:$REDIS_PORT"
}

app_database_url() { pg_socket_url "$PG_SOCKET_DIR" "$PG_PORT" commerce_app; }
owner_database_url() { pg_socket_url "$PG_SOCKET_DIR" "$PG_PORT" commerce_owner; }
redis_url() { printf 'redis://127.0.0.1:%s/0\n' "$REDIS_PORT"; }

# Fill SERVICE_ENV with the settings every service shares, followed by the
# NAME=VALUE arguments. Variables the caller's environment sets and this
# list does not, such as LOG_LEVEL or JWT_SECRET, reach the services as is.
set_service_env() {
    SERVICE_ENV=(
        APP_ENV="$APP_ENV"
        SERVICE_HOST=127.0.0.1
        DATABASE_URL="$(app_database_url)"
        MIGRATION_DATABASE_URL="$(owner_database_url)"
        DATABASE_APP_ROLE=commerce_app
        REDIS_URL="$(redis_url)"
        DOMAIN="$DOMAIN"
        DEFAULT_TENANT="${DEFAULT_TENANT:-demo}"
        TENANT_SERVICE_URL="$(service_url tenant-svc)"
        CATALOG_SERVICE_URL="$(service_url catalog-svc)"
        HEALTH_SERVICE_URLS="$(health_service_urls)"
        "$@"
    )
}

# Build with swift, sending the compiler's output to LOG and showing its
# errors only when the build fails.
swift_build() {
    local log=$1 pid status=0 waited=0
    shift
    info "swift build $* (output in $log)"
    # The build runs in the background so that SIGINT and SIGTERM reach this script's trap
    # while it waits, and the clean-up stops the build too.
    swift build "$@" >"$log" 2>&1 &
    pid=$!
    on_cleanup "pid_alive $pid && grep -qa swift /proc/$pid/cmdline && kill $pid 2>/dev/null || true"
    while pid_alive "$pid"; do
        sleep 1
        waited=$((waited + 1))
        if ((waited == 5)) && grep -q 'Another instance of SwiftPM' "$log" 2>/dev/null; then
            info "waiting for another swift build or swift test in this checkout to release .build"
        fi
    done
    wait "$pid" || status=$?
    if ((status != 0)); then
        grep -E 'error:' "$log" | head -n 40 >&2 || true
        show_log_tail "$log" 15
        die "swift build $* failed"
    fi
}

# Print the folder of the executables: COMMERCE_BIN_DIR when set, otherwise
# swift build's output folder for the given build arguments.
service_bin_dir() {
    if [[ -n ${COMMERCE_BIN_DIR:-} ]]; then
        printf '%s\n' "$COMMERCE_BIN_DIR"
    else
        swift build "$@" --show-bin-path
    fi
}

# Fail early, with the port's name, when something already listens on it.
require_free_port() {
    local name=$1 port=$2
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        die "port $port for $name is already in use on 127.0.0.1; stop what listens there first."
    fi
}
