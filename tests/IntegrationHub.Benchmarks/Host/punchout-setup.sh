#!/usr/bin/env bash
# cXML PunchOutSetupRequest: how many setups per second the Host answers with a StartPage (each one authenticates the shared
# secret, runs the partner's inbound map and stores a session with its one-shot token), and at what latency.
# Starts the Host in Release (Web role only) on its embedded PostgreSQL in a fresh folder, then drives POST /cxml for SECONDS
# (default 60) in one of two modes:
#   rate (the default): open-loop at RATE setups/s (default 500) with the benchmark project's constant-rate generator
#     (`IntegrationHub.Benchmarks intake`, each request due at n / RATE s whether or not earlier ones were answered, so a
#     slow answer cannot hide the ones queued behind it); read: sent/s ~ RATE, answered 200 = sent, p99 <= 20 ms.
#   wrk: closed-loop with wrk over RATE connections (default 16 here): as fast as the Host answers (Debian's wrk has no -R).
# WARMUP=S (default 0) first sends S seconds at the same rate that are not counted, so the figures are the warm Host's.
# Usage: tests/IntegrationHub.Benchmarks/Host/punchout-setup.sh [SECONDS] [RATE|CONNECTIONS] [rate|wrk]   (from anywhere in the repository)
# Target (issue 6): 500 setups/s for 60 s, p99 <= 20 ms, no errors: punchout-setup.sh 60 500. Record results in docs/benchmarks.md.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
seconds=${1:-60}
mode=${3:-rate}
case "$mode" in
  rate) rate=${2:-500}; dotnet build tests/IntegrationHub.Benchmarks -c Release -v quiet -nologo >/dev/null ;;
  wrk) connections=${2:-16}; command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; } ;;
  *) echo "mode is rate or wrk, not $mode" >&2; exit 2 ;;
esac
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
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, .NET $(dotnet --version), $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$mode" = rate ]; then
  # The request already carries the secret; the generator gives each one its own payloadID and counts cXML Status 200 answers.
  dotnet tests/IntegrationHub.Benchmarks/bin/Release/net10.0/IntegrationHub.Benchmarks.dll intake --url "http://127.0.0.1:$port" --secret "$secret" \
    --sample "$work/setup.xml" --seconds "$seconds" --rate "$rate" --warmup "${WARMUP:-0}"
  exit $?
fi
{ wrk_counting_lua; cat <<LUA; } >"$work/setup.lua"
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/xml"
local f = io.open("$work/setup.xml", "rb"); wrk.body = f:read("*a"); f:close()
-- cXML refuses with HTTP 200 and a Status code in the body, so every answer's Status is checked.
function response(status, headers, body)
  if status ~= 200 or not body:find('<Status code="200"', 1, true) then failed = failed + 1 end
end
LUA
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/setup.lua" "http://127.0.0.1:$port/cxml"
