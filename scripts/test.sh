#!/usr/bin/env bash
# Runs every test project and ends with one plain summary line.
#   scripts/test.sh [CONFIG]           every project but the scale-out test (make test)
#   scripts/test.sh [CONFIG] --scale   only the scale-out test: nginx, PostgreSQL, two instances (make test-scale)
set -uo pipefail
cd "$(dirname "$0")/.."
config=${1:-Release}
scale=0
[ "${2:-}" = "--scale" ] && scale=1
mkdir -p test-output
status=0
passed=0; failed=0; skipped=0
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  if [ "$name" = "Voxgate.Scale.Tests" ]; then [ "$scale" -eq 1 ] || continue; else [ "$scale" -eq 0 ] || continue; fi
  trx="$name.trx"
  dotnet test "$proj" -c "$config" --no-build --nologo -v quiet \
    --logger "trx;LogFileName=$trx" --logger "console;verbosity=minimal" \
    --results-directory test-output 2>&1 | grep -vE '^\s*$' | tail -n 200
  rc=${PIPESTATUS[0]}
  [ "$rc" -ne 0 ] && status=1
  if [ -f "test-output/$trx" ]; then
    read -r p f s < <(python3 - "test-output/$trx" <<'PY'
import sys, xml.etree.ElementTree as ET
c = ET.parse(sys.argv[1]).getroot().find('{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}ResultSummary/{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}Counters')
total, ex, p, f = (int(c.get(k, 0)) for k in ('total', 'executed', 'passed', 'failed'))
print(p, f + int(c.get('error', 0)) + int(c.get('timeout', 0)), total - ex)
PY
)
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  else
    echo "$name: no results (build or host failure)"; status=1
  fi
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$passed" -gt 0 ] || status=1
exit $status
