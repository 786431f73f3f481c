#!/usr/bin/env bash
# Adds up every surefire report under the tree and prints one plain closing line,
# "N passed, N failed, N skipped", because `mvn -q` prints no test summary of its own.
set -euo pipefail
find "${1:-.}" -path '*/target/surefire-reports/TEST-*.xml' -print0 | xargs -0 -r grep -h -o '<testsuite [^>]*>' |
  awk 'function count(s, name,  m) { if (match(s, name "=\"[0-9]+\"")) { m = substr(s, RSTART, RLENGTH); gsub(/[^0-9]/, "", m); return m + 0 } return 0 }
       { t += count($0, " tests"); f += count($0, " failures"); e += count($0, " errors"); s += count($0, " skipped") }
       END { printf "%d passed, %d failed, %d skipped\n", t - f - e - s, f + e, s }'
