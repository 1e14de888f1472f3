#!/usr/bin/env bash
# Starts this machine's PostgreSQL cluster and makes the role the tests use
# (CABINET_TEST_POSTGRES_URL, default postgres://cabinet_test:cabinet_test@127.0.0.1:5432/postgres).
# The role may create databases (each test makes its own) and is a superuser so that the
# attacker in the ballot-secrecy test can read raw pages with pageinspect. Tests only: it also
# turns the cluster's fsync off.
set -euo pipefail
cluster=$(pg_lsclusters --no-header | awk 'NR==1 { print $1 " " $2 }')
if [ -z "$cluster" ]; then
  echo "No PostgreSQL cluster found (pg_lsclusters)" >&2
  exit 1
fi
# shellcheck disable=SC2086
pg_ctlcluster $cluster start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "psql -qAtc 'SELECT 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qAt" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cabinet_test') THEN
    CREATE ROLE cabinet_test LOGIN SUPERUSER PASSWORD 'cabinet_test';
  END IF;
END $$;
SQL
# The tests make and drop some thousand databases, each waiting for the disk at every commit
# and every CREATE DATABASE: a cluster that holds test data only need not survive a power cut.
# Everything else (SQL, locking, the WAL itself) stays as in production.
su postgres -c "psql -qAt -c 'ALTER SYSTEM SET fsync = off' -c 'SELECT pg_reload_conf()'" >/dev/null
echo "PostgreSQL is running (fsync off: test data only); test role cabinet_test is ready"
