#!/usr/bin/env bash
# A whole `rushes clips --scene 12 --date 2026-04-15` process (start, load
# configuration, open the catalog, query, print JSON) on the 1,000,000-clip
# catalog that BenchmarkQuery1M builds under $TMPDIR/rushes-bench-1m; also a
# full-text search. 21 runs each; prints the median and the slowest.
# Usage: bench/clips.sh   (run from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
make -s build
go test -tags sqlite_fts5 -run '^$' -bench 'Query1M' -benchtime 1x ./catalog/ >/dev/null
dir="${TMPDIR:-/tmp}/rushes-bench-1m"
run() {
	for _ in $(seq 21); do
		local t0 t1
		t0=$(date +%s%N)
		./bin/rushes clips --library "$dir/library" --catalog "$dir/catalog.db" --format json "$@" >/dev/null
		t1=$(date +%s%N)
		echo $(((t1 - t0) / 1000))
	done | sort -n | awk -v what="$*" '{a[NR]=$1} END {printf "%-45s median %6.1f ms   slowest %6.1f ms\n", what, a[11]/1000, a[NR]/1000}'
}
run --scene 12 --date 2026-04-15
run --scene 12 --date 2026-04-15 --circled --sort take --limit 100
run --search "plane overhead" --limit 100
echo "catalog: $(du -h "$dir/catalog.db" | cut -f1); machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
