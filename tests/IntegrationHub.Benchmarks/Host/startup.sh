#!/usr/bin/env bash
# Start-up time (process start to /health/ready = 200) and idle memory of the Host with its embedded PostgreSQL.
# Host memory is its RSS; PostgreSQL's is the PSS of the postmaster and its children.
# Cold: a new data folder (initdb runs). Warm: the same folder again. Three runs each; prints every run and the median.
# Usage: tests/IntegrationHub.Benchmarks/Host/startup.sh   (from the repository root; needs PostgreSQL's server binaries)
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
dotnet build src/IntegrationHub.Host -c Release -v quiet -nologo >/dev/null
host_dir=src/IntegrationHub.Host/bin/Release/net10.0
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
work=$(mktemp -d)
chmod 755 "$work" # when run as root, the embedded server runs as an unprivileged user that must reach its folder
trap 'rm -rf "$work"' EXIT

run_once() { # $1 = data folder; prints "seconds host_rss_mib postgres_rss_mib"
  local start end pid ready=0
  start=$(date +%s.%N)
  (cd "$host_dir" && exec env -u ConnectionStrings__Hub -u Hub__AdminApiKey Database__EmbeddedPath="$1" \
     dotnet IntegrationHub.Host.dll --urls "http://127.0.0.1:$port" >"$work/log" 2>&1) &
  pid=$!
  for _ in $(seq 1 600); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; then ready=1; break; fi
    sleep 0.05
  done
  end=$(date +%s.%N)
  [ "$ready" = 1 ] || { cat "$work/log"; kill -TERM "$pid"; exit 1; }
  sleep 10 # idle
  local host_rss pg_rss
  host_rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  # PostgreSQL: the postmaster and its children, by proportional set size (shared buffers counted once, not per process).
  local postmaster
  postmaster=$(head -1 "$1/data/postmaster.pid")
  pg_rss=$(for p in "$postmaster" $(pgrep -P "$postmaster" || true); do awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null; done | awk '{s+=$1} END {print s+0}')
  kill -TERM "$pid"; wait "$pid" || true
  printf '%.2f %d %d\n' "$(echo "$end - $start" | bc)" $((host_rss / 1024)) $((pg_rss / 1024))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version), $(date -u +%F)"
for kind in cold warm; do
  : >"$work/$kind"
  for i in 1 2 3; do
    folder="$work/data-$i"
    [ "$kind" = cold ] && rm -rf "$folder"
    line=$(run_once "$folder")
    echo "$kind run $i: ready after ${line%% *} s; idle MiB host RSS / postgres PSS: ${line#* }"
    echo "$line" >>"$work/$kind"
  done
  echo "$kind median: ready $(cut -d' ' -f1 "$work/$kind" | median) s, host RSS $(cut -d' ' -f2 "$work/$kind" | median) MiB, postgres PSS $(cut -d' ' -f3 "$work/$kind" | median) MiB"
done
