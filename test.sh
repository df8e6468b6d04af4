#!/bin/sh
# Build and run every test under AddressSanitizer and UndefinedBehaviorSanitizer:
# unit, command-line, HTTP and browser tests, lint and short fuzzing on SQLite, then
# the PostgreSQL schema check and the command-line and HTTP tests again on a
# throwaway PostgreSQL 15 cluster (make check; scripts/deps.sh installs what is missing).
set -eu
cd "$(dirname "$0")"
scripts/deps.sh
make -s check
