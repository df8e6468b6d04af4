#!/bin/sh
# Run every tests/cli/NNN-*.sh against $GIAMSAT in a fresh temporary folder,
# on a fresh database (SQLite, or PostgreSQL with GIAMSAT_PG: tests/pg/backend.sh),
# JOBS at a time (tests/runner.sh).
# ONLY=GLOB runs only the matching tests (e.g. ONLY="10[57]-*" make cli-tests).
exec "$(dirname "$0")/../runner.sh" cli
