package export

import (
	"strconv"

	"github.com/rushes/rushes/media"
)

// fcpFormats are the format resources and the one the stringout uses.
type fcpFormats struct {
	seq     string // format id of the stringout sequence, "" for none
	seqRate media.Rate
	seqDrop bool
}

type formatKey struct {
	rate          media.Rate
	width, height int
}

// assignFormats adds a format per distinct picture rate and size, in clip
// order, and picks the stringout's: the one most picture clips use, or for
// sound alone an HD format at the sound's most common timecode rate.
func assignFormats(placed []fcpPlaced, res *fcpResources) fcpFormats {
	ids := map[formatKey]string{}
	count, drops := map[string]int{}, map[string]int{}
	var f fcpFormats
	var rates rateCount
	for i := range placed {
		p := &placed[i]
		rates.add(p.rate)
		if !p.video {
			continue
		}
		k := formatKey{p.rate, p.c.Width, p.c.Height}
		id, ok := ids[k]
		if !ok {
			id = addFormat(res, k)
			ids[k] = id
		}
		p.formatID = id
		count[id]++
		if p.drop {
			drops[id]++
		}
		if count[id] > count[f.seq] {
			f.seq, f.seqRate = id, p.rate
		}
	}
	if f.seq == "" && !rates.most().IsZero() {
		f.seqRate = rates.most()
		f.seq = addFormat(res, formatKey{f.seqRate, 1920, 1080})
	}
	f.seqDrop = drops[f.seq]*2 > count[f.seq]
	return f
}

func addFormat(res *fcpResources, k formatKey) string {
	id := "r" + strconv.Itoa(len(res.Formats)+1)
	res.Formats = append(res.Formats, fcpFormat{ID: id, Name: formatName(k),
		FrameDuration: fcpTime(k.rate.Den, k.rate.Num), Width: k.width, Height: k.height})
	return id
}

// formatName is Final Cut Pro's name for the common formats; others get
// none and Final Cut builds a custom format from the attributes.
func formatName(k formatKey) string {
	rate := map[media.Rate]string{
		{Num: 24000, Den: 1001}: "2398", {Num: 24, Den: 1}: "24", {Num: 25, Den: 1}: "25",
		{Num: 30000, Den: 1001}: "2997", {Num: 30, Den: 1}: "30", {Num: 50, Den: 1}: "50",
		{Num: 60000, Den: 1001}: "5994", {Num: 60, Den: 1}: "60",
	}[k.rate]
	size := map[[2]int]string{
		{1920, 1080}: "1080p", {1280, 720}: "720p", {3840, 2160}: "3840x2160p",
		{4096, 2160}: "4096x2160p", {2048, 1080}: "2048x1080p",
	}[[2]int{k.width, k.height}]
	if rate == "" || size == "" {
		return ""
	}
	return "FFVideoFormat" + size + rate
}

// stringout is a project with every clip end to end from 01:00:00:00, each
// cut to whole frames of the sequence (a clip of another rate plays at its
// own speed, as Final Cut and Resolve play mixed rates).
func stringout(placed []fcpPlaced, f fcpFormats, name string, warn func(string)) *fcpProject {
	if f.seq == "" {
		warn("no clip has a frame rate: the stringout project is left out")
		return nil
	}
	r := f.seqRate
	var offset int64 // in sequence frames
	var spine fcpSpine
	for i := range placed {
		p := &placed[i]
		n := p.dur * r.Num / (p.den * r.Den) // whole sequence frames, rounded down
		if n <= 0 {
			continue
		}
		ac := p.ref()
		ac.Offset, ac.Duration = fcpTime(offset*r.Den, r.Num), fcpTime(n*r.Den, r.Num)
		spine.Clips = append(spine.Clips, ac)
		offset += n
	}
	if len(spine.Clips) == 0 {
		warn("no clip has a known duration: the stringout project is left out")
		return nil
	}
	tc, tcFormat := "01:00:00:00", "NDF"
	if f.seqDrop {
		tc, tcFormat = "01:00:00;00", "DF"
	}
	start, _ := parseTimecode(tc, r)
	return &fcpProject{Name: name, Sequence: fcpSequence{
		Format: f.seq, Duration: fcpTime(offset*r.Den, r.Num), TCStart: fcpTime(start.Frames*r.Den, r.Num),
		TCFormat: tcFormat, AudioLayout: "stereo", AudioRate: "48k", Spine: spine,
	}}
}
