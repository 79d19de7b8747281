#!/usr/bin/env bash
# Runs COMMAND... against a throwaway PostgreSQL cluster, then stops and deletes it.
#
#   scripts/with-postgres.sh cargo test --locked --test it store_
#
# The cluster lives in a temporary directory, is owned by a non-root user (initdb refuses
# root: as root the script uses `opscheck-ci`, created when missing), listens on a Unix
# socket in that directory and on a free 127.0.0.1 port with TLS (a self-signed CA and
# server certificate made with openssl). COMMAND sees:
#   OPSCHECK_TEST_DATABASE_URL  postgresql://opscheck@127.0.0.1:PORT/opscheck (superuser)
#   OPSCHECK_TEST_DATABASE_CA   the CA certificate, for sslmode=verify-full
#   PGHOST PGPORT PGUSER PGDATABASE  the same, for psql
# Needs the Debian `postgresql` and `openssl` packages: installed with apt-get if missing.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: scripts/with-postgres.sh COMMAND..." >&2
  exit 2
fi

bin=""
for dir in /usr/lib/postgresql/*/bin; do
  [ -x "$dir/initdb" ] && bin="$dir"
done
if [ -z "$bin" ] || ! command -v openssl >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "with-postgres: install the postgresql and openssl packages first" >&2
    exit 2
  fi
  apt-get update -qq && apt-get install -y -qq postgresql openssl >/dev/null
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && bin="$dir"
  done
fi

owner="$(id -un)"
as_owner() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  owner=opscheck-ci
  if ! id -u "$owner" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
  fi
  as_owner() { runuser -u "$owner" -- "$@"; }
fi

root="$(mktemp -d /tmp/opscheck-pg.XXXXXX)"
chmod 755 "$root"
data="$root/data"
socket="$root/socket"
mkdir -p "$socket"
chown -R "$owner" "$root"

cleanup() {
  status=$?
  as_owner "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$root"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

# A CA and a server certificate for 127.0.0.1 and localhost.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=opscheck test CA" \
  -keyout "$root/ca.key" -out "$root/ca.crt" >/dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
  -keyout "$root/server.key" -out "$root/server.csr" >/dev/null 2>&1
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$root/san.ext"
openssl x509 -req -in "$root/server.csr" -CA "$root/ca.crt" -CAkey "$root/ca.key" \
  -CAcreateserial -days 2 -extfile "$root/san.ext" -out "$root/server.crt" >/dev/null 2>&1
chown "$owner" "$root"/server.* "$root"/ca.*
chmod 600 "$root/server.key"

as_owner "$bin/initdb" -D "$data" -U opscheck --auth=trust -E UTF8 --locale=C.UTF-8 \
  >"$root/initdb.log" 2>&1 || { cat "$root/initdb.log" >&2; exit 2; }
cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$socket'
ssl = on
ssl_cert_file = '$root/server.crt'
ssl_key_file = '$root/server.key'
fsync = off
full_page_writes = off
synchronous_commit = off
max_connections = 100
CONF
# Passwords over TCP (the role and fault tests use them); trust on the socket.
cat >"$data/pg_hba.conf" <<HBA
local all all trust
host all opscheck 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
HBA
as_owner "$bin/pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 start >/dev/null \
  || { cat "$root/server.log" >&2; exit 2; }
as_owner "$bin/createdb" -h "$socket" -p "$port" -U opscheck opscheck

export OPSCHECK_TEST_DATABASE_URL="postgresql://opscheck@127.0.0.1:$port/opscheck"
export OPSCHECK_TEST_DATABASE_CA="$root/ca.crt"
export OPSCHECK_TEST_PG_CTL="$bin/pg_ctl"
export OPSCHECK_TEST_PG_DATA="$data"
export PGHOST=127.0.0.1 PGPORT="$port" PGUSER=opscheck PGDATABASE=opscheck
export PATH="$bin:$PATH"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (TLS) and $socket" >&2
"$@"
