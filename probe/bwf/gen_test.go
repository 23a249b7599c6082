package bwf

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the generated files under testdata/")

// generated lists the WAV files under testdata/ that tests build here, by
// name. testdata/README.md says what each one is for.
func generated() map[string][]byte {
	silence := make([]byte, 480*6) // 10 ms of 48 kHz 24-bit stereo
	tracks := "<TRACK_COUNT>2</TRACK_COUNT>" +
		"<TRACK><CHANNEL_INDEX>1</CHANNEL_INDEX><INTERLEAVE_INDEX>1</INTERLEAVE_INDEX><NAME>Boom</NAME></TRACK>" +
		"<TRACK><CHANNEL_INDEX>2</CHANNEL_INDEX><INTERLEAVE_INDEX>2</INTERLEAVE_INDEX><NAME>Lav Ana</NAME></TRACK>"
	slate := []string{
		"PROJECT", "Night Exteriors", "SCENE", "12A", "TAKE", "3", "TAPE", "D042",
		"CIRCLED", "TRUE", "NOTE", "great take; plane at end",
		"SPEED/MASTER_SPEED", "30000/1001", "SPEED/TIMECODE_RATE", "30000/1001",
		"SPEED/TIMECODE_FLAG", "DF", "SPEED/FILE_SAMPLE_RATE", "48000",
		"SPEED/TIMESTAMP_SAMPLE_RATE", "48000",
		"SPEED/TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI", "0",
		"SPEED/TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO", "172800000",
		"TRACK_LIST", tracks,
		"FILE_SET/TOTAL_FILES", "1", "FILE_SET/FAMILY_UID", "RUSHES-TEST-0001", "FILE_SET/FILE_SET_INDEX", "A",
	}
	hour := uint64(48000 * 3600) // one real hour: 01:00:00;00 in 29.97 DF
	files := map[string][]byte{}

	files["ixml_2997df.wav"] = newWAV("RIFF").
		chunk("bext", bextBody{description: "sSCENE=12A\r\nsTAKE=3\r\nsTAPE=D042\r\nsSPEED=029.970-DF\r\n",
			originator: "Sound Dev: 888", date: "2024-03-12", time: "21:23:00", timeRef: hour,
			history: "A=PCM,F=48000,W=24,M=stereo,T=rushes test\r\n"}.bytes()).
		chunk("JUNK", make([]byte, 10)).
		chunk("fmt ", fmtPCM(2, 48000, 24)).
		chunk("ruSH", []byte("odd")).
		chunk("data", silence).
		chunk("iXML", ixmlText(slate...)).bytes()

	files["ixml_disagrees.wav"] = newWAV("RIFF").
		chunk("fmt ", fmtPCM(2, 48000, 24)).
		chunk("bext", bextBody{description: "sSCENE=12B\r\nsTAKE=4\r\nsSPEED=029.970-ND\r\n",
			date: "2024:03:12", time: "21.23.00", timeRef: hour}.bytes()).
		chunk("iXML", ixmlText(slate...)).
		chunk("data", silence).bytes()

	files["description_only.wav"] = newWAV("RIFF").
		chunk("bext", bextBody{description: "SPEED=29.970DF\r\nTAKE=007\r\nSCENE=4\r\nTAPE=DAY2\r\nCIRCLED=TRUE\r\nNOTE=wild line\r\n",
			originator: "ZOOM F6", date: "2024/03/12", time: "21-23-00", timeRef: hour}.bytes()).
		chunk("fmt ", fmtPCM(1, 48000, 24)).
		chunk("data", silence[:480*3]).bytes()

	files["ixml_timestamp_only.wav"] = newWAV("RIFF").
		chunk("fmt ", fmtPCM(1, 48000, 16)).
		chunk("data", silence[:480*2]).
		chunk("iXML", ixmlText("SCENE", "9", "TAKE", "1",
			"SPEED/TIMECODE_RATE", "25/1", "SPEED/TIMECODE_FLAG", "NDF",
			"SPEED/TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI", "0000000000",
			"SPEED/TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO", "2354414956",
			"SPEED/TIMESTAMP_SAMPLE_RATE", "48000")).bytes()

	for name, b := range hostile() {
		files[name] = b
	}
	return files
}

