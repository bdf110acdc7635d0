# Functions shared by the test database scripts; source it, do not run it.
#
# A state directory contains everything of one PostgreSQL cluster and one Redis server:
#   pg-data/    the cluster, owned by the postgres user
#   pg-socket/  the unix socket directory (the server listens on no TCP port)
#   pg-log/     the server log, in a directory that the postgres user can write
#   redis.conf  the Redis configuration, including its loopback port
#   env         the export lines that point the tests at both servers

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PORT=55432

log() { echo "test-databases: $*" >&2; }

# Closes descriptors inherited from the caller, so that the servers started here do not keep
# the caller's sockets and pipes open. Bash itself reads the script through descriptor 255.
close_inherited_descriptors() {
    local path fd
    for path in /proc/$$/fd/*; do
        fd=${path##*/}
        if [ "$fd" -gt 2 ] && [ "$fd" -lt 255 ]; then eval "exec $fd>&-"; fi
    done
}

as_postgres() { (cd "$state_dir" && runuser -u postgres -- "$@"); }

init_postgres() {
    install -d -o postgres -g postgres -m 700 "$state_dir/pg-data"
    install -d -o postgres -g postgres -m 755 "$state_dir/pg-socket" "$state_dir/pg-log"
    as_postgres "$PG_BIN/initdb" -D "$state_dir/pg-data" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 --no-sync --no-instructions >"$state_dir/initdb.log" 2>&1
    # Test settings: no TCP listener, and no durability, which a throwaway cluster never needs.
    cat >>"$state_dir/pg-data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$state_dir/pg-socket'
port = $PG_PORT
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
}

start_postgres() {
    as_postgres "$PG_BIN/pg_ctl" -D "$state_dir/pg-data" -l "$state_dir/pg-log/postgres.log" -w -t 30 start >/dev/null
}

stop_postgres() {
    as_postgres "$PG_BIN/pg_ctl" -D "$state_dir/pg-data" -m fast -w -t 30 stop >/dev/null
}

restart_postgres() {
    as_postgres "$PG_BIN/pg_ctl" -D "$state_dir/pg-data" -l "$state_dir/pg-log/postgres.log" -m fast -w -t 30 restart >/dev/null
}

# Creates the owner role, the application role that owns nothing and bypasses no policy, and
# the database.
create_roles_and_database() {
    "$PG_BIN/psql" -h "$state_dir/pg-socket" -p "$PG_PORT" -U postgres -d postgres -q -v ON_ERROR_STOP=1 <<SQL
CREATE ROLE commerce_owner LOGIN NOSUPERUSER NOCREATEROLE;
CREATE ROLE commerce_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
CREATE DATABASE commerce OWNER commerce_owner;
SQL
}

postgres_url() { echo "postgresql:///commerce?host=$state_dir/pg-socket&port=$PG_PORT&user=$1"; }

redis_port() { sed -n 's/^port //p' "$state_dir/redis.conf"; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

write_redis_conf() {
    cat >"$state_dir/redis.conf" <<CONF
port $1
bind 127.0.0.1
save ""
appendonly no
daemonize yes
pidfile $state_dir/redis.pid
logfile $state_dir/redis.log
dir $state_dir
CONF
}

# Waits up to 5 seconds for Redis to reply to PING, and fails when it does not.
wait_for_redis() {
    for _ in $(seq 50); do
        [ "$(redis-cli -p "$(redis_port)" ping 2>/dev/null)" = PONG ] && return 0
        sleep 0.1
    done
    return 1
}

start_redis() {
    redis-server "$state_dir/redis.conf"
    wait_for_redis
}

# Picks random free loopback ports until a Redis server starts on one, because another
# process can take a port between the check and the bind.
start_redis_on_free_port() {
    for _ in $(seq 20); do
        local port=$((20000 + RANDOM % 40000))
        port_in_use "$port" && continue
        write_redis_conf "$port"
        start_redis && return 0
        stop_redis
    done
    log "no free port for Redis after 20 tries"
    return 1
}

stop_redis() {
    [ -f "$state_dir/redis.pid" ] || return 0
    local pid
    pid=$(cat "$state_dir/redis.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    rm -f "$state_dir/redis.pid"
}
