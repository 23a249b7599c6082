package main

import (
	"fmt"
	"io"
	"path/filepath"
	"sync"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/pipeline"
	"github.com/schollz/progressbar/v3"
)

// progress shows an ingest: a bar on a terminal, one line per file
// otherwise. Paths and errors name files from a card: hostile, so escaped. Files are copied concurrently, so every method locks.
type progress struct {
	mu  sync.Mutex
	w   io.Writer
	bar *progressbar.ProgressBar // nil when not a terminal
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w}
}

func (p *progress) Planned(files int, bytes int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !isTerminal(p.w) {
		fmt.Fprintf(p.w, "offloading %d files, %s\n", files, humanBytes(bytes))
		return
	}
	p.bar = progressbar.NewOptions64(bytes,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetDescription(fmt.Sprintf("%d files", files)),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(),
	)
}

func (p *progress) Started(pl pipeline.Planned) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Describe(termSafe(filepath.Base(pl.Path)))
	}
}

func (p *progress) Copied(n int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Add64(n)
	}
}

func (p *progress) Finished(pl pipeline.Planned, state string, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		if state != catalog.StateVerified { // skipped bytes still count toward the total
			p.bar.Add64(pl.Size)
		}
		if err != nil {
			p.bar.Clear()
			fmt.Fprintf(p.w, "FAILED %s: %s\n", termSafe(pl.Path), termSafe(err.Error()))
		}
		return
	}
	switch {
	case err != nil:
		fmt.Fprintf(p.w, "failed   %s: %s\n", termSafe(pl.Path), termSafe(err.Error()))
	case state == catalog.StateKnown:
		fmt.Fprintf(p.w, "known    %s\n", termSafe(pl.Path))
	default:
		fmt.Fprintf(p.w, "verified %s -> %s\n", termSafe(pl.Path), termSafe(pl.Dest))
	}
}

func (p *progress) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
	}
}
