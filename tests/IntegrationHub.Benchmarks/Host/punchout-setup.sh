#!/usr/bin/env bash
# cXML PunchOutSetupRequest: how many setups per second the Host answers with a StartPage (each one authenticates the shared
# secret, runs the partner's inbound map and stores a session with its one-shot token), and at what latency.
# Starts the Host in Release (Web role only) on its embedded PostgreSQL in a fresh folder, then drives POST /cxml with wrk
# (Debian's `apt-get install wrk`) for SECONDS (default 60) over CONNECTIONS (default 16). wrk sends as fast as the Host
# answers (it has no fixed-rate mode), so read the result as: requests/s >= 500 with p99 <= 20 ms and no non-2xx answers.
# Usage: tests/IntegrationHub.Benchmarks/Host/punchout-setup.sh [SECONDS] [CONNECTIONS]   (from anywhere in the repository)
# Target (issue 6): 500 setups/s for 60 s, p99 <= 20 ms, no errors. Record results in docs/benchmarks.md (punchout section).
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
seconds=${1:-60}
connections=${2:-16}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
. tests/IntegrationHub.Benchmarks/Host/web-host.sh
# The golden sample as a create request from the demo buyer, its secret and a BrowserFormPost on an allowed host.
python3 - "$secret" >"$work/setup.xml" <<'PY'
import re, sys
xml = open("mappings/defaults/cxml/punchout-setup-request.inbound.samples/edit.xml", encoding="utf-8").read()
xml = xml.replace("never-in-the-session", sys.argv[1]).replace('operation="edit"', 'operation="create"')
xml = xml.replace("https://buyer.example/punchout/return?session=c-8a7f2e", "http://localhost:9/cxml/receive")
print(re.sub(r"<ItemOut.*</ItemOut>", "", xml, flags=re.S), end="")
PY
answer=$(curl -s -H 'Content-Type: text/xml' --data-binary "@$work/setup.xml" "http://127.0.0.1:$port/cxml")
grep -q '<Status code="200"' <<<"$answer" || { echo "the setup request is refused: $answer" >&2; exit 1; }
cat >"$work/setup.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/xml"
local f = io.open("$work/setup.xml", "rb"); wrk.body = f:read("*a"); f:close()
-- cXML refuses with HTTP 200 and a Status code in the body, so every answer's Status is checked, per thread, then summed.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) refused = 0 end
function response(status, headers, body)
  if status ~= 200 or not body:find('<Status code="200"', 1, true) then refused = refused + 1 end
end
function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + t:get("refused") end
  io.write(string.format("answers other than cXML 200: %d of %d; p99 %.2f ms\n", n, summary.requests, latency:percentile(99) / 1000))
end
LUA
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, .NET $(dotnet --version), $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/setup.lua" "http://127.0.0.1:$port/cxml"
