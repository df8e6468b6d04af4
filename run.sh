#!/bin/sh
# Build giamsat and run its main job: create giamsat.db in this folder,
# import the shipped programme data and print a summary.
set -eu
cd "$(dirname "$0")"
scripts/deps.sh
make -s all
build/giamsat --db giamsat.db demo
build/giamsat --db giamsat.db init
echo
build/giamsat --db giamsat.db report --as-of "$(date +%Y-%m-%d)" --format md --section tong_hop
