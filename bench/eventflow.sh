#!/usr/bin/env bash
# Latency of the event path the first responder depends on: an IAM user's StopLogging → CloudTrail record →
# EventBridge default bus → rule → SQS message, against the Release CLI's emulator as its own process.
# Prints p50/p90/p99/max. Extra arguments go to the driver: --runs 50.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Cli/Doqutore.Cli -c Release --nologo -v quiet
dotnet build bench/Doqutore.Benchmarks -c Release --nologo -v quiet
exec dotnet bench/Doqutore.Benchmarks/bin/Release/net10.0/Doqutore.Benchmarks.dll eventflow "$@"
