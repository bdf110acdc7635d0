# The backup round trip: dump the commerce database with scripts/backup.sh,
# restore it into a new database with scripts/restore.sh, and compare the
# row count of every table.

ROUND_TRIP_DATABASE=commerce_restore_check

# Print "schema.table count" for every table outside the system schemas,
# sorted. Run as a superuser, which row-level security does not filter.
TABLE_ROW_COUNTS_SQL="
SELECT format('%s.%s %s', table_schema, table_name,
       (xpath('/row/n/text()', query_to_xml(
           format('SELECT count(*) AS n FROM %I.%I', table_schema, table_name),
           false, true, '')))[1]::text)
FROM information_schema.tables
WHERE table_type = 'BASE TABLE'
  AND table_schema NOT IN ('pg_catalog', 'information_schema')
ORDER BY table_schema, table_name"

table_row_counts() {
    PSQL_DATABASE=$3 pg_superuser_psql "$1" "$2" -A -t -c "$TABLE_ROW_COUNTS_SQL"
}

# Dump into WORK_DIR, restore into a new database and print what was compared.
# Return 0 when the copy has the original's tables, at least one, with equal
# row counts.
backup_round_trip() {
    local socket_dir=$1 port=$2 archive=$3/commerce.dump
    local source_url target_url original restored
    source_url=$(pg_socket_url "$socket_dir" "$port" postgres commerce)
    target_url=$(pg_socket_url "$socket_dir" "$port" postgres "$ROUND_TRIP_DATABASE")

    "$COMMERCE_ROOT/scripts/backup.sh" --url "$source_url" "$archive" || return 1
    pg_superuser_psql "$socket_dir" "$port" -c "SET client_min_messages = warning" \
        -c "DROP DATABASE IF EXISTS $ROUND_TRIP_DATABASE" \
        -c "CREATE DATABASE $ROUND_TRIP_DATABASE OWNER commerce_owner" || return 1
    "$COMMERCE_ROOT/scripts/restore.sh" --url "$target_url" "$archive" || return 1

    original=$(table_row_counts "$socket_dir" "$port" commerce) || return 1
    restored=$(table_row_counts "$socket_dir" "$port" "$ROUND_TRIP_DATABASE") || return 1
    pg_superuser_psql "$socket_dir" "$port" -c "DROP DATABASE $ROUND_TRIP_DATABASE" || true
    compare_row_counts "$original" "$restored"
}

compare_row_counts() {
    local original=$1 restored=$2 tables rows
    if [[ -z $original ]]; then
        warn "the commerce database has no tables, so the round trip compared nothing; did the migrations run?"
        return 1
    fi
    if [[ $original != "$restored" ]]; then
        warn "row counts differ after restore (lines with < are the original, > the restored copy):"
        diff <(printf '%s\n' "$original") <(printf '%s\n' "$restored") | sed 's/^/    /' >&2
        return 1
    fi
    tables=$(printf '%s\n' "$original" | wc -l)
    rows=$(printf '%s\n' "$original" | awk '{ total += $2 } END { print total }')
    info "restored $tables tables with $rows rows; every table's row count matches"
}
