#!/usr/bin/env bash
# cXML OrderRequest intake: how many orders per second the Host stores durably and answers 200, and at what latency.
# Starts the Host in Release (Web role only, so no worker competes with intake) on its embedded PostgreSQL in a fresh
# folder, then posts OrderRequests at a fixed rate for SECONDS (default 60) at RATE per second (default 500).
# WARMUP=S (default 0) first sends S seconds at the same rate that are not counted, so the figures are the warm Host's.
# Usage: tests/IntegrationHub.Benchmarks/Host/order-intake.sh [SECONDS] [RATE]   (from anywhere in the repository)
# Target (issue 7): >= 500 orders/s sustained for 60 s, p99 <= 50 ms. Record results in docs/benchmarks.md.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
seconds=${1:-60}
rate=${2:-500}
dotnet build tests/IntegrationHub.Benchmarks -c Release -v quiet -nologo >/dev/null
. tests/IntegrationHub.Benchmarks/Host/web-host.sh
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, .NET $(dotnet --version), $(date -u +%FT%TZ)"
dotnet tests/IntegrationHub.Benchmarks/bin/Release/net10.0/IntegrationHub.Benchmarks.dll intake --url "http://127.0.0.1:$port" --secret "$secret" \
  --sample mappings/defaults/cxml/order-request.inbound.samples/basic.xml --seconds "$seconds" --rate "$rate" --warmup "${WARMUP:-0}"
