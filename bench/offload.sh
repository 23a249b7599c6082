#!/usr/bin/env bash
# Verified ingest speed against the product's two targets, on one card of
# about 1 GB: four 230 MiB clips and 200 small files (20-420 KB). Variants:
#   rushes   `rushes ingest CARD --library LIB` into an empty library: walk,
#            probe, plan, then per file one read of the source feeding the
#            hash and the copy, fsync, read-back from the disk (cache dropped)
#            compared with the source hash, rename, folder fsync, catalog
#            commit; then the ASC MHL manifest.
#   cp       `cp -r CARD DIR && sync`: an unverified copy made durable.
#   by hand  `cp -r`, `sync`, `xxhsum -H2` of every source file (from the page
#            cache: cp just read them, as it would be by hand), drop the page
#            cache, `xxhsum -H2 -c` of the copy (so from the disk). No folder
#            fsyncs, no catalog, mtimes not kept: less than rushes promises.
# Targets: rushes <= 1.25 x cp, and rushes < by hand.
# Every variant starts with the page cache dropped (needs root), so the card
# is read from the disk each time. Variants run interleaved, RUNS times each
# (default 5); each run's time is printed, then the median and the spread.
# The machine should be otherwise idle: a shared disk or CPU shows as noise.
# CARD_DIR puts the card on another device, as a card reader is: then only
# the copies and their read-back use the library's disk. A RAM block device
# is read through the page cache like a card and dropped from it likewise:
#   echo 2G >/sys/block/zram0/disksize && mkfs.ext4 -q /dev/zram0 &&
#   mkdir -p /mnt/card && mount /dev/zram0 /mnt/card
# (CARD_DIR=/dev/shm, a tmpfs, works too; the cache drop leaves it in RAM.)
# Usage: sudo [CARD_DIR=/mnt/card] bench/offload.sh [runs] [other-rushes-binary]
#   (from the repository root; with a second binary, e.g. a build of the
#   previous commit, it is timed too, interleaved, as "other")
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
other=${2:-}
command -v xxhsum >/dev/null || { echo "bench: xxhsum is not installed (apt-get install xxhash)" >&2; exit 2; }
[ -w /proc/sys/vm/drop_caches ] || { echo "bench: needs root to drop the page cache" >&2; exit 2; }
[ -z "$other" ] || [ -x "$other" ] || { echo "bench: $other is not an executable" >&2; exit 2; }
make -s build
work=$(mktemp -d "${TMPDIR:-/var/tmp}/rushes-bench.XXXXXX")
carddir=$(mktemp -d "${CARD_DIR:-$work}/rushes-card.XXXXXX")
trap 'rm -rf "$work" "$carddir"' EXIT
card="$carddir/A001"
mkdir -p "$card/CLIPS" "$card/SUB"
for i in 1 2 3 4; do head -c $((230 << 20)) /dev/urandom >"$card/CLIPS/A001C00${i}_261102_R1AB.MOV"; done
for i in $(seq 1 200); do head -c $(((i * 7919) % 400000 + 20000)) /dev/urandom >"$card/SUB/sidecar_$i.xml"; done
echo "card: $(find "$card" -type f | wc -l) files, $(du -sh "$card" | cut -f1)"

cold() { sync; echo 3 >/proc/sys/vm/drop_caches; }
now() { date +%s.%N; }
ingest_run() { # binary
	rm -rf "$work/lib"; cold; local t0; t0=$(now)
	"$1" ingest "$card" --library "$work/lib" >/dev/null 2>&1 || { echo "bench: $1 ingest failed" >&2; exit 1; }
	echo "$(now) - $t0" | bc -l
}
cp_run() { rm -rf "$work/cp"; cold; local t0; t0=$(now); cp -r "$card" "$work/cp" && sync; echo "$(now) - $t0" | bc -l; }
hand_run() {
	rm -rf "$work/hand"; cold; local t0; t0=$(now)
	cp -r "$card" "$work/hand" && sync
	(cd "$card" && find . -type f -print0 | xargs -0 xxhsum -q -H2) >"$work/src.xxh"
	echo 3 >/proc/sys/vm/drop_caches
	(cd "$work/hand" && xxhsum -q -H2 -c "$work/src.xxh" >/dev/null 2>&1) || { echo "bench: by hand: copy differs" >&2; exit 1; }
	echo "$(now) - $t0" | bc -l
}
: >"$work/r"; : >"$work/c"; : >"$work/h"; : >"$work/o"
for _ in $(seq "$runs"); do
	ingest_run ./bin/rushes >>"$work/r"
	[ -z "$other" ] || ingest_run "$other" >>"$work/o"
	cp_run >>"$work/c"; hand_run >>"$work/h"
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
report() { # label file
	printf '%-32s median %5.2f s   min %5.2f  max %5.2f   runs:' "$1" "$(median "$2")" "$(sort -n "$2" | head -1)" "$(sort -n "$2" | tail -1)"
	xargs printf ' %.2f' <"$2"; echo
}
report "rushes ingest (verified):" "$work/r"
[ -z "$other" ] || report "other rushes ($other):" "$work/o"
report "cp -r + sync (unverified):" "$work/c"
report "by hand (cp, sync, xxhsum x2):" "$work/h"
r=$(median "$work/r"); c=$(median "$work/c"); h=$(median "$work/h")
printf 'rushes / cp+sync: %.2fx (target <= 1.25)   rushes / by hand: %.2fx (target < 1)\n' "$(echo "$r / $c" | bc -l)" "$(echo "$r / $h" | bc -l)"
[ -z "$other" ] || printf 'other / cp+sync: %.2fx   other / by hand: %.2fx\n' "$(echo "$(median "$work/o") / $c" | bc -l)" "$(echo "$(median "$work/o") / $h" | bc -l)"
# What the disk moves: cp reads the card and writes the copy; a verified
# copy also reads the copy back from the disk. With card and library on one
# disk that is 1.5x the traffic, which bounds the ratio where the disk is
# the limit; the rate each variant drives the disk at shows how near it is.
bytes=$(du -sb "$card" | cut -f1)
card_dev=$(df "$card" | awk 'NR==2{print $1}'); lib_dev=$(df "$work" | awk 'NR==2{print $1}')
k=1; [ "$card_dev" != "$lib_dev" ] || k=2 # the card's own read counts where it shares the disk
printf 'disk traffic: cp+sync %.0f MB/s (%dx card), rushes %.0f MB/s (%dx card), by hand %.0f MB/s (%dx card)\n' \
	"$(echo "$k * $bytes / $c / 1000000" | bc -l)" "$k" "$(echo "($k + 1) * $bytes / $r / 1000000" | bc -l)" $((k + 1)) \
	"$(echo "($k + 1) * $bytes / $h / 1000000" | bc -l)" $((k + 1))
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr), card on $card_dev, copies on $lib_dev, load $(cut -d' ' -f1-3 /proc/loadavg)"
