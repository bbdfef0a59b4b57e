#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is new: one database and one owner per service (each service owns its
# data and nobody else's), plus Keycloak's. Passwords come from the environment of the postgres container.
set -euo pipefail
for db in billing payroll finance procurement keycloak; do
  var="$(echo "$db" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password="${!var:?$var must be set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
create role $db login password '$password';
create database $db owner $db;
SQL
done