// hostile builds the damaged files a reader must survive.
func hostile() map[string][]byte {
	desc := bextBody{description: "sSCENE=5\r\nsTAKE=2\r\nsSPEED=025.000-ND\r\n", date: "2024-03-12", time: "08:00:00", timeRef: 48000 * 3600}.bytes()
	ixml := ixmlText("PROJECT", "Truncation", "SCENE", "5", "TAKE", "2", "TAPE", "T1", "NOTE", "cut short")
	cut := bytes.Index(ixml, []byte("<TAPE>")) + 3
	files := map[string][]byte{}
	files["hostile_data_past_eof.wav"] = newWAV("RIFF").
		chunk("fmt ", fmtPCM(1, 48000, 16)).chunk("bext", desc).
		raw("data", 1<<30, make([]byte, 100)).bytes()
	files["hostile_ixml_4gb.wav"] = newWAV("RIFF").
		chunk("fmt ", fmtPCM(1, 48000, 16)).chunk("bext", desc).
		raw("iXML", 0xFFFFFFF0, ixml).bytes()
	zero := newWAV("RIFF")
	for range 64 {
		zero.raw("JUNK", 0, nil)
	}
	files["hostile_zero_size.wav"] = zero.chunk("fmt ", fmtPCM(1, 48000, 16)).raw("FLLR", 0, nil).
		chunk("bext", desc).chunk("data", make([]byte, 96)).bytes()
	files["hostile_odd_sizes.wav"] = newWAV("RIFF").
		chunk("fmt ", fmtPCM(1, 48000, 16)).
		chunk("odd1", []byte("abc")).    // padded, as the format wants
		raw("odd2", 5, []byte("abcde")). // pad byte missing: a writer bug
		chunk("bext", desc).chunk("data", make([]byte, 96)).bytes()
	files["hostile_truncated_ixml.wav"] = newWAV("RIFF").
		chunk("fmt ", fmtPCM(1, 48000, 16)).chunk("bext", desc).chunk("data", make([]byte, 96)).
		raw("iXML", uint32(len(ixml)), ixml[:cut]).bytes()
	files["hostile_rf64_no_ds64.wav"] = (&wavBuilder{magic: "RF64", riff: 0xFFFFFFFF}).
		chunk("fmt ", fmtPCM(1, 48000, 16)).raw("data", 0xFFFFFFFF, make([]byte, 200)).bytes()
	ds64 := make([]byte, 28)
	binary.LittleEndian.PutUint64(ds64[0:], 5<<30)
	binary.LittleEndian.PutUint64(ds64[8:], 5<<30-100)
	files["hostile_rf64_ds64_huge.wav"] = (&wavBuilder{magic: "RF64", riff: 0xFFFFFFFF}).
		chunk("ds64", ds64).chunk("fmt ", fmtPCM(1, 48000, 16)).raw("data", 0xFFFFFFFF, make([]byte, 64)).bytes()
	garbage := newWAV("RIFF").chunk("fmt ", fmtPCM(1, 48000, 16)).chunk("data", make([]byte, 96))
	garbage.body.WriteString("\x00\x01\x02\x03\xff\xfe\xfd\xfc garbage!") // inside the RIFF size
	files["hostile_garbage.wav"] = garbage.bytes()
	files["hostile_bext_short.wav"] = newWAV("RIFF").
		chunk("fmt ", fmtPCM(1, 48000, 16)).chunk("bext", desc[:300]).chunk("data", make([]byte, 96)).bytes()
	return files
}

// TestGenerateTestdata rewrites testdata/ and the fuzz seed corpus. Run:
//
//	go test ./probe/bwf -run TestGenerateTestdata -update
func TestGenerateTestdata(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite testdata/")
	}
	for name, b := range generated() {
		writeFile(t, filepath.Join("testdata", name), b)
		if !strings.HasPrefix(name, "hostile_") {
			b = shrink(b) // the seed keeps the layout, not the silence
		}
		writeSeed(t, name, b)
	}
	for name, b := range fixtureSeeds(t) {
		writeSeed(t, name, b)
	}
}

func writeSeed(t *testing.T, name string, b []byte) {
	seed := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", b)
	writeFile(t, filepath.Join("testdata", "fuzz", "FuzzRead", name), []byte(seed))
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
