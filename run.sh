#!/bin/sh
# Build giamsat and run its main job: create ./giamsat.db with the shipped
# data (the Resolution 71 programme and its indicators, the 2025 plan and a
# few example progress reports), print a summary and the headline figures,
# create an administrator (its password is printed once), and serve the web
# application on http://127.0.0.1:8080/ until Ctrl+C.
# GIAMSAT_LISTEN and GIAMSAT_PORT change the address (e.g. 0.0.0.0 in a container).
set -eu
cd "$(dirname "$0")"
scripts/deps.sh run
make -s all
G="build/giamsat --db giamsat.db"
$G demo
$G init
echo
$G report --as-of "$(date +%Y-%m-%d)" --format md --section tong_hop
echo
$G user add admin --role quan_tri --name "Quản trị hệ thống" --if-missing < /dev/null
exec $G serve --listen "${GIAMSAT_LISTEN:-127.0.0.1}" --port "${GIAMSAT_PORT:-8080}"
