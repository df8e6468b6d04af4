#!/bin/sh
# Install the Debian 12 packages giamsat needs, when missing (clang and its
# libFuzzer runtime, libclang-rt-dev, build the fuzz targets of `make check`). As root this
# runs apt-get; otherwise it prints the exact command and stops.
set -eu
PKGS="build-essential pkg-config libsqlite3-dev libutf8proc-dev libicu-dev libjansson-dev \
libcsv-dev libzip-dev libexpat1-dev libcmocka-dev libxlsxwriter-dev libmicrohttpd-dev \
libsodium-dev libcurl4-openssl-dev python3-aiosmtpd sqlite3 pmccabe curl chromium nodejs npm wrk \
clang libclang-rt-dev"
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
