#!/usr/bin/env bash
# Runs every test of the solution (unit, storage on SQLite and PostgreSQL, integration with real
# node processes, interop with Python grpcio) and prints one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
dotnet build HealthRecords.sln -c Release -nologo -clp:ErrorsOnly || exit 1
# -m:1: test assemblies one after another; integration tests start real processes on 2 cores.
dotnet test HealthRecords.sln -c Release --no-build -m:1 --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# Each test assembly ends with "Total tests: N" then "     Passed: N" / "     Failed: N"; add them up.
read -r passed failed < <(awk '/^ +Passed: [0-9]+$/ { p += $2 } /^ +Failed: [0-9]+$/ { f += $2 } END { print p + 0, f + 0 }' "$log")
rm -f "$log"
echo "${passed:-0} passed, ${failed:-0} failed"
if [ "${passed:-0}" = 0 ]; then echo "no test ran" >&2; exit 1; fi
exit "$rc"
