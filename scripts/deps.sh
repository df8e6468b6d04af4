#!/bin/sh
# Install the Debian 12 packages giamsat needs, when missing. `deps.sh run` installs
# what building and running need (./run.sh; libpq-dev for the PostgreSQL backend);
# `deps.sh` (./test.sh) adds what the tests use: PostgreSQL 15 for the throwaway
# cluster of scripts/pg_tmp.sh, cmocka, pmccabe for the lint, clang and its libFuzzer
# runtime (libclang-rt-dev) for the fuzz targets, chromium, nodejs and npm for the
# browser tests, LibreOffice, poppler-utils and the Times-metric Liberation fonts to
# print the reports to PDF (tests/cli/110-report-print.sh), Python's aiosmtpd as the mail sink
# (tests/cli/109-notify.sh) and wrk for the benchmarks. As root this runs apt-get;
# otherwise it prints the exact command and stops.
set -eu
PKGS="build-essential pkg-config libsqlite3-dev libutf8proc-dev libicu-dev libjansson-dev \
libcsv-dev libzip-dev libexpat1-dev libxlsxwriter-dev libmicrohttpd-dev libsodium-dev \
libcurl4-openssl-dev libcmocka-dev libpq-dev sqlite3 curl"
[ "${1:-}" = run ] || PKGS="$PKGS python3-aiosmtpd pmccabe chromium nodejs npm wrk clang \
libclang-rt-dev libreoffice-writer libreoffice-calc poppler-utils fonts-liberation2 \
postgresql-15"
missing=""
for p in $PKGS; do
    # NodeSource's nodejs package carries npm itself (and conflicts with Debian's npm).
    [ "$p" = npm ] && command -v npm >/dev/null 2>&1 && continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "giamsat: installing Debian packages:$missing"
    apt-get update -q >/dev/null || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null
else
    echo "giamsat needs these Debian packages. Run:" >&2
    echo "  sudo apt-get install -y$missing" >&2
    exit 1
fi
