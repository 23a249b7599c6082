package main

import (
	"io"
	"os"
	"slices"
	"strings"

	"github.com/rivo/uniseg"
	"golang.org/x/term"
)

// columnGap is the space between two columns of a table.
const columnGap = 2

// minColumn is the narrowest a fitted column gets: below that a cell says
// nothing, and the line may as well wrap.
const minColumn = 6

// render writes rows (header first when it has one) as aligned columns,
// every cell escaped by termSafe. With width > 0 the columns are fitted to
// it: the widest are cut, with "…", until the line fits. Widths are display
// columns (a kanji counts two), not bytes or runes.
func render(w io.Writer, header []string, rows [][]string, width int) error {
	all := make([][]string, 0, len(rows)+1)
	if header != nil {
		all = append(all, header)
	}
	all = append(all, rows...)
	cells := make([][]string, len(all))
	var natural []int
	for i, r := range all {
		cells[i] = make([]string, len(r))
		for j, c := range r {
			cells[i][j] = termSafe(c)
			for len(natural) <= j {
				natural = append(natural, 0)
			}
			natural[j] = max(natural[j], uniseg.StringWidth(cells[i][j]))
		}
	}
	widths := fitColumns(natural, width)
	var b strings.Builder
	for _, r := range cells {
		b.Reset()
		for j, c := range r {
			c = truncate(c, widths[j])
			b.WriteString(c)
			if j < len(r)-1 { // the last column is not padded
				b.WriteString(strings.Repeat(" ", widths[j]-uniseg.StringWidth(c)+columnGap))
			}
		}
		if _, err := io.WriteString(w, strings.TrimRight(b.String(), " ")+"\n"); err != nil {
			return err
		}
	}
	return nil
}

// fitColumns returns the widths to print columns of the natural widths in,
// within width (0: no limit). Short columns (ids, dates, timecodes, sizes:
// keepWhole wide or less) are kept whole while the long ones (names, paths)
// can give way: those share what is left, each cut to the same cap, so one
// long path does not push every other column off the screen. Only when the
// long ones are down to minColumn are the short ones cut too.
func fitColumns(natural []int, width int) []int {
	widths := append([]int(nil), natural...)
	if width <= 0 || len(natural) == 0 {
		return widths
	}
	room := width - columnGap*(len(natural)-1)
	if sum(natural) <= room {
		return widths
	}
	var short, long []int // indexes
	shortWidth := 0
	for i, n := range natural {
		if n <= keepWhole {
			short, shortWidth = append(short, i), shortWidth+n
		} else {
			long = append(long, i)
		}
	}
	if shortWidth+len(long)*minColumn <= room {
		shareOut(widths, natural, long, room-shortWidth)
	} else {
		shareOut(widths, natural, append(short, long...), room)
	}
	return widths
}

// keepWhole is the widest column kept whole while longer ones can be cut:
// a date (10), a drop-frame timecode (11).
const keepWhole = 12

// shareOut sets the widths of the columns cols to the widest common cap
// (at least minColumn) that fits room, giving the rounding left over to the
// first cut columns.
func shareOut(widths, natural, cols []int, room int) {
	of := make([]int, len(cols))
	for k, i := range cols {
		of[k] = natural[i]
	}
	limit := minColumn
	for c := slices.Max(of); c >= minColumn; c-- {
		if capped(of, c) <= room {
			limit = c
			break
		}
	}
	spare := room - capped(of, limit)
	for _, i := range cols {
		if natural[i] > limit {
			widths[i] = limit
			if spare > 0 {
				widths[i]++
				spare--
			}
		}
	}
}

func capped(natural []int, limit int) int {
	total := 0
	for _, n := range natural {
		total += min(n, limit)
	}
	return total
}

func sum(ns []int) int {
	total := 0
	for _, n := range ns {
		total += n
	}
	return total
}

// truncate cuts s to at most width display columns, ending in "…" when
// anything was cut. It cuts between grapheme clusters, never inside one.
func truncate(s string, width int) string {
	if uniseg.StringWidth(s) <= width {
		return s
	}
	var b strings.Builder
	used, state := 0, -1
	for rest := s; rest != ""; {
		var cluster string
		var w int
		cluster, rest, w, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if used+w > width-1 {
			break
		}
		b.WriteString(cluster)
		used += w
	}
	return b.String() + "…"
}

// termWidth is the width of the terminal w writes to, 0 when w is not a
// terminal: piped output is never cut.
func termWidth(w io.Writer) int {
	if lw, ok := w.(*lockedWriter); ok {
		w = lw.w
	}
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	cols, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return cols
}
