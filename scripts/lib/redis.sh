# A Redis server on a loopback port, run in the background of this shell.

# Start redis-server on 127.0.0.1:PORT with its files in DIR. MODE `test`
# keeps nothing on disk; MODE `run` keeps an append-only file in DIR.
# Sets REDIS_PID and registers a clean-up action that stops it by that PID.
redis_start() {
    local port=$1 dir=$2 mode=$3 log=$4 tick
    local persistence=(--save '' --appendonly no)
    [[ $mode == run ]] && persistence=(--save '' --appendonly yes --appendfsync everysec)
    mkdir -p "$dir"
    redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --daemonize no \
        --logfile "$log" "${persistence[@]}" >/dev/null 2>&1 &
    REDIS_PID=$!
    on_cleanup "stop_pid redis $REDIS_PID"
    for ((tick = 0; tick < 100; tick++)); do
        if [[ $(redis-cli -p "$port" ping 2>/dev/null) == PONG ]]; then
            return 0
        fi
        pid_alive "$REDIS_PID" || break
        sleep 0.1
    done
    show_log_tail "$log"
    die "Redis did not start on port $port (log: $log)"
}
