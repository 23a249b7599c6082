package catalog

import (
	"encoding/json"
	"math"
	"time"

	"github.com/rushes/rushes/media"
)

// clipJSON is the stable JSON shape of a clip (`rushes clips --format json`,
// `rushes show --json`, exports). Field names are the brief's contract: scripts
// depend on them, so rename nothing. Unknown values are null.
type clipJSON struct {
	ID          int64             `json:"id"`
	Name        string            `json:"name"`
	Kind        string            `json:"kind"`
	Date        *string           `json:"date"`
	ShotAt      *string           `json:"shot_at"`
	Scene       *string           `json:"scene"`
	Take        *string           `json:"take"`
	Camera      *string           `json:"camera"`
	Reel        *string           `json:"reel"`
	TCStart     *string           `json:"tc_start"`
	FPS         *float64          `json:"fps"`
	DurationS   *float64          `json:"duration_s"`
	Codec       *string           `json:"codec"`
	Width       *int              `json:"width"`
	Height      *int              `json:"height"`
	SampleRate  *int              `json:"sample_rate"`
	Channels    *int              `json:"channels"`
	SizeBytes   int64             `json:"size_bytes"`
	LibraryPath string            `json:"library_path"`
	SourcePath  string            `json:"source_path"`
	HashAlgo    string            `json:"hash_algo"`
	Hash        string            `json:"hash"`
	Files       []fileJSON        `json:"files"`
	Circled     bool              `json:"circled"`
	Rating      *int              `json:"rating"`
	NG          bool              `json:"ng"`
	Notes       []noteJSON        `json:"notes"`
	Tags        []string          `json:"tags"`
	IngestedAt  string            `json:"ingested_at"`
	Provenance  map[string]string `json:"provenance"`
	Warnings    []string          `json:"warnings"`
}

type fileJSON struct {
	Path       string `json:"path"`
	Role       string `json:"role"`
	SizeBytes  int64  `json:"size_bytes"`
	HashAlgo   string `json:"hash_algo"`
	Hash       string `json:"hash"`
	SourcePath string `json:"source_path"`
	VerifiedAt string `json:"verified_at"`
	// OtherSources: the same bytes found under other names (B007C042.MOV
	// identical to this A001C002.MOV); never null.
	OtherSources []string `json:"other_sources"`
}

type noteJSON struct {
	At     string `json:"at"`
	Author string `json:"author"`
	Text   string `json:"text"`
}

// MarshalJSON writes the clip in its stable JSON shape.
func (cl Clip) MarshalJSON() ([]byte, error) {
	j := clipJSON{
		ID: cl.ID, Name: cl.Name, Kind: string(cl.Kind), Date: media.OrNil(cl.Date), Scene: media.OrNil(cl.Scene),
		Take: media.OrNil(cl.Take), Camera: media.OrNil(cl.Camera), Reel: media.OrNil(cl.Reel), TCStart: media.OrNil(cl.TCStart),
		Codec: media.OrNil(cl.Codec), Width: media.OrNil(cl.Width), Height: media.OrNil(cl.Height), SampleRate: media.OrNil(cl.SampleRate),
		Channels: media.OrNil(cl.Channels), SizeBytes: cl.SizeBytes, LibraryPath: cl.LibraryPath,
		SourcePath: cl.SourcePath, HashAlgo: cl.HashAlgo, Hash: cl.Hash, Circled: cl.Circled,
		Rating: cl.Rating, NG: cl.NG, Tags: nonNil(cl.Tags), IngestedAt: cl.IngestedAt.Format(time.RFC3339),
		Provenance: cl.Provenance, Warnings: nonNil(cl.Warnings), Files: []fileJSON{}, Notes: []noteJSON{},
	}
	if !cl.ShotAt.IsZero() {
		s := cl.ShotAt.Format(time.RFC3339)
		j.ShotAt = &s
	}
	if f := cl.Rate.Float(); f > 0 {
		f = math.Round(f*1000) / 1000 // 23.976, not 23.976023976023978
		j.FPS = &f
	}
	if cl.Duration > 0 {
		j.DurationS = &cl.Duration
	}
	if j.Provenance == nil {
		j.Provenance = map[string]string{}
	}
	for _, f := range cl.Files {
		j.Files = append(j.Files, fileJSON{Path: f.Path, Role: f.Role, SizeBytes: f.SizeBytes, HashAlgo: f.HashAlgo,
			Hash: f.Hash, SourcePath: f.SourcePath, VerifiedAt: f.VerifiedAt.Format(time.RFC3339), OtherSources: nonNil(f.OtherSources)})
	}
	for _, n := range cl.Notes {
		j.Notes = append(j.Notes, noteJSON{At: n.At.Format(time.RFC3339), Author: n.Author, Text: n.Text})
	}
	return json.Marshal(j)
}
