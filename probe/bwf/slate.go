package bwf

import (
	"strconv"
	"strings"

	"github.com/rushes/rushes/media"
)

// slate is the scene/take/speed data one source (iXML or the bext
// description) gives, before the two are reconciled.
type slate struct {
	project, scene, take, tape, note, circled string
	rate                                      media.Rate
	drop, dropKnown                           bool
}

// finish derives what needs every chunk read: duration, the reconciled
// slate, tracks, file set and the start timecode.
func (p *parser) finish() {
	p.timing()
	var ix, ds slate
	if p.ixml != nil {
		ix = p.ixmlSlate()
		p.tracks()
		p.fileSet()
	}
	if p.info.Description != "" {
		ds = p.descriptionSlate()
	}
	p.merge(ix, ds)
	p.timecode()
}

func (p *parser) ixmlSlate() slate {
	d := p.ixml
	s := slate{project: d.Project, scene: d.Scene, take: d.Take, tape: d.Tape, note: d.Note, circled: d.Circled}
	for _, v := range []string{d.Speed.TimecodeRate, d.Speed.MasterSpeed} {
		if v == "" {
			continue
		}
		if r, ok := parseRate(v); ok {
			s.rate = r
			break
		}
		p.warnf("iXML SPEED: rate %q is not a frame rate", v)
	}
	switch strings.ToUpper(d.Speed.TimecodeFlag) {
	case "DF":
		s.drop, s.dropKnown = true, true
	case "NDF":
		s.dropKnown = true
	case "":
	default:
		p.warnf("iXML TIMECODE_FLAG %q is neither DF nor NDF", d.Speed.TimecodeFlag)
	}
	return s
}

func (p *parser) descriptionSlate() slate {
	f := descriptionFields(p.info.Description)
	s := slate{project: f["PROJECT"], scene: f["SCENE"], take: f["TAKE"], tape: f["TAPE"], note: f["NOTE"], circled: f["CIRCLED"]}
	if v := f["SPEED"]; v != "" {
		num, drop, known := descriptionSpeed(v)
		if r, ok := parseRate(num); ok {
			s.rate, s.drop, s.dropKnown = r, drop, known
		} else {
			p.warnf("bext description SPEED %q is not a frame rate", v)
		}
	}
	return s
}

// merge takes each field from iXML when it has one, else from the
// description, and warns where both have a value and they differ.
func (p *parser) merge(ix, ds slate) {
	in := p.info
	in.Project = p.pick("PROJECT", ix.project, ds.project)
	in.Scene = p.pick("SCENE", ix.scene, ds.scene)
	in.Take = p.pick("TAKE", ix.take, ds.take)
	in.Tape = p.pick("TAPE", ix.tape, ds.tape)
	in.Note = p.pick("NOTE", ix.note, ds.note)
	in.Circled = truthy(p.pick("CIRCLED", ix.circled, ds.circled))

	in.Rate = ix.rate
	if in.Rate.IsZero() {
		in.Rate = ds.rate
	} else if !ds.rate.IsZero() && ds.rate != ix.rate {
		p.warnf("iXML speed %s fps disagrees with bext description speed %s fps; using iXML", ix.rate, ds.rate)
	}
	switch {
	case ix.dropKnown:
		in.Drop = ix.drop
		if ds.dropKnown && ds.drop != ix.drop {
			p.warnf("iXML TIMECODE_FLAG (drop %t) disagrees with bext description speed (drop %t); using iXML", ix.drop, ds.drop)
		}
	case ds.dropKnown:
		in.Drop = ds.drop
	}
	if in.Drop && in.Rate.Nominal()%30 != 0 {
		p.warnf("drop-frame flag at %s fps ignored: only 29.97 and 59.94 drop frames", in.Rate)
		in.Drop = false
	}
}

func (p *parser) pick(key, ixml, desc string) string {
	if ixml == "" {
		return desc
	}
	if desc != "" && !sameSlate(ixml, desc) {
		p.warnf("iXML %s %q disagrees with bext description %s %q; using iXML", key, ixml, key, desc)
	}
	return ixml
}

// sameSlate compares slate values as a sound report would: "1" and "01"
// are the same take, case does not matter.
func sameSlate(a, b string) bool {
	if strings.EqualFold(a, b) {
		return true
	}
	x, err1 := strconv.ParseUint(a, 10, 64)
	y, err2 := strconv.ParseUint(b, 10, 64)
	return err1 == nil && err2 == nil && x == y
}

func truthy(s string) bool {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "TRUE", "YES", "Y", "1":
		return true
	}
	return false
}

// parseRate reads "24000/1001", "25/1", "23.976", "029.970" into an exact
// rate, mapping near-NTSC decimals to their 1001 ratios.
func parseRate(s string) (media.Rate, bool) {
	s = strings.TrimSpace(s)
	var f float64
	if num, den, ok := strings.Cut(s, "/"); ok {
		n, err1 := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
		d, err2 := strconv.ParseInt(strings.TrimSpace(den), 10, 64)
		if err1 != nil || err2 != nil || n <= 0 || d <= 0 || n > 1e9 || d > 1e9 {
			return media.Rate{}, false
		}
		if n%d == 0 {
			return validRate(media.Rate{Num: n / d, Den: 1})
		}
		f = float64(n) / float64(d)
	} else {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return media.Rate{}, false
		}
		f = v
	}
	return validRate(media.RateFromFloat(f))
}

// validRate accepts the rates picture is shot at: 1 to 1000 fps.
func validRate(r media.Rate) (media.Rate, bool) {
	if r.IsZero() || r.Float() < 1 || r.Float() > 1000 {
		return media.Rate{}, false
	}
	return r, true
}
