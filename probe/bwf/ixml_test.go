package bwf

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestIXMLWinsOverDescription reads a file whose description disagrees with
// its iXML on scene, take and drop-frame.
func TestIXMLWinsOverDescription(t *testing.T) {
	in, err := ReadFile(filepath.Join("testdata", "ixml_disagrees.wav"))
	if err != nil {
		t.Fatal(err)
	}
	wantStr(t, "scene", in.Scene, "12A")
	wantStr(t, "take", in.Take, "3")
	wantStr(t, "tc", fmt.Sprint(in.Timecode), "01:00:00;00")
	want := []string{
		`iXML SCENE "12A" disagrees with bext description SCENE "12B"; using iXML`,
		`iXML TAKE "3" disagrees with bext description TAKE "4"; using iXML`,
		`iXML TIMECODE_FLAG (drop true) disagrees with bext description speed (drop false); using iXML`,
	}
	if strings.Join(in.Warnings, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(in.Warnings, "\n"), strings.Join(want, "\n"))
	}
	if in.Origination.Format("2006-01-02 15:04:05") != "2024-03-12 21:23:00" {
		t.Errorf("origination %v from 2024:03:12 21.23.00", in.Origination)
	}
}

func TestDescriptionOnlySlate(t *testing.T) {
	in, err := ReadFile(filepath.Join("testdata", "description_only.wav"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range [][3]string{{"scene", in.Scene, "4"}, {"take", in.Take, "007"}, {"tape", in.Tape, "DAY2"},
		{"note", in.Note, "wild line"}, {"tc", fmt.Sprint(in.Timecode), "01:00:00;00"}, {"rate", in.Rate.String(), "29.97"}} {
		wantStr(t, c[0], c[1], c[2])
	}
	if !in.Circled || !in.Drop {
		t.Errorf("circled %t drop %t, want both", in.Circled, in.Drop)
	}
}

func TestIXMLTolerance(t *testing.T) {
	cases := []struct {
		name string
		xml  string
		want string // scene
		warn string // "" for none
	}{
		{"latin-1 bytes", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><BWFXML><SCENE>Sc\xe8ne</SCENE></BWFXML>", "Scène", ""},
		{"byte order mark and padding", "\xef\xbb\xbf<BWFXML><SCENE> 12 </SCENE></BWFXML>\x00\x00\x00   ", "12", ""},
		{"other root", "<IXML><SCENE>7</SCENE></IXML>", "7", "root element is <IXML>"},
		{"unclosed", "<BWFXML><SCENE>8</SCENE><TAKE>", "8", "XML syntax error"},
		{"not xml", "garbage", "", "EOF"},
		{"empty", "", "", "EOF"},
		{"entity", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><BWFXML><SCENE>&a;</SCENE></BWFXML>", "&a;", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := newWAV("RIFF").chunk("fmt ", fmtPCM(1, 48000, 16)).chunk("iXML", []byte(c.xml)).bytes()
			in, err := Read(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatal(err)
			}
			wantStr(t, "scene", in.Scene, c.want)
			got := strings.Join(in.Warnings, "; ")
			if (c.warn == "") != (got == "") || !strings.Contains(got, c.warn) {
				t.Errorf("warnings %q, want %q", got, c.warn)
			}
		})
	}
}

func TestCircledValues(t *testing.T) {
	for v, want := range map[string]bool{"TRUE": true, "true": true, "YES": true, "1": true, "FALSE": false, "": false, "maybe": false} {
		b := newWAV("RIFF").chunk("iXML", ixmlText("CIRCLED", v)).bytes()
		in, err := Read(bytes.NewReader(b), int64(len(b)))
		if err != nil || in.Circled != want {
			t.Errorf("CIRCLED %q: got %t %v", v, in.Circled, err)
		}
	}
}

func TestDropFrameOnlyAtThirtyFamilies(t *testing.T) {
	b := newWAV("RIFF").chunk("fmt ", fmtPCM(1, 48000, 16)).
		chunk("iXML", ixmlText("SPEED/TIMECODE_RATE", "25", "SPEED/TIMECODE_FLAG", "DF")).bytes()
	in, _ := Read(bytes.NewReader(b), int64(len(b)))
	if in.Drop || len(in.Warnings) != 1 || !strings.Contains(in.Warnings[0], "drop-frame flag at 25 fps ignored") {
		t.Errorf("drop %t warnings %q", in.Drop, in.Warnings)
	}
}
