#!/bin/sh
# Run every tests/http/NNN-*.sh against a real server on loopback ($GIAMSAT serve),
# each in a fresh temporary folder with its own database (SQLite, or PostgreSQL
# with GIAMSAT_PG: tests/pg/backend.sh), JOBS at a time (tests/runner.sh).
# ONLY=GLOB runs only the matching tests (e.g. ONLY="10[57]-*" make http-tests).
exec "$(dirname "$0")/../runner.sh" http
