#!/usr/bin/env bash
# The emulator's S3 and DynamoDB beside the npm reference servers s3rver and dynalite, in one run: ops/s,
# p50/p99 latency and server CPU per operation for 4 KiB S3 puts/gets and DynamoDB puts/gets/queries, plus each
# server's resident memory. Installs the reference servers into bench/compare/node_modules on first use.
# Extra arguments go to the driver: --targets s3rver,dynalite,emulator --concurrency 1,8 --seconds 10 --warmup 3.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d bench/compare/node_modules ] || (cd bench/compare && npm install --no-audit --no-fund --silent)
dotnet build Cli/Doqutore.Cli -c Release --nologo -v quiet
dotnet build bench/Doqutore.Benchmarks -c Release --nologo -v quiet
exec dotnet bench/Doqutore.Benchmarks/bin/Release/net10.0/Doqutore.Benchmarks.dll compare "$@"
