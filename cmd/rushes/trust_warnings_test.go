package main

import (
	"bytes"
	"encoding/binary"
	"regexp"
	"strings"
	"testing"
)

// qtBox is one QuickTime box: size, type, body.
func qtBox(typ string, body []byte) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, uint32(8+len(body)))
	b.WriteString(typ)
	b.Write(body)
	return b.Bytes()
}

// Metadata problems of files that were offloaded anyway are counted and
// named in the ingest summary, not only by probe: a recording that was
// never finalized (no moov box) and a BWF whose iXML is cut off (issue
// 12, defect 13).
func TestIngestSummaryNamesMetadataWarnings(t *testing.T) {
	s := newStation(t, "")
	card := s.path("card")
	unfinished := append(qtBox("ftyp", []byte("qt  \x00\x00\x02\x00qt  ")), qtBox("mdat", pseudoRandom(20_000, 1))...)
	brokenIXML := wav([2]string{"fmt ", pcmFormat()}, [2]string{"data", string(make([]byte, 9600))},
		[2]string{"iXML", "<?xml version=\"1.0\"?>\n<BWFXML><SCENE>12</SCENE><TAKE>3</TA"})
	want := map[string][]byte{"A001C003.MOV": unfinished, "ambience.wav": brokenIXML}
	for name, b := range want {
		writeFile(t, card, name, b)
	}
	r := s.rushes("ingest", card)
	if r.code != 0 || !strings.Contains(r.stdout, "SAFE:") {
		t.Fatalf("files with bad metadata are still offloaded: %v", r)
	}
	if !regexp.MustCompile(`(?m)^2 metadata warnings:`).MatchString(r.stdout) {
		t.Errorf("summary does not count `2 metadata warnings:`: %v", r)
	}
	for _, w := range []struct{ file, text string }{{"A001C003.MOV", "no moov box"}, {"ambience.wav", "iXML"}} {
		if !regexp.MustCompile(`(?m)^.*` + regexp.QuoteMeta(w.file) + `.*` + regexp.QuoteMeta(w.text) + `.*$`).MatchString(r.stdout) {
			t.Errorf("summary does not name %s with its warning (%q): %v", w.file, w.text, r)
		}
	}
	s.checkSafe(want, 2, s.lib)
}

// wav is a RIFF WAVE file of the given chunks (id, body), each padded.
func wav(chunks ...[2]string) []byte {
	var body bytes.Buffer
	body.WriteString("WAVE")
	for _, c := range chunks {
		body.WriteString(c[0])
		binary.Write(&body, binary.LittleEndian, uint32(len(c[1])))
		body.WriteString(c[1])
		if len(c[1])%2 == 1 {
			body.WriteByte(0)
		}
	}
	var out bytes.Buffer
	out.WriteString("RIFF")
	binary.Write(&out, binary.LittleEndian, uint32(body.Len()))
	out.Write(body.Bytes())
	return out.Bytes()
}

// pcmFormat is a fmt chunk body: 48 kHz, 16-bit mono PCM.
func pcmFormat() string {
	b := make([]byte, 16)
	binary.LittleEndian.PutUint16(b[0:], 1)
	binary.LittleEndian.PutUint16(b[2:], 1)
	binary.LittleEndian.PutUint32(b[4:], 48000)
	binary.LittleEndian.PutUint32(b[8:], 96000)
	binary.LittleEndian.PutUint16(b[12:], 2)
	binary.LittleEndian.PutUint16(b[14:], 16)
	return string(b)
}
