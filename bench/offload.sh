#!/usr/bin/env bash
# Verified ingest speed: `rushes ingest` (copy, hash, fsync, read back from
# disk, verify, catalog) against an unverified `cp -r` + `sync` of the same
# card, and against verifying by hand (`cp -r`, `sync`, `xxhsum -H2` of the
# source, drop the copy's cache, `xxhsum -H2` of the copy). About 1 GB: four
# large clips and 200 small files. The page cache is dropped before every run
# (needs root) so the card is read from the disk each time. Each variant runs
# RUNS times (default 3), interleaved; medians and ratios are printed.
# Usage: sudo bench/offload.sh [runs]   (run from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
command -v xxhsum >/dev/null || { echo "bench: xxhsum is not installed (apt-get install xxhash)" >&2; exit 2; }
[ -w /proc/sys/vm/drop_caches ] || { echo "bench: needs root to drop the page cache" >&2; exit 2; }
make -s build
work=$(mktemp -d "${TMPDIR:-/var/tmp}/rushes-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
card="$work/A001"
mkdir -p "$card/CLIPS" "$card/SUB"
for i in 1 2 3 4; do head -c $((230 << 20)) /dev/urandom >"$card/CLIPS/A001C00${i}_261102_R1AB.MOV"; done
for i in $(seq 1 200); do head -c $(((i * 7919) % 400000 + 20000)) /dev/urandom >"$card/SUB/sidecar_$i.xml"; done
echo "card: $(find "$card" -type f | wc -l) files, $(du -sh "$card" | cut -f1)"

cold() { sync; echo 3 >/proc/sys/vm/drop_caches; }
now() { date +%s.%N; }
rushes_run() { rm -rf "$work/lib"; cold; local t0; t0=$(now); ./bin/rushes ingest "$card" --library "$work/lib" >/dev/null 2>&1; echo "$(now) - $t0" | bc -l; }
cp_run() { rm -rf "$work/cp"; cold; local t0; t0=$(now); cp -r "$card" "$work/cp" && sync; echo "$(now) - $t0" | bc -l; }
hand_run() {
	rm -rf "$work/hand"; cold; local t0; t0=$(now)
	cp -r "$card" "$work/hand" && sync
	(cd "$card" && find . -type f -print0 | xargs -0 xxhsum -H2) >"$work/src.xxh"
	echo 3 >/proc/sys/vm/drop_caches
	(cd "$work/hand" && xxhsum -H2 -c "$work/src.xxh" >/dev/null 2>&1)
	echo "$(now) - $t0" | bc -l
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: >"$work/r"; : >"$work/c"; : >"$work/h"
for _ in $(seq "$runs"); do
	rushes_run >>"$work/r"; cp_run >>"$work/c"; hand_run >>"$work/h"
done
r=$(median <"$work/r"); c=$(median <"$work/c"); h=$(median <"$work/h")
printf 'rushes ingest (verified):     %.2f s\ncp -r + sync (unverified):    %.2f s\nby hand (cp, sync, xxhsum x2): %.2f s\n' "$r" "$c" "$h"
printf 'rushes / cp+sync: %.2fx   rushes / by hand: %.2fx\n' "$(echo "$r / $c" | bc -l)" "$(echo "$r / $h" | bc -l)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr), source and copies on $(df -h "$work" | awk 'NR==2{print $1}')"
