#!/usr/bin/env bash
# Whole process for X12 in: one file of SETS 850s (default 2,000, about 10 MB) posted to POST /x12, from the upload to the
# last order delivered to a stub order store. Starts the Release Host with the Web and Worker roles on its embedded
# PostgreSQL in a fresh folder (web-host.sh) and a stub store (a small Python HTTP server that answers every order
# "accepted" and counts the distinct idempotency keys it received), generates the file, posts it once and waits.
# Usage: tests/IntegrationHub.Benchmarks/Host/x12-file-to-store.sh [SETS] [LINES_PER_SET]   (from anywhere in the repository)
# Target (issue 7): 2,000 850s in a 10 MB file, upload to last delivery <= 30 s. Record results in docs/benchmarks.md.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
sets=${1:-2000}
lines=${2:-60}
key=$(openssl rand -hex 24)
store_dir=$(mktemp -d)
store_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

# The stub store: 200 {"status":"accepted"} for every order, and the number of distinct idempotency keys in a file.
cat >"$store_dir/store.py" <<'PY'
import http.server, json, sys, threading
seen, lock, out = set(), threading.Lock(), sys.argv[2]
class Store(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with lock:
            seen.add(self.headers.get("Idempotency-Key"))
            with open(out, "w") as f: f.write(str(len(seen)))
        body = json.dumps({"status": "accepted"}).encode()
        self.send_response(200); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(body)))
        self.end_headers(); self.wfile.write(body)
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Store).serve_forever()
PY
echo 0 >"$store_dir/count"
python3 "$store_dir/store.py" "$store_port" "$store_dir/count" &
store_pid=$!

# The file: one interchange, one group, SETS 850s of LINES_PER_SET lines each, every order number its own.
python3 - "$sets" "$lines" "$store_dir/orders.edi" <<'PY'
import sys
sets, lines, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
out = ["ISA*00*          *00*          *ZZ*DEMOBUYER      *ZZ*SUPPLIER       *261126*0930*U*00401*000000001*0*T*>~",
       "GS*PO*DEMOBUYER*SUPPLIER*20261126*0930*1*X*004010~"]
for s in range(1, sets + 1):
    body = [f"ST*850*{s:04d}~", f"BEG*00*SA*BENCH-{s:06d}**20261126~", "CUR*BY*USD~", "REF*DP*42~",
            "N1*ST*Acme Hospital, Receiving*92*DOCK4~", "N3*1 Main St*Dock 4~", "N4*Springfield*IL*62701*US~"]
    for l in range(1, lines + 1):
        body += [f"PO1*{l}*{l % 7 + 1}*BX*6.05**VP*GLV-{l:05d}*BP*ACME-{l:05d}~", f"PID*F****Nitrile gloves, box of 100, size {l}~"]
    body += [f"CTT*{lines}~"]
    out += body + [f"SE*{len(body) + 1}*{s:04d}~"]
out += [f"GE*{sets}*1~", "IEA*1*000000001~"]
open(path, "w").write("\n".join(out) + "\n")
PY

host_roles=Web,Worker
host_env=("Partners__demo-buyer__X12ApiKey=$key" "Stores__Order__BaseUrl=http://127.0.0.1:$store_port/store/" "Hub__MaxRequestBodyBytes=33554432")
. tests/IntegrationHub.Benchmarks/Host/web-host.sh
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true; kill $store_pid 2>/dev/null || true; rm -rf "$work" "$store_dir"' EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, .NET $(dotnet --version), $(date -u +%FT%TZ)"
echo "file: $sets 850s, $(stat -c %s "$store_dir/orders.edi") bytes"
start=$(date +%s.%N)
code=$(curl -s -o "$store_dir/answer" -w '%{http_code}' -H "X-Api-Key: $key" -H 'Content-Type: application/edi-x12' \
  --data-binary @"$store_dir/orders.edi" "http://127.0.0.1:$port/x12")
stored=$(date +%s.%N)
[ "$code" = 202 ] || { echo "upload answered $code: $(head -c 300 "$store_dir/answer")"; tail -20 "$work/log"; exit 1; }
echo "upload: stored and acknowledged in $(python3 -c "print(f'{$stored - $start:.2f}')") s ($(head -c 200 "$store_dir/answer"))"
limit=${TIMEOUT_SECONDS:-300}
# Polled without starting a process per look (a python3 per poll took CPU from the Host being measured); the stub rewrites
# its count file, so a read between truncate and write sees it empty, which counts as 0.
give_up=$(( ${start%.*} + limit ))
while count=$(cat "$store_dir/count" 2>/dev/null); [ "${count:-0}" -lt "$sets" ]; do
  if [ "$(date +%s)" -lt "$give_up" ]; then sleep 0.05; else
    echo "gave up after $limit s: ${count:-0} of $sets orders delivered"; tail -20 "$work/log"; exit 1; fi
done
done_at=$(date +%s.%N)
echo "delivered: $sets orders to the stub store, upload to last delivery $(python3 -c "print(f'{$done_at - $start:.2f}')") s (target <= 30 s)"
