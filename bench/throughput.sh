#!/usr/bin/env bash
# Requests/s over loopback with the official AWS SDK client, against the stub server (the client's
# ceiling: Kestrel answering a canned body) and the emulator (the Release CLI, its own process).
# Prints req/s, p50/p99 latency, and the CPU per request of each side, read from /proc/PID/stat.
# Extra arguments go to the driver: --op sts|dynamodb, --concurrency 1,8,32, --seconds 10,
# --warmup 3, --servers stub,emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Cli/Doqutore.Cli -c Release --nologo -v quiet
dotnet build bench/Doqutore.Benchmarks -c Release --nologo -v quiet
exec dotnet bench/Doqutore.Benchmarks/bin/Release/net10.0/Doqutore.Benchmarks.dll throughput "$@"
