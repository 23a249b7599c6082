#!/usr/bin/env bash
# The daemon, measured as a whole process:
#  1. latency: how long after a file is finished it is in the catalog, with
#     settle 1s (target: within settle + 2 s); 5 files, one at a time;
#  2. idle memory while watching 100,000 files (on a tmpfs, with a settle of
#     one hour so that nothing is ingested: the daemon only watches), and how
#     long its first scan of them takes.
# Usage: sudo bench/daemon.sh   (root for the tmpfs; run from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
make -s build
bin=$PWD/bin/rushes
work=$(mktemp -d)
cleanup() { pkill -f "rushes daemon --settle" || true; sleep 0.5; umount "$work/big/ingest" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ms() { date +%s%3N; }

mkdir -p "$work/lat/ingest"
(cd "$work/lat" && XDG_CONFIG_HOME="$work" "$bin" daemon --settle 1s >daemon.log 2>&1 &)
until (cd "$work/lat" && "$bin" status --json 2>/dev/null | grep -q '"running": true'); do sleep 0.1; done
for i in 1 2 3 4 5; do
	mkdir -p "$work/lat/ingest/CARD$i"
	head -c 5000000 /dev/urandom >"$work/lat/ingest/CARD$i/C000$i.MP4"
	t0=$(ms)
	until [ "$(cd "$work/lat" && "$bin" clips --format paths | wc -l)" -ge "$i" ]; do sleep 0.02; done
	echo $(($(ms) - t0))
done | sort -n | awk '{a[NR]=$1} END {printf "latency (file finished -> in the catalog), settle 1 s: median %d ms, slowest %d ms\n", a[3], a[5]}'
pkill -f "rushes daemon --settle 1s" || true

mkdir -p "$work/big/ingest"
mount -t tmpfs -o size=1g tmpfs "$work/big/ingest"
for c in $(seq 0 9); do for d in $(seq 0 9); do
	mkdir -p "$work/big/ingest/CARD$c/F$d"
	(cd "$work/big/ingest/CARD$c/F$d" && seq -f "C%04g.MOV" 0 999 | xargs touch)
done; done
echo "files: $(find "$work/big/ingest" -type f | wc -l)"
t0=$(ms)
(cd "$work/big" && XDG_CONFIG_HOME="$work" "$bin" daemon --settle 1h >daemon.log 2>&1 &)
until (cd "$work/big" && "$bin" status --json 2>/dev/null | grep -q '"scanned": true'); do sleep 0.1; done
echo "first scan of 100,000 files: $(($(ms) - t0)) ms (daemon start included)"
sleep 10
pid=$(pgrep -f "rushes daemon --settle 1h")
echo "idle RSS while watching 100,000 files: $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$pid/status)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
