package probe

import (
	"math"
	"time"

	"github.com/rushes/rushes/media"
)

// Report is the JSON shape of one file in `rushes probe --json`: the clip
// fields of the brief, where each came from, and what could not be read.
// Unknown values are null.
type Report struct {
	Path       string            `json:"path"`
	Kind       string            `json:"kind"`
	Date       *string           `json:"date"`
	ShotAt     *string           `json:"shot_at"`
	Scene      *string           `json:"scene"`
	Take       *string           `json:"take"`
	Camera     *string           `json:"camera"`
	Reel       *string           `json:"reel"`
	Project    *string           `json:"project"`
	TCStart    *string           `json:"tc_start"`
	FPS        *float64          `json:"fps"`
	DropFrame  bool              `json:"drop_frame"`
	DurationS  *float64          `json:"duration_s"`
	Codec      *string           `json:"codec"`
	Width      *int              `json:"width"`
	Height     *int              `json:"height"`
	SampleRate *int              `json:"sample_rate"`
	Channels   *int              `json:"channels"`
	Circled    bool              `json:"circled"`
	Notes      *string           `json:"notes"`
	Make       *string           `json:"make"`
	Model      *string           `json:"model"`
	Serial     *string           `json:"serial"`
	Provenance map[string]string `json:"provenance"`
	Warnings   []string          `json:"warnings"`
}

// NewReport builds the report of f; day is its shooting day (organize
// decides it from the configured zone and day_starts).
func NewReport(f media.Facts, day string) Report {
	r := Report{
		Path: f.Path, Kind: string(f.Kind), Date: media.OrNil(day), Scene: media.OrNil(f.Scene), Take: media.OrNil(f.Take),
		Camera: media.OrNil(f.Camera), Reel: media.OrNil(f.Reel), Project: media.OrNil(f.Project), Codec: media.OrNil(f.Codec),
		Width: media.OrNil(f.Width), Height: media.OrNil(f.Height), SampleRate: media.OrNil(f.SampleRate), Channels: media.OrNil(f.Channels),
		Circled: f.Circled, Notes: media.OrNil(f.Notes), Make: media.OrNil(f.Make), Model: media.OrNil(f.Model), Serial: media.OrNil(f.Serial),
		Provenance: f.Provenance, Warnings: f.Warnings,
	}
	if !f.ShotAt.IsZero() {
		s := f.ShotAt.Format(time.RFC3339)
		r.ShotAt = &s
	}
	if f.TCStart != nil {
		s := f.TCStart.String()
		r.TCStart, r.DropFrame = &s, f.TCStart.Drop
	}
	if v := f.Rate.Float(); v > 0 {
		v = math.Round(v*1000) / 1000
		r.FPS = &v
	}
	if f.Duration > 0 {
		v := math.Round(f.Duration.Seconds()*1000) / 1000
		r.DurationS = &v
	}
	if r.Provenance == nil {
		r.Provenance = map[string]string{}
	}
	if r.Warnings == nil {
		r.Warnings = []string{}
	}
	return r
}
