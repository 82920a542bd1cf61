#!/usr/bin/env bash
# BenchmarkDotNet: each protocol codec in both directions (a few minutes on 2 cores).
# Extra arguments go to BenchmarkDotNet, e.g. --filter '*ServerParseRequest*'.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then set -- --filter '*'; fi
exec dotnet run -c Release --project bench/Doqutore.Benchmarks -- "$@"
