#!/usr/bin/env bash
# Writes a pg_dump archive (custom format) of the commerce database.
#
# Usage: scripts/backup.sh [--url URL] FILE
#
# URL is the libpq URL of the database to dump; it defaults to
# $BACKUP_DATABASE_URL. Every table forces row-level security, so the role
# must be a superuser or have BYPASSRLS: with any other role pg_dump stops
# with an error instead of writing an incomplete dump.
#
# With docker-compose.prod.yml, run pg_dump inside the postgres container:
#   docker compose -f docker-compose.prod.yml exec -T postgres \
#       pg_dump -U postgres --format=custom commerce > commerce.dump
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$COMMERCE_ROOT/scripts/lib/postgres.sh"

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

main() {
    local url=${BACKUP_DATABASE_URL:-} file=""
    while (($#)); do
        case $1 in
            --url) url=${2:?--url needs a value}; shift 2 ;;
            -h | --help) usage; exit 0 ;;
            -*) die "unknown option $1 (see --help)" ;;
            *) [[ -z $file ]] || die "only one output file may be given"; file=$1; shift ;;
        esac
    done
    [[ -n $file ]] || die "missing output FILE (see --help)"
    [[ -n $url ]] || die "missing database: pass --url or set BACKUP_DATABASE_URL"

    local partial=$file.partial
    "$(pg_tool pg_dump)" --format=custom --no-password --file="$partial" --dbname="$url" \
        || { rm -f "$partial"; die "pg_dump failed, so nothing was written to $file"; }
    mv "$partial" "$file"
    info "backup written to $file ($(stat -c %s "$file") bytes)"
}

main "$@"
