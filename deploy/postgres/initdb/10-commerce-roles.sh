#!/bin/sh
# Run by the postgres image once, when it initialises an empty data volume:
# creates the roles commerce_owner and commerce_app and the database
# commerce. To change a password later, run roles.sql again by hand.
set -eu
psql --username "$POSTGRES_USER" --dbname postgres --no-psqlrc \
    -v ON_ERROR_STOP=1 \
    -v owner_password="$COMMERCE_OWNER_PASSWORD" \
    -v app_password="$COMMERCE_APP_PASSWORD" \
    -f /etc/commerce/roles.sql
