#!/bin/sh
# pg_tmp: a throwaway PostgreSQL 15 cluster for tests (issue #16).
#
#   scripts/pg_tmp.sh start DIR   start a cluster in DIR; prints its connection URI,
#                                 postgresql://giamsat@/giamsat?host=DIR, on stdout
#   scripts/pg_tmp.sh stop DIR    stop it (pg_ctl stop -m fast) and remove DIR
#
# The cluster comes from Debian's postgresql-15 package (/usr/lib/postgresql/15/bin,
# or $PG_BIN); a machine without it is told to run scripts/deps.sh. Layout of DIR:
# data/ (PGDATA), the server's Unix socket, server.log and initdb.log. It listens on
# that socket only (listen_addresses = ''), with no TCP port; fsync, synchronous
# commit and full-page writes are off, since the data is thrown away. initdb runs
# with --locale=C.UTF-8 -E UTF8, so text compares bytewise as SQLite's BINARY
# collation does. Local connections are trusted; DIR is mode 0700, so only its owner
# (and root) can reach the socket. The superuser is "postgres"; the database
# "giamsat" is owned by the login role "giamsat", which is all giamsat needs.
#
# As root (CI) the server runs as the "postgres" user (PostgreSQL refuses to run
# as root): DIR is chowned to it, and every directory above DIR must let it
# through. As any other user the cluster runs as that user.
#
# Idempotent: start on a DIR whose cluster is running prints the URI again; start
# on a DIR left by a killed run (a cluster that is not running) wipes it and makes
# a new one; stop on a missing DIR does nothing. stop removes only a DIR that
# start made (it holds the file pg_tmp.marker). DIR must be a short path of
# [A-Za-z0-9/._-] (a Unix socket's path is limited to 107 bytes).
#
# Exit status: 0 on success, 1 on failure (the reason on stderr), 2 on bad usage.
set -eu

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PORT=5432 # names the socket file (.s.PGSQL.5432); no TCP port is opened

usage() {
    echo "usage: scripts/pg_tmp.sh start|stop DIR" >&2
    exit 2
}

die() {
    echo "pg_tmp: $*" >&2
    exit 1
}

[ $# -eq 2 ] || usage
CMD=$1
DIR=$2
case "$CMD" in start | stop) ;; *) usage ;; esac
[ -n "$DIR" ] || usage

IS_ROOT=false
[ "$(id -u)" = 0 ] && IS_ROOT=true

# Runs "$@" as the cluster's owner: postgres when this script runs as root.
as_owner() {
    if $IS_ROOT; then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            # su joins its arguments into one shell command line: quote each one.
            cmd=""
            for a in "$@"; do
                cmd="$cmd '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
            done
            su postgres -s /bin/sh -c "$cmd"
        fi
    else
        "$@"
    fi
}

# True when the postmaster named by $DIR/data/postmaster.pid is alive: a process
# called postgres that is not a zombie (a killed run's postmaster may linger as one,
# and its pid may since belong to another program).
server_alive() {
    pid=$(head -n 1 "$DIR/data/postmaster.pid" 2>/dev/null) || return 1
    case "$pid" in "" | *[!0-9]*) return 1 ;; esac
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ] || return 1
    [ "$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -c1)" != Z ]
}

# True when the cluster in $DIR/data is alive and answers on its socket.
is_running() {
    server_alive && "$PG_BIN/pg_isready" -q -h "$DIR" -p "$PORT" -t 5 >/dev/null 2>&1
}

psql_super() {
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$PORT" -U postgres -d postgres "$@"
}

# The role (it may create databases: the test suite gives each test its own) and the
# database, both kept when they exist (start may run twice).
create_database() {
    psql_super -tA -c "SELECT 1 FROM pg_roles WHERE rolname = 'giamsat'" | grep -q 1 ||
        psql_super -c "CREATE ROLE giamsat LOGIN CREATEDB"
    psql_super -tA -c "SELECT 1 FROM pg_database WHERE datname = 'giamsat'" | grep -q 1 ||
        psql_super -c "CREATE DATABASE giamsat OWNER giamsat ENCODING 'UTF8'"
}

# Stops whatever server owns $DIR/data: fast (rolls back open sessions), then
# immediate; a postmaster that went away meanwhile counts as stopped.
stop_server() {
    server_alive || return 0
    as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" stop -m fast -w -t 30 >/dev/null 2>&1 ||
        as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" stop -m immediate -w -t 30 >/dev/null 2>&1 ||
        ! server_alive || die "cannot stop the cluster in '$DIR' (see $DIR/server.log)"
}

# The directories start made: removed only when the marker says so.
remove_dir() {
    [ -e "$DIR" ] || return 0
    [ -f "$DIR/pg_tmp.marker" ] || die "'$DIR' was not made by pg_tmp.sh start: not removed"
    rm -rf "$DIR"
}

start() {
    for tool in initdb pg_ctl pg_isready psql; do
        [ -x "$PG_BIN/$tool" ] ||
            die "PostgreSQL 15 is not installed ($PG_BIN/$tool missing): run scripts/deps.sh"
    done
    if $IS_ROOT; then
        id postgres >/dev/null 2>&1 ||
            die "no 'postgres' user to run the server as: run scripts/deps.sh"
    fi
    if is_running; then
        create_database
        echo "postgresql://giamsat@/giamsat?host=$DIR"
        return 0
    fi
    # Not running: whatever is there is a stale cluster of a killed run.
    if [ -e "$DIR" ] && [ -n "$(ls -A "$DIR" 2>/dev/null)" ]; then
        stop_server
        remove_dir
    fi
    mkdir -p "$DIR"
    chmod 0700 "$DIR"
    touch "$DIR/pg_tmp.marker"
    if $IS_ROOT; then
        chown postgres: "$DIR" "$DIR/pg_tmp.marker"
        runuser -u postgres -- test -w "$DIR" 2>/dev/null ||
            die "the postgres user cannot write to '$DIR' (a directory above it is closed to it)"
    fi
    as_owner "$PG_BIN/initdb" -D "$DIR/data" -U postgres --auth=trust --locale=C.UTF-8 \
        -E UTF8 --no-sync >"$DIR/initdb.log" 2>&1 || {
        cat "$DIR/initdb.log" >&2
        die "initdb failed in '$DIR/data'"
    }
    # shellcheck disable=SC2016 # $1 is the inner shell's
    as_owner sh -c 'cat >>"$1"' sh "$DIR/data/postgresql.conf" <<EOF

# pg_tmp.sh: a throwaway cluster on a Unix socket only, no durability.
listen_addresses = ''
port = $PORT
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
EOF
    as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
        >/dev/null 2>&1 || {
        tail -n 20 "$DIR/server.log" >&2 2>/dev/null || true
        die "the cluster in '$DIR' did not start"
    }
    create_database
    echo "postgresql://giamsat@/giamsat?host=$DIR"
}

# An absolute path: the socket directory and the URI's host must be one.
case "$DIR" in
/*) ;;
*) DIR=$(pwd)/$DIR ;;
esac
DIR=$(printf '%s' "$DIR" | sed 's:/*$::; s://*:/:g')
case "$DIR" in
*[!A-Za-z0-9/._-]*) die "'$DIR': only letters, digits and / . _ - are allowed in DIR" ;;
"" | /) usage ;;
esac
[ ${#DIR} -le 90 ] || die "'$DIR' is too long for a Unix socket's path (90 bytes at most)"

if [ "$CMD" = start ]; then
    start
else
    stop_server
    remove_dir
fi
