#!/usr/bin/env bash
# Lambda through the emulator: cold start of a bootstrap function (a new process per run) and warm Invoke p50/p99
# (goal p99 < 5 ms on loopback), with boto3 as the client. Builds the emulator in Release, starts it on a free port,
# runs bench/lambda/invoke_bench.py, stops it.
# Arguments: [cold runs, default 10] [warm invokes, default 1000] [package: a bootstrap file, a directory such as a
# published C# bootstrap, or a zip; default bench/lambda/bootstrap.py]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Emulator/Doqutore.Emulator -c Release --nologo -v quiet
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet Emulator/Doqutore.Emulator/bin/Release/net10.0/Doqutore.Emulator.dll --Emulator:Port="$PORT" --Logging:LogLevel:Default=Warning &
EMULATOR=$!
trap 'kill $EMULATOR' EXIT
until curl -sf "http://127.0.0.1:$PORT/_doqutore/health" > /dev/null; do sleep 0.05; done
python3 bench/lambda/invoke_bench.py "http://127.0.0.1:$PORT" "${1:-10}" "${2:-1000}" "${3:-bench/lambda/bootstrap.py}"
