package export

import (
	"bufio"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/media"
)

// ALEOptions shape an Avid Log Exchange file.
type ALEOptions struct {
	// FPS is the project frame rate: the FPS heading, and the rate timecodes
	// of clips without a rate of their own are counted in. Zero takes the
	// most common rate of the picture clips (of all clips if there is no
	// picture), and each row carries its clip's own rate in the FPS column.
	FPS media.Rate
	// VideoFormat is the VIDEO_FORMAT heading: "1080" (default), "720",
	// "NTSC", "PAL" or "CUSTOM". It must match the Avid project's format or
	// Media Composer refuses the import, and offline projects are mostly HD,
	// whatever the camera's size; DaVinci Resolve writes 1080 for 2K too.
	VideoFormat string
	// AudioFormat is the AUDIO_FORMAT heading; empty derives it from the
	// clips' sample rates: "44kHz" when 44.1 kHz is the most common, else
	// "48kHz".
	AudioFormat string
	// LibraryRoot is put before each clip's library path in the Source Path
	// column: the library as the editing machine mounts it.
	LibraryRoot string
	// Warn, when set, is told what the file had to assume: mixed frame rates,
	// clips without timecode, rate or duration. Nil drops warnings.
	Warn func(msg string)
}

// aleColumns are the columns rushes writes, with Avid's own header names
// where Media Composer has one (Name, Tracks, Start, End, Duration, FPS,
// Tape, Source File, Source Path, Scene, Take, Camera, Shoot Date, Comments);
// Circled is a custom column.
var aleColumns = []string{
	"Name", "Tracks", "Start", "End", "Duration", "FPS", "Tape", "Source File", "Source Path",
	"Scene", "Take", "Camera", "Circled", "Shoot Date", "Comments",
}

// ALE writes clips as an Avid Log Exchange file: a Heading (FIELD_DELIM TABS,
// VIDEO_FORMAT, AUDIO_FORMAT, FPS), a Column line and one Data row per clip,
// tab-separated, laid out like Avid's sample log (a blank line before Column
// and before Data).
//
// Timecodes are counted at each clip's own rate: Start from tc_start (';'
// before the frames for 29.97 and 59.94 drop-frame), End the first frame after
// the clip (Start + Duration, as Avid and the fixture ALEs write it). A clip
// without timecode starts at 00:00:00:00; one without a rate is counted at the
// FPS heading. When no rate can be found at all, ALE returns ErrNoFrameRate.
// Tabs and line breaks inside values become spaces.
func ALE(w io.Writer, clips []catalog.Clip, opts ALEOptions) error {
	warn := opts.Warn
	if warn == nil {
		warn = func(string) {}
	}
	fps, err := aleFPS(clips, opts, warn)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	heading := [][2]string{
		{"FIELD_DELIM", "TABS"},
		{"VIDEO_FORMAT", orDefault(opts.VideoFormat, "1080")},
		{"AUDIO_FORMAT", orDefault(opts.AudioFormat, audioFormat(clips))},
		{"FPS", fps.String()},
	}
	bw.WriteString("Heading\n")
	for _, h := range heading {
		bw.WriteString(aleValue(h[0]) + "\t" + aleValue(h[1]) + "\n")
	}
	bw.WriteString("\nColumn\n" + strings.Join(aleColumns, "\t") + "\n\nData\n")
	for _, c := range clips {
		row := aleRow(c, fps, opts.LibraryRoot, warn)
		for i := range row {
			row[i] = aleValue(row[i])
		}
		bw.WriteString(strings.Join(row, "\t") + "\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write ale: %w", err)
	}
	return nil
}

// aleFPS decides the FPS heading and warns when the clips disagree with it.
func aleFPS(clips []catalog.Clip, opts ALEOptions, warn func(string)) (media.Rate, error) {
	var picture, all rateCount
	for _, c := range clips {
		all.add(c.Rate)
		if c.Kind == media.KindVideo {
			picture.add(c.Rate)
		}
	}
	fps := opts.FPS
	if fps.IsZero() {
		fps = picture.most()
	}
	if fps.IsZero() {
		fps = all.most()
	}
	if fps.IsZero() {
		return media.Rate{}, fmt.Errorf("ale FPS heading: %w", ErrNoFrameRate)
	}
	fps = reduceRate(fps)
	if len(all.rates) > 1 || (len(all.rates) == 1 && all.rates[0] != fps) {
		warn(fmt.Sprintf("clips at different frame rates: %s; the FPS heading says %s and each row's FPS column its own rate",
			all.summary(), fps))
	}
	return fps, nil
}

// aleRow is one clip's Data row, in aleColumns order.
func aleRow(c catalog.Clip, fps media.Rate, root string, warn func(string)) []string {
	t, _ := timeClip(c, fps) // fps is never zero here
	switch {
	case t.TCErr != nil:
		warn(fmt.Sprintf("%s: %v; Start written as 00:00:00:00", c.Name, t.TCErr))
	case t.NoTC:
		warn(fmt.Sprintf("%s: no start timecode; Start written as 00:00:00:00", c.Name))
	}
	if t.RateAssumed {
		warn(fmt.Sprintf("%s: no frame rate; timecodes counted at %s fps", c.Name, t.Rate))
	}
	if t.Frames == 0 {
		warn(fmt.Sprintf("%s: duration unknown; End written equal to Start", c.Name))
	}
	circled := ""
	if c.Circled {
		circled = "Y"
	}
	notes := make([]string, len(c.Notes))
	for i, n := range c.Notes {
		notes[i] = n.Text
	}
	return []string{
		c.Name, tracks(c), t.Start.String(), t.End().String(),
		media.Timecode{Frames: t.Frames, Rate: t.Rate, Drop: t.Start.Drop}.String(), t.Rate.String(),
		tape(c), path.Base(c.LibraryPath), libraryFile(root, c.LibraryPath),
		c.Scene, c.Take, c.Camera, circled, c.Date, strings.Join(notes, " | "),
	}
}

// tracks is Avid's Tracks value: V for picture, then A1, A2 ... one per
// audio channel; a sound clip of unknown layout gets A1.
func tracks(c catalog.Clip) string {
	var b strings.Builder
	n := c.Channels
	switch c.Kind {
	case media.KindAudio:
		n = max(n, 1)
	default:
		b.WriteString("V")
	}
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "A%d", i)
	}
	return b.String()
}

// tape is the clip's reel; a clip without one is its own tape, named by its
// file name without the extension, as DaVinci Resolve does.
func tape(c catalog.Clip) string {
	if c.Reel != "" {
		return c.Reel
	}
	return strings.TrimSuffix(c.Name, path.Ext(c.Name))
}

// libraryFile is a library path under the root the editor mounts it at.
func libraryFile(root, p string) string {
	if root == "" || p == "" || strings.HasPrefix(p, "/") {
		return p
	}
	return path.Join(strings.ReplaceAll(root, `\`, "/"), p)
}

// audioFormat derives AUDIO_FORMAT from the most common sample rate.
func audioFormat(clips []catalog.Clip) string {
	var n44, n48 int
	for _, c := range clips {
		switch c.SampleRate {
		case 0:
		case 44100, 44056:
			n44++
		default:
			n48++
		}
	}
	if n44 > n48 {
		return "44kHz"
	}
	return "48kHz"
}

// aleValue keeps a value inside its cell: tabs, line breaks and other
// control characters become spaces.
func aleValue(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
