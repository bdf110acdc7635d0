# A PostgreSQL 15 cluster in a folder of its own, run as the postgres user.

PG_BIN=/usr/lib/postgresql/15/bin
# Unix socket paths are limited to 107 bytes, and the socket file name inside
# the folder ("/.s.PGSQL.NNNNN") takes 16 of them.
PG_SOCKET_DIR_MAX=90

# Print a libpq URL for DATABASE as ROLE over the cluster's unix socket.
pg_socket_url() {
    local socket_dir=$1 port=$2 role=$3 database=${4:-commerce}
    printf 'postgresql:///%s?host=%s&port=%s&user=%s\n' \
        "$database" "$(url_encode "$socket_dir")" "$port" "$role"
}

# Create DATA_DIR as an empty cluster owned by postgres unless it contains one.
# Local sockets trust every role; TCP connections need a password.
pg_init_cluster() {
    local data_dir=$1 log=$2
    if [[ -f $data_dir/PG_VERSION ]]; then
        return 0
    fi
    mkdir -p "$data_dir"
    chown postgres:postgres "$data_dir"
    chmod 700 "$data_dir"
    runuser -u postgres -- test -w "$data_dir" \
        || die "the postgres user cannot write $data_dir: make its parent folders traversable (chmod o+x)."
    (cd / && runuser -u postgres -- "$PG_BIN/initdb" -D "$data_dir" -U postgres -E UTF8 \
        --locale=C --auth-local=trust --auth-host=scram-sha-256) >"$log" 2>&1 \
        || { show_log_tail "$log"; die "initdb failed for $data_dir"; }
    printf "\ninclude_if_exists = 'commerce.conf'\n" >>"$data_dir/postgresql.conf"
}

# Start the cluster in DATA_DIR with its socket in SOCKET_DIR and PORT.
# MODE `test` listens on no TCP address and trades durability for speed;
# MODE `run` also listens on 127.0.0.1:PORT. Sets POSTGRES_PID and registers
# a clean-up action that stops the postmaster by that PID.
pg_start_cluster() {
    local data_dir=$1 socket_dir=$2 port=$3 mode=$4 log=$5
    ((${#socket_dir} <= PG_SOCKET_DIR_MAX)) \
        || die "socket folder $socket_dir is longer than $PG_SOCKET_DIR_MAX bytes"
    mkdir -p "$socket_dir"
    chown postgres:postgres "$socket_dir"
    touch "$log"
    chown postgres:postgres "$log"
    pg_write_settings "$data_dir" "$socket_dir" "$port" "$mode"
    (cd / && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data_dir" -l "$log" -w -t 60 start) \
        >/dev/null 2>&1 || { show_log_tail "$log"; die "PostgreSQL did not start (log: $log)"; }
    POSTGRES_PID=$(head -n 1 "$data_dir/postmaster.pid")
    # SIGINT requests a fast shutdown from the postmaster.
    on_cleanup "stop_pid postgres $POSTGRES_PID INT 30"
}

pg_write_settings() {
    local data_dir=$1 socket_dir=$2 port=$3 mode=$4 listen
    listen=$([[ $mode == run ]] && echo 127.0.0.1 || echo '')
    {
        echo "# Written by scripts/lib/postgres.sh on every start."
        echo "port = $port"
        echo "unix_socket_directories = '$socket_dir'"
        echo "listen_addresses = '$listen'"
        echo "max_connections = 200"
        if [[ $mode == test ]]; then
            echo "fsync = off"
            echo "synchronous_commit = off"
            echo "full_page_writes = off"
        fi
    } >"$data_dir/commerce.conf"
    chown postgres:postgres "$data_dir/commerce.conf"
}

# Run psql as the superuser postgres over the socket, with extra arguments.
pg_superuser_psql() {
    local socket_dir=$1 port=$2
    shift 2
    psql "$(pg_socket_url "$socket_dir" "$port" postgres "${PSQL_DATABASE:-postgres}")" \
        -X -q -v ON_ERROR_STOP=1 "$@"
}

# Create the roles and the database from deploy/postgres/roles.sql, without
# passwords because the socket trusts local users.
pg_create_roles() {
    local socket_dir=$1 port=$2
    pg_superuser_psql "$socket_dir" "$port" -v owner_password= -v app_password= \
        -f "$COMMERCE_ROOT/deploy/postgres/roles.sql" >/dev/null
}

# Print the path of a PostgreSQL client tool, preferring version 15's.
pg_tool() {
    if [[ -x $PG_BIN/$1 ]]; then
        printf '%s\n' "$PG_BIN/$1"
    else
        command -v "$1" || die "$1 is not installed"
    fi
}
