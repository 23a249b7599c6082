package bwf

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxTracks bounds the TRACK_LIST kept per file; recorders have at most a
// few dozen tracks.
const maxTracks = 1024

// ixmlDoc is the part of iXML rushes reads. iXML has no schema: every
// element is optional and read as text, interpreted later.
type ixmlDoc struct {
	XMLName   xml.Name
	Project   string        `xml:"PROJECT"`
	Scene     string        `xml:"SCENE"`
	Take      string        `xml:"TAKE"`
	Tape      string        `xml:"TAPE"`
	Circled   string        `xml:"CIRCLED"`
	Note      string        `xml:"NOTE"`
	Speed     ixmlSpeed     `xml:"SPEED"`
	TrackList ixmlTrackList `xml:"TRACK_LIST"`
	FileSet   ixmlFileSet   `xml:"FILE_SET"`
}

type ixmlSpeed struct {
	MasterSpeed         string `xml:"MASTER_SPEED"`
	TimecodeRate        string `xml:"TIMECODE_RATE"`
	TimecodeFlag        string `xml:"TIMECODE_FLAG"`
	FileSampleRate      string `xml:"FILE_SAMPLE_RATE"`
	TimestampSampleRate string `xml:"TIMESTAMP_SAMPLE_RATE"`
	SamplesHi           string `xml:"TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI"`
	SamplesLo           string `xml:"TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO"`
}

type ixmlTrackList struct {
	Tracks []ixmlTrack `xml:"TRACK"`
}

type ixmlTrack struct {
	ChannelIndex    string `xml:"CHANNEL_INDEX"`
	InterleaveIndex string `xml:"INTERLEAVE_INDEX"`
	Name            string `xml:"NAME"`
}

type ixmlFileSet struct {
	TotalFiles   string `xml:"TOTAL_FILES"`
	FamilyUID    string `xml:"FAMILY_UID"`
	FileSetIndex string `xml:"FILE_SET_INDEX"`
}

// readIXML reads and decodes the iXML chunk, unless it claims more than
// maxIXML bytes: real iXML is a few KB, so a huge claim is damage.
func (p *parser) readIXML(off int64, size uint64, avail int64) error {
	if size > maxIXML {
		p.warnf("iXML chunk at offset %d claims %d bytes, over the %d-byte limit; not read", off, size, maxIXML)
		return nil
	}
	b, err := p.readAt(off+8, int(avail))
	if err != nil {
		return err
	}
	doc, err := decodeIXML(b)
	if err != nil {
		p.warnf("iXML chunk at offset %d: %v (kept what was read before it)", off, err)
	}
	if doc.XMLName.Local != "" && doc.XMLName.Local != "BWFXML" {
		p.warnf("iXML chunk at offset %d: root element is <%s>, not <BWFXML>", off, doc.XMLName.Local)
	}
	p.ixml = doc
	return nil
}

// decodeIXML decodes as much of the document as is well formed. On an error
// the returned document holds the elements decoded before it.
func decodeIXML(b []byte) (*ixmlDoc, error) {
	b = bytes.TrimLeft(b, "\x00 \t\r\n")
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(b) {
		// Declared UTF-8 or not, bytes that are not UTF-8 are Latin-1 in
		// practice; decoding them as such keeps names with accents.
		b = []byte(latin1(b))
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	doc := &ixmlDoc{}
	err := d.Decode(doc)
	trimDoc(doc)
	return doc, err
}

// trimDoc trims the whitespace pretty-printing leaves around values.
func trimDoc(d *ixmlDoc) {
	for _, s := range []*string{&d.Project, &d.Scene, &d.Take, &d.Tape, &d.Circled, &d.Note,
		&d.Speed.MasterSpeed, &d.Speed.TimecodeRate, &d.Speed.TimecodeFlag, &d.Speed.FileSampleRate,
		&d.Speed.TimestampSampleRate, &d.Speed.SamplesHi, &d.Speed.SamplesLo,
		&d.FileSet.TotalFiles, &d.FileSet.FamilyUID, &d.FileSet.FileSetIndex} {
		*s = strings.TrimSpace(*s)
	}
	for i := range d.TrackList.Tracks {
		t := &d.TrackList.Tracks[i]
		t.ChannelIndex, t.InterleaveIndex = strings.TrimSpace(t.ChannelIndex), strings.TrimSpace(t.InterleaveIndex)
		t.Name = strings.TrimSpace(t.Name)
	}
}

// tracks fills Info.Tracks from TRACK_LIST.
func (p *parser) tracks() {
	list := p.ixml.TrackList.Tracks
	if len(list) > maxTracks {
		p.warnf("iXML TRACK_LIST has %d tracks; kept the first %d", len(list), maxTracks)
		list = list[:maxTracks]
	}
	for _, t := range list {
		p.info.Tracks = append(p.info.Tracks, Track{
			Index:      atoi(t.ChannelIndex),
			Interleave: atoi(t.InterleaveIndex),
			Name:       t.Name,
		})
	}
}

// fileSet fills Info.FileSet from FILE_SET.
func (p *parser) fileSet() {
	fs := p.ixml.FileSet
	p.info.FileSet = FileSet{Total: atoi(fs.TotalFiles), Index: setIndex(fs.FileSetIndex), FamilyUID: fs.FamilyUID}
}

// setIndex reads FILE_SET_INDEX: a number, or a letter (Sound Devices poly
// files say "A") counted from A=1.
func setIndex(s string) int {
	if len(s) == 1 {
		switch c := s[0] | 0x20; {
		case c >= 'a' && c <= 'z':
			return int(c-'a') + 1
		}
	}
	return atoi(s)
}

// atoi reads a small non-negative decimal; anything else is 0 (unknown).
func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
