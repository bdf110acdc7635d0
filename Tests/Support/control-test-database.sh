#!/usr/bin/env bash
# Stops, starts or restarts one server of a test database directory, for tests that check
# how clients recover.
#
# Usage: Tests/Support/control-test-database.sh STATE_DIR postgres|redis stop|start|restart
set -euo pipefail
source "$(dirname "$0")/test-databases-common.sh"
close_inherited_descriptors

if [ $# -ne 3 ] || [ ! -f "$1/env" ]; then
    log "usage: $0 STATE_DIR postgres|redis stop|start|restart"
    exit 2
fi
state_dir=$1

case "$2 $3" in
"postgres stop") stop_postgres ;;
"postgres start") start_postgres ;;
"postgres restart") restart_postgres ;;
"redis stop") stop_redis ;;
"redis start") start_redis ;;
"redis restart") stop_redis && start_redis ;;
*)
    log "unknown server or action: $2 $3"
    exit 2
    ;;
esac
