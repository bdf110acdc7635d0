#!/usr/bin/env bash
# Stops the servers that start-test-databases.sh started in STATE_DIR and deletes STATE_DIR.
#
# Usage: Tests/Support/stop-test-databases.sh STATE_DIR (default: $COMMERCE_TEST_DATABASES_DIR)
set -euo pipefail
source "$(dirname "$0")/test-databases-common.sh"

state_dir=${1:-${COMMERCE_TEST_DATABASES_DIR:-}}
if [ -z "$state_dir" ] || [ ! -f "$state_dir/env" ]; then
    log "not a test database directory: '$state_dir' (expected the STATE_DIR that start-test-databases.sh printed)"
    exit 2
fi

stop_redis
if [ -f "$state_dir/pg-data/postmaster.pid" ]; then stop_postgres || log "PostgreSQL did not stop cleanly"; fi
rm -rf "$state_dir"
