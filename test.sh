#!/bin/sh
# Build and run every test (unit tests and command-line tests) under
# AddressSanitizer and UndefinedBehaviorSanitizer.
set -eu
cd "$(dirname "$0")"
scripts/deps.sh
make -s check
