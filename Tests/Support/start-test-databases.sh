#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster and Redis server for tests, then prints export
# lines for COMMERCE_TEST_DATABASE_URL (role commerce_app), COMMERCE_TEST_OWNER_DATABASE_URL
# (role commerce_owner), COMMERCE_TEST_REDIS_URL and COMMERCE_TEST_DATABASES_DIR.
#
# Usage: eval "$(Tests/Support/start-test-databases.sh [STATE_DIR])"
# STATE_DIR defaults to a new directory under /tmp; it must not exist yet. Run as root,
# because PostgreSQL runs as the postgres user. Stop both with stop-test-databases.sh.
set -euo pipefail
source "$(dirname "$0")/test-databases-common.sh"
close_inherited_descriptors

if [ $# -ge 1 ]; then
    state_dir=$1
    mkdir "$state_dir"
else
    # A short path keeps the socket path below the 107-byte limit of unix sockets.
    state_dir=$(mktemp -d /tmp/cdb.XXXXXX)
fi
state_dir=$(cd "$state_dir" && pwd)
chmod 755 "$state_dir"

init_postgres
start_postgres
create_roles_and_database
start_redis_on_free_port

cat >"$state_dir/env" <<ENV
export COMMERCE_TEST_DATABASE_URL='$(postgres_url commerce_app)'
export COMMERCE_TEST_OWNER_DATABASE_URL='$(postgres_url commerce_owner)'
export COMMERCE_TEST_REDIS_URL='redis://127.0.0.1:$(redis_port)/0'
export COMMERCE_TEST_DATABASES_DIR='$state_dir'
ENV
log "PostgreSQL and Redis are running; state in $state_dir"
cat "$state_dir/env"
