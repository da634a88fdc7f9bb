# Sourced by the Host benchmark scripts: starts the Release Host (Web role only, so no worker competes with what is
# measured) on its embedded PostgreSQL in a fresh folder, with a random secret for the demo buyer (cXML and X12), and waits until
# it is ready. Sets: port, work (a temporary folder, removed on exit), secret, admin_key, pid. Run from the repository root.
# A caller may set host_roles (default Web) and host_env (a bash array of NAME=value settings, which win over the defaults
# here) before sourcing; variables the caller exports (Stores__…) reach the Host too.
dotnet build src/IntegrationHub.Host -c Release -v quiet -nologo >/dev/null
host_dir=src/IntegrationHub.Host/bin/Release/net10.0
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
work=$(mktemp -d)
chmod 755 "$work"
secret=$(openssl rand -hex 24)
admin_key=$(openssl rand -hex 32)
(cd "$host_dir" && exec env -u ConnectionStrings__Hub Hub__AdminApiKey="$admin_key" Database__EmbeddedPath="$work/pg" Hub__Roles="${host_roles:-Web}" \
   Hub__MappingsPath="$(git rev-parse --show-toplevel)/mappings" "Partners__demo-buyer__CxmlSharedSecret=$secret" "Partners__demo-buyer__X12ApiKey=$secret" \
   Serilog__MinimumLevel__Default=Warning Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Warning ${host_env[@]+"${host_env[@]}"} \
   dotnet IntegrationHub.Host.dll --urls "http://127.0.0.1:$port" >"$work/log" 2>&1) &
pid=$!
# SIGTERM, not SIGINT: a script started in the background by a non-interactive shell ignores SIGINT, and so does the Host it starts.
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && break; sleep 0.1; done
# The wrk Lua both wrk scripts share: per-thread counts of the answers their response() marks as wrong (failed = failed + 1),
# summed at the end and printed with the latency percentiles. A script appends its own request/response functions.
wrk_counting_lua() {
  cat <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) failed = 0 end
function done(summary, latency, requests)
  local f = 0
  for _, t in ipairs(threads) do f = f + t:get("failed") end
  io.write(string.format("answers refused or wrong: %d of %d; p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n", f, summary.requests,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
LUA
}
