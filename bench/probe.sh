#!/usr/bin/env bash
# Metadata reading speed: `rushes probe --format json DIR` against
# `exiftool -fast -json -r DIR` over the same tree of about 1,000 mixed
# files (copies of the real camera and recorder fixtures), as whole
# processes, each run 5 times after a warm-up; prints the medians and the ratio.
# Usage: bench/probe.sh [files]   (needs exiftool; run from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
fx=../shared/fixtures
command -v exiftool >/dev/null || { echo "bench: exiftool is not installed (apt-get install libimage-exiftool-perl)" >&2; exit 2; }
make -s build
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mapfile -t media < <(cd "$fx" && find sound video -type f \( -iname '*.wav' -o -iname '*.mp4' -o -iname '*.mov' -o -iname '*.m4a' -o -iname '*.mts' -o -iname '*.mxf' -o -iname '*.r3d' \) | sort)
for ((i = 0; i < n; i++)); do
	src=${media[i % ${#media[@]}]}
	d="$tree/card$((i / 100))"
	mkdir -p "$d"
	cp "$fx/$src" "$d/$(printf '%04d' "$i")_$(basename "$src")"
done
echo "tree: $n files, $(du -sh "$tree" | cut -f1), from ${#media[@]} fixtures"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timeit() { # runs "$@" 5 times (after one warm-up), prints the median seconds
	"$@" >/dev/null 2>&1 || true
	for _ in 1 2 3 4 5; do
		local t0 t1
		t0=$(date +%s.%N)
		"$@" >/dev/null 2>&1 || true
		t1=$(date +%s.%N)
		echo "$t1 - $t0" | bc -l
	done | median
}
r=$(timeit ./bin/rushes probe --format json --no-ffprobe "$tree")
e=$(timeit exiftool -fast -json -r "$tree")
printf 'rushes probe:      %.3f s\nexiftool -fast:    %.3f s\nratio (exiftool/rushes): %.1fx\n' "$r" "$e" "$(echo "$e / $r" | bc -l)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr)"
