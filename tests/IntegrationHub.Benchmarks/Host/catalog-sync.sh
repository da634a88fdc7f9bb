#!/usr/bin/env bash
# Catalog sync, whole process: the Release Host (Web and Worker) on its embedded PostgreSQL pulls PRODUCTS products with
# prices for ORGS buyer organisations from a generated catalog store (catalog-store.py), then, on the next scheduled run,
# CHANGES changed products. Prints each run's duration as the hub recorded it (GET /api/admin/catalog-sync/runs) and how many
# pages the store served over how long (also when stopped early, so a run that does not finish shows its pace).
# Targets (issue 8): 100,000 products x 50 orgs <= 60 s; 1,000 changes <= 2 s.
# Usage: tests/IntegrationHub.Benchmarks/Host/catalog-sync.sh [PRODUCTS=100000] [ORGS=50] [CHANGES=1000]   (repository root)
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
products=${1:-100000} orgs=${2:-50} changes=${3:-1000}
store_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
store_log=$(mktemp)
python3 tests/IntegrationHub.Benchmarks/Host/catalog-store.py "$store_port" "$products" "$orgs" "$changes" "$store_log" &
store_pid=$!
export Stores__Catalog__BaseUrl="http://127.0.0.1:$store_port/store/" Stores__Catalog__IntervalMinutes=1 Stores__Catalog__PageSize=1000
host_roles=Web,Worker
# shellcheck source=web-host.sh
source tests/IntegrationHub.Benchmarks/Host/web-host.sh
served() { # how many pages the store served, and over how many seconds since the first
  awk 'NR == 1 { first = $1 } { last = $1 } END { printf "store served %d pages in %.1f s\n", NR, last - first }' "$store_log"
}
trap 'exit 143' TERM INT
trap 'served; kill $store_pid 2>/dev/null; kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work" "$store_log"' EXIT

runs() { curl -sf -H "X-Api-Key: $admin_key" "http://127.0.0.1:$port/api/admin/catalog-sync/runs"; }
# The recurring job runs every minute: the first run (no cursor) pulls everything, the next one the changes.
for want in 2; do
  for _ in $(seq 1 900); do
    done_runs=$(runs | python3 -c 'import json,sys; print(sum(1 for r in json.load(sys.stdin) if r["status"] != "running" and r["pages"] > 0))')
    [ "$done_runs" -ge "$want" ] && break
    sleep 1
  done
done
runs | python3 -c '
import json, sys
runs = [r for r in reversed(json.load(sys.stdin)) if r["pages"] > 0]
for name, r in zip(["full", "changes"], runs):
    seconds = (r["durationMs"] or 0) / 1000
    print("%-8s %-9s pages=%4d upserted=%7d skipped=%d %.2f s" % (name, r["status"], r["pages"], r["upserted"], r["skipped"], seconds))
'
