#!/usr/bin/env bash
# Restores a pg_dump archive written by scripts/backup.sh into an empty
# database in one transaction, so an error leaves the target unchanged.
#
# Usage: scripts/restore.sh [--url URL] FILE
#
# URL is the libpq URL of the existing, empty target database; it defaults
# to $RESTORE_DATABASE_URL. Create it first, for example with
#   createdb --owner=commerce_owner commerce_restored
# The target cluster needs the roles commerce_owner and commerce_app
# (deploy/postgres/roles.sql creates them), and the connecting role must be
# a superuser so that owners and grants are restored as they were.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$COMMERCE_ROOT/scripts/lib/postgres.sh"

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

# Count the schemas other than public and the relations outside the system
# schemas; both are zero in a new database.
EXISTING_OBJECTS_SQL="
SELECT (SELECT count(*) FROM pg_namespace
        WHERE nspname <> 'public' AND nspname <> 'information_schema' AND nspname NOT LIKE 'pg\_%')
     + (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%')"

main() {
    local url=${RESTORE_DATABASE_URL:-} file=""
    while (($#)); do
        case $1 in
            --url) url=${2:?--url needs a value}; shift 2 ;;
            -h | --help) usage; exit 0 ;;
            -*) die "unknown option $1 (see --help)" ;;
            *) [[ -z $file ]] || die "only one archive may be given"; file=$1; shift ;;
        esac
    done
    [[ -n $file ]] || die "missing archive FILE (see --help)"
    [[ -r $file ]] || die "archive $file is missing or not readable"
    [[ -n $url ]] || die "missing target database: pass --url or set RESTORE_DATABASE_URL"

    local existing
    existing=$(psql "$url" -X -A -t -v ON_ERROR_STOP=1 -c "$EXISTING_OBJECTS_SQL") \
        || die "connecting to the target database failed; check the URL and that the server is running"
    [[ $existing == 0 ]] || die "the target database is not empty: it contains $existing schemas or relations. Restore only into a new database."

    "$(pg_tool pg_restore)" --exit-on-error --single-transaction --no-password --dbname="$url" "$file" \
        || die "pg_restore failed and rolled back its transaction, so the target database is unchanged"
    info "restored $file"
}

main "$@"
