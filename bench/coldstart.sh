#!/usr/bin/env bash
# Cold start of the built CLI to a healthy emulator (goal: 400 ms or less).
# Builds the CLI and the benchmark driver in Release once, then starts
#   dotnet Cli/Doqutore.Cli/bin/Release/net10.0/Doqutore.Cli.dll emulator --port <free> --quiet
# N times, polling GET /_doqutore/health every 5 ms until it answers 200, and prints min/median/max,
# with two floors: a minimal Kestrel app to its first 200, and the dotnet host running an empty Main.
# Extra arguments go to the driver: --runs 20, --targets emulator,stub,noop, --poll-ms 5,
# --env DOTNET_TieredPGO=0 (emulator process only), --cli /path/to/Doqutore.Cli.dll (a published build).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Cli/Doqutore.Cli -c Release --nologo -v quiet
dotnet build bench/Doqutore.Benchmarks -c Release --nologo -v quiet
exec dotnet bench/Doqutore.Benchmarks/bin/Release/net10.0/Doqutore.Benchmarks.dll coldstart --runs 10 "$@"
