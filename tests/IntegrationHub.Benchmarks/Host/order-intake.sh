#!/usr/bin/env bash
# cXML OrderRequest intake: how many orders per second the Host stores durably and answers 200, and at what latency.
# Starts the Host in Release (Web role only, so no worker competes with intake) on its embedded PostgreSQL in a fresh
# folder, then posts OrderRequests at a fixed rate for SECONDS (default 60) at RATE per second (default 500).
# Usage: tests/IntegrationHub.Benchmarks/Host/order-intake.sh [SECONDS] [RATE]   (from anywhere in the repository)
# Target (issue 7): >= 500 orders/s sustained for 60 s, p99 <= 50 ms. Record results in docs/benchmarks.md.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
seconds=${1:-60}
rate=${2:-500}
dotnet build src/IntegrationHub.Host -c Release -v quiet -nologo >/dev/null
dotnet build tests/IntegrationHub.Benchmarks -c Release -v quiet -nologo >/dev/null
host_dir=src/IntegrationHub.Host/bin/Release/net10.0
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
work=$(mktemp -d)
chmod 755 "$work"
secret=$(openssl rand -hex 24)
(cd "$host_dir" && exec env -u ConnectionStrings__Hub -u Hub__AdminApiKey Database__EmbeddedPath="$work/pg" Hub__Roles=Web \
   Hub__MappingsPath="$(git rev-parse --show-toplevel)/mappings" "Partners__demo-buyer__CxmlSharedSecret=$secret" \
   Serilog__MinimumLevel__Default=Warning Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Warning \
   dotnet IntegrationHub.Host.dll --urls "http://127.0.0.1:$port" >"$work/log" 2>&1) &
pid=$!
trap 'kill -INT $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && break; sleep 0.1; done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, .NET $(dotnet --version), $(date -u +%FT%TZ)"
dotnet tests/IntegrationHub.Benchmarks/bin/Release/net10.0/IntegrationHub.Benchmarks.dll intake --url "http://127.0.0.1:$port" --secret "$secret" \
  --sample mappings/defaults/cxml/order-request.inbound.samples/basic.xml --seconds "$seconds" --rate "$rate"
