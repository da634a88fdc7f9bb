#!/usr/bin/env bash
# Catalog search over a large catalog: how fast GET /punchout/s/{token}/search?q=… answers (PostgreSQL full text, the buyer's
# prices for every hit, availability, the page rendered), at what latency. Starts the Host in Release (Web role only) on its
# embedded PostgreSQL in a fresh folder, seeds PRODUCTS products (default 100,000; catalog-seed.sql) beside the demo catalog,
# opens a cXML punchout session for the demo buyer on its contract C-2026-OFFICE, prints EXPLAIN ANALYZE of one search, then
# drives searches with wrk for SECONDS (default 60) over CONNECTIONS (default 8), each request one of a fixed list of queries
# (one word, two words, a phrase, a part number, a word with few hits).
# Usage: tests/IntegrationHub.Benchmarks/Host/catalog-search.sh [SECONDS] [CONNECTIONS] [PRODUCTS]   (from anywhere in the repository)
# Target (issue 6): p95 <= 50 ms over a 100,000-product catalog. Record results in docs/benchmarks.md (punchout section).
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
seconds=${1:-60}
connections=${2:-8}
products=${3:-100000}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
psql=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -1)
[ -x "$psql" ] || { echo "psql is not installed (apt-get install postgresql-client)" >&2; exit 2; }
. tests/IntegrationHub.Benchmarks/Host/web-host.sh
# The embedded cluster's port and superuser password, as the Host left them in its data folder.
for _ in $(seq 1 100); do [ -f "$work/pg/data/postmaster.pid" ] && break; sleep 0.1; done
export PGHOST=127.0.0.1 PGPORT=$(sed -n 4p "$work/pg/data/postmaster.pid") PGUSER=hub PGDATABASE=hub PGPASSWORD=$(cat "$work/pg/superuser.password")
# The demo catalog (and its price lists) is seeded by the Host at start; the benchmark's products go beside it.
for _ in $(seq 1 300); do [ "$("$psql" -tAc 'SELECT count(*) FROM hub.catalog_price_lists' 2>/dev/null || echo 0)" -ge 2 ] && break; sleep 0.2; done
started=$(date +%s.%N)
"$psql" -q -v products="$products" -f tests/IntegrationHub.Benchmarks/Host/catalog-seed.sql
echo "seeded $("$psql" -tAc 'SELECT count(*) FROM hub.catalog_products') products in $(echo "$(date +%s.%N) - $started" | bc) s"

python3 - "$secret" >"$work/setup.xml" <<'PY'
import re, sys
xml = open("mappings/defaults/cxml/punchout-setup-request.inbound.samples/edit.xml", encoding="utf-8").read()
xml = xml.replace("never-in-the-session", sys.argv[1]).replace('operation="edit"', 'operation="create"')
xml = xml.replace("https://buyer.example/punchout/return?session=c-8a7f2e", "http://localhost:9/cxml/receive")
xml = xml.replace('<Extrinsic name="CostCenter">4100</Extrinsic>', '<Extrinsic name="ContractID">C-2026-OFFICE</Extrinsic>')
print(re.sub(r"<ItemOut.*</ItemOut>", "", xml, flags=re.S), end="")
PY
answer=$(curl -s -H 'Content-Type: text/xml' --data-binary "@$work/setup.xml" "http://127.0.0.1:$port/cxml")
start=$(sed -n 's|.*<URL>\(http[^<]*/punchout/start?token=[^<]*\)</URL>.*|\1|p' <<<"$answer" | sed 's/&amp;/\&/g')
[ -n "$start" ] || { echo "the setup request is refused: $answer" >&2; exit 1; }
catalog=$(curl -s -o /dev/null -w '%{redirect_url}' "$start")
case "$catalog" in */punchout/s/*) ;; *) echo "the StartPage did not open a session: $catalog" >&2; exit 1 ;; esac
base="http://127.0.0.1:$port${catalog#*127.0.0.1:$port}"
base=${base%/}

echo "EXPLAIN ANALYZE of the search for 'stapler blue' (the Host's query, the contract's prices):"
"$psql" -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) WITH q AS (SELECT websearch_to_tsquery('english', 'stapler blue') || websearch_to_tsquery('simple', 'stapler blue') AS query),
  hits AS (SELECT p.id, ts_rank(p.search, q.query) AS rank FROM hub.catalog_products p, q WHERE p.search @@ q.query ORDER BY rank DESC, p.supplier_part_id LIMIT 50)
  SELECT p.id, coalesce((SELECT cp.unit_price FROM hub.catalog_prices cp JOIN hub.catalog_price_lists pl ON pl.id = cp.price_list_id
        WHERE cp.product_id = p.id AND pl.buyer_org = 'demo-buyer' AND (pl.contract_id IS NULL OR pl.contract_id = 'C-2026-OFFICE') AND cp.min_quantity <= 1
        ORDER BY pl.contract_id IS NULL, cp.min_quantity DESC LIMIT 1), p.unit_price), a.on_hand
  FROM hub.catalog_products p LEFT JOIN hub.catalog_availability a ON a.product_id = p.id JOIN hits ON hits.id = p.id
  ORDER BY hits.rank DESC, p.supplier_part_id"

{ wrk_counting_lua; cat <<LUA; } >"$work/search.lua"
local queries = { "stapler", "stapler blue", "%22heavy-duty%20glove%22", "BM-STA-000005", "ergonomic%20chair%20grey", "toner", "recycled%20paper%20A4", "headset" }
local n = 0
function request()
  n = n + 1
  return wrk.format("GET", "${base#http://127.0.0.1:$port}/search?q=" .. queries[(n % #queries) + 1]:gsub(" ", "%%20"))
end
function response(status, headers, body)
  if status ~= 200 or not body:find("Search:", 1, true) then failed = failed + 1 end
end
LUA
curl -s -o /dev/null -w 'one search: HTTP %{http_code}, %{time_total} s, %{size_download} bytes\n' "$base/search?q=stapler"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, .NET $(dotnet --version), $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/search.lua" "http://127.0.0.1:$port"
