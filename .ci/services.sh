#!/usr/bin/env bash
# Makes sure the services the tests talk to are up, and the test database exists. Safe to run when they already are.
set -euo pipefail
PGHOST_ADDR=127.0.0.1
PGPORT_NUM=5432

pg_up() { pg_isready -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -q 2>/dev/null; }
if ! pg_up; then
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1 || true)
  echo "== starting PostgreSQL ${version:-?}"
  [ -n "$version" ] && pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { echo "PostgreSQL is not reachable at $PGHOST_ADDR:$PGPORT_NUM" >&2; exit 1; }
fi
if ! psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1; then
  echo "== creating database test"
  psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U postgres -d postgres -qc 'CREATE DATABASE test' || true
fi
if command -v redis-cli >/dev/null && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "== starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 10); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
echo "== services: PostgreSQL $(psql -h "$PGHOST_ADDR" -U postgres -d test -tAc 'SHOW server_version'), Redis $(redis-cli -h 127.0.0.1 ping 2>/dev/null || echo 'not running')"
