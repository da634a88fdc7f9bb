#!/usr/bin/env bash
# Invoices out, whole process: COUNT X12 850s from demo-buyer are taken in and accepted by a stub order store, then the
# invoice store pushes one signed invoice per order; measured is the time from the first push until every 810 has been
# delivered (written to the outbox folder, demo-buyer's channel when it has no endpoint). The Release Host runs Web and
# Worker on its embedded PostgreSQL. Target (issue 8): 1,000 invoices to delivered 810s in <= 20 s.
# The pushes come from the benchmark project's compiled pusher (kept-alive connections), so the hub is what is measured.
# Status: runs to the end since it pushes the X12 810 sample (the cXML invoice sample's party codes parked every 810);
# the deadline for the deliveries is 120 s after the last push. The pushes answer with the invoice's order checks (the
# sample orders' currency differs from the invoice's: a diagnostic, not a refusal).
# Usage: tests/IntegrationHub.Benchmarks/Host/invoices-out.sh [COUNT=1000] [PARALLEL=8]   (from the repository root)
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
count=${1:-1000} parallel=${2:-8}
store_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
store_log=$(mktemp)
python3 - "$store_port" "$store_log" <<'PY' &
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class Store(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(sys.argv[2], "a") as log: log.write(self.path + "\n")
        body = b'{"status":"accepted","storeOrderId":"SO-BENCH"}'
        self.send_response(200); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(body)))
        self.end_headers(); self.wfile.write(body)
    def log_message(self, *args): pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Store).serve_forever()
PY
store_pid=$!
store_secret=$(openssl rand -hex 24)
outbox=$(mktemp -d)
export Stores__Order__BaseUrl="http://127.0.0.1:$store_port/store/" Stores__Invoices__Secret="$store_secret" Pipeline__OutboxPath="$outbox"
host_roles=Web,Worker
# shellcheck source=web-host.sh
source tests/IntegrationHub.Benchmarks/Host/web-host.sh
dotnet build tests/IntegrationHub.Benchmarks -c Release -v quiet -nologo >/dev/null
trap 'kill $store_pid 2>/dev/null; kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work" "$outbox" "$store_log"' EXIT
x12_key=$secret # web-host.sh gives demo-buyer one random secret for cXML and X12
echo "machine: $(nproc) cores, .NET $(dotnet --version), $(date -u +%FT%TZ), $count invoices"

files=$work/files; mkdir -p "$files"
sample=mappings/defaults/x12/850-004010.inbound.samples/basic.edi
invoice=mappings/defaults/x12/810-004010.outbound.samples/basic.json
for i in $(seq 1 "$count"); do
  isa=$(printf '%09d' $((500000 + i)))
  sed -e "s/\*000000101\*/*$isa*/; s/IEA\*1\*000000101/IEA*1*$isa/; s/BEG\*00\*SA\*PO-4711/BEG*00*SA*BENCH-$i/" "$sample" > "$files/$i.edi"
  sed -e "s/PO-4711/BENCH-$i/; s/INV-9001/BINV-$i/" "$invoice" > "$files/$i.json"
done
seq 1 "$count" | xargs -P "$parallel" -I{} curl -sf -o /dev/null -H "X-Api-Key: $x12_key" -H 'Content-Type: application/edi-x12' \
  --data-binary @"$files/{}.edi" "http://127.0.0.1:$port/x12"
# Wait until the order store has seen every order (so each is translated and known), and a little for its answer.
for _ in $(seq 1 600); do
  [ "$(wc -l < "$store_log")" -ge "$count" ] && break
  sleep 0.5
done
sleep 2
echo "orders at the store: $(wc -l < "$store_log")"

# The pushes: a compiled pusher (the benchmark project's `invoices`) over kept-alive connections, PARALLEL at a time, each
# invoice signed as the store signs it when it is sent; it prints the Unix time of its first push, so the process start
# is not measured.
push=$(dotnet tests/IntegrationHub.Benchmarks/bin/Release/net10.0/IntegrationHub.Benchmarks.dll invoices --url "http://127.0.0.1:$port" \
  --secret "$store_secret" --files "$files" --count "$count" --concurrency "$parallel") || true
echo "pusher: $push"
start=$(sed 's/.*start=\([0-9.]*\).*/\1/' <<<"$push")
pushed=$(sed 's/.*seconds=\([0-9.]*\).*/\1/' <<<"$push")
for _ in $(seq 1 1200); do
  [ "$(find "$outbox" -name '*-810.x12' | wc -l)" -ge "$count" ] && break
  sleep 0.1
done
end=$(date +%s.%N)
delivered=$(find "$outbox" -name '*-810.x12' | wc -l)
python3 -c "print(f'pushed {$count} in {$pushed:.2f} s; {$delivered} 810s delivered {$end - $start:.2f} s after the first push')"
