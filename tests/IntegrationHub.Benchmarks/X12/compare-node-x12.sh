#!/usr/bin/env bash
# Whole-process comparison of the hub's X12 engine with node-x12 1.7.1 (stream API) on the same generated 004010
# files, run one after the other on this machine. Each cell is the median of 3 runs with the file in the page cache;
# peak RSS is the largest of the 3 (from /usr/bin/time). node-x12 is installed with npm into a temporary folder.
#
#   tests/IntegrationHub.Benchmarks/X12/compare-node-x12.sh            # 10 MB and 100 MB, kinds 850 810 856
#   SIZES="1024" KINDS="850" tests/IntegrationHub.Benchmarks/X12/compare-node-x12.sh   # the 1 GB streaming run
set -euo pipefail

sizes="${SIZES:-10 100}"
kinds="${KINDS:-850 810 856}"
node_limit_mb="${NODE_LIMIT_MB:-100}"   # node-x12 is skipped above this size (it is slow; see docs/benchmarks.md)
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build -c Release "$repo/tests/IntegrationHub.Benchmarks" > "$work/build.log" || { cat "$work/build.log"; exit 1; }
bench="$repo/tests/IntegrationHub.Benchmarks/bin/Release/net10.0/IntegrationHub.Benchmarks"
(cd "$work" && npm install --silent --no-audit --no-fund node-x12@1.7.1 > /dev/null)
cp "$here/node-x12-stream.js" "$work/"

# No GC settings: streaming validation allocates little enough per set that the default budget holds the heap down
# (docs/benchmarks.md). To compare with the earlier runs, export DOTNET_GCgen0size=0x1000000 before calling this.

# run LABEL BYTES COMMAND...: prints a Markdown row with the median seconds, MB/s and the peak RSS of 3 runs.
run() {
  local label="$1" bytes="$2"; shift 2
  local times=() peak=0
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2>&1 || { echo "| $label | failed: $(tail -1 "$work/out") | | |"; return; }
    read -r seconds rss_kb < "$work/time"
    times+=("$seconds")
    (( rss_kb > peak )) && peak=$rss_kb
  done
  local median
  median="$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)"
  echo "| $label | $median | $(awk -v b="$bytes" -v s="$median" 'BEGIN { printf "%.1f", b / s / 1e6 }') | $((peak / 1024)) | $(tail -1 "$work/out" | cut -c1-80) |"
}

echo "| run | median s | MB/s | peak RSS MiB | output |"
echo "|---|---|---|---|---|"
for kind in $kinds; do
  for size in $sizes; do
    file="$work/$kind-$size.edi"
    "$bench" x12 generate "$kind" "$file" "$size" > /dev/null
    bytes="$(stat -c %s "$file")"
    cat "$file" > /dev/null
    run "hub tokenize $kind ${size} MB" "$bytes" "$bench" x12 tokenize "$file"
    run "hub validate $kind ${size} MB" "$bytes" "$bench" x12 validate "$file"
    if (( size <= node_limit_mb )); then
      run "node-x12 stream $kind ${size} MB" "$bytes" node "$work/node-x12-stream.js" "$file"
    fi
    rm -f "$file"
  done
done
