package qt

// finish turns the gathered tracks and metadata into Info.
func (p *parser) finish() {
	for _, t := range p.tracks {
		p.finishTrack(t)
		p.info.Tracks = append(p.info.Tracks, t.Track)
	}
	p.fragmentDuration()
	p.cameraFacts()
	if len(p.itunes) > 0 {
		tags, err := readTags(p.itunes)
		p.info.Tags = tags
		if err != nil {
			p.warnf("iTunes tags: %v", err)
		}
	}
}

func (p *parser) finishTrack(t *track) {
	switch t.Handler {
	case "vide":
		t.visual()
		t.Rate = t.stts.rate(t.Timescale)
		if t.Rate.IsZero() {
			t.Rate = t.frag.rate(t.Timescale)
		}
	case "soun":
		t.sound()
	case "tmcd":
		t.timecodeEntry()
		if p.info.Timecode == nil {
			if tc := p.startTimecode(t); tc != nil {
				p.info.Timecode = tc
				p.info.Reel = t.tmcd.reel
			}
		}
	}
	t.Duration = span(t.mdhdUnits, t.Timescale)
	if t.Duration == 0 {
		t.Duration = span(t.frag.total(), t.Timescale)
	}
	if t.lastChunk >= p.size {
		p.warnf("track %d (%s): sample data at %d lies past the end of the file (%d bytes): file cut short",
			t.ID, t.Handler, t.lastChunk, p.size)
	}
}

// fragmentDuration fills a fragmented movie's duration, which its mvhd
// leaves at 0: mehd when the writer knew it, else the longest track.
func (p *parser) fragmentDuration() {
	if p.info.Duration != 0 || !p.info.Fragmented {
		return
	}
	if d := span(p.fragDur, p.movieScale); d > 0 {
		p.info.Duration = d
		return
	}
	for _, t := range p.info.Tracks {
		p.info.Duration = max(p.info.Duration, t.Duration)
	}
}

// cameraFacts fills camera and date facts from Apple keys first, then udta.
func (p *parser) cameraFacts() {
	k, u := p.info.Keys, p.info.UserData
	p.info.Make = first(k["com.apple.quicktime.make"], u["©mak"])
	p.info.Model = first(k["com.apple.quicktime.model"], u["©mod"])
	p.info.Software = first(k["com.apple.quicktime.software"], u["©swr"], u["FIRM"])
	for _, s := range []string{k["com.apple.quicktime.creationdate"], u["©day"]} {
		if t, ok := parseLocalTime(s); ok {
			p.info.CreationDate = t
			break
		}
	}
	if p.info.CreationDate.IsZero() && k["com.apple.quicktime.creationdate"] != "" {
		p.warnf("com.apple.quicktime.creationdate %q is not a date with an offset", k["com.apple.quicktime.creationdate"])
	}
}

func first(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
