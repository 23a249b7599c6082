package pipeline

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/mhl"
)

// placementCard is one card of the property test: its folder name and
// files (name -> bytes).
type placementCard struct {
	name  string
	files map[string][]byte
}

// placementMOV makes a 3 s picture clip with a tmcd track starting at tc,
// shot 2018-12-31, with ffmpeg (the probe reads the timecode and the
// duration from the movie, as from a camera's).
func placementMOV(t *testing.T, dir, name, tc string) []byte {
	t.Helper()
	ffmpeg, err := exec.LookPath("ffmpeg")
	if err != nil {
		if os.Getenv("CI_REQUIRE_TOOLS") != "" {
			t.Fatal("ffmpeg not installed (.ci/run installs it)")
		}
		t.Skip("ffmpeg not installed: cannot make picture clips with timecode")
	}
	out := filepath.Join(dir, name)
	cmd := exec.Command(ffmpeg, "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x36:rate=25", "-t", "3",
		"-c:v", "mjpeg", "-q:v", "31", "-timecode", tc, "-metadata", "creation_time=2018-12-31T10:00:00Z", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// placementBWF is a 5 s mono BWF take of scene and take rolling at
// second (since midnight) of 2018-12-31 at 25 fps timecode: bext time
// reference and iXML, as a recorder writes them.
func placementBWF(scene, take string, second int) []byte {
	const rate = 48000
	samples := uint64(second) * rate
	bext := make([]byte, 602)
	copy(bext[256:], "rushes test")
	copy(bext[320:], "2018-12-31")
	copy(bext[330:], fmt.Sprintf("%02d:%02d:%02d", second/3600, second/60%60, second%60))
	binary.LittleEndian.PutUint64(bext[338:], samples)
	binary.LittleEndian.PutUint16(bext[346:], 1)
	ixml := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<BWFXML><SCENE>%s</SCENE><TAKE>%s</TAKE><SPEED><TIMECODE_RATE>25/1</TIMECODE_RATE><TIMECODE_FLAG>NDF</TIMECODE_FLAG>
<FILE_SAMPLE_RATE>48000</FILE_SAMPLE_RATE><TIMESTAMP_SAMPLE_RATE>48000</TIMESTAMP_SAMPLE_RATE>
<TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI>0</TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI>
<TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO>%d</TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO></SPEED></BWFXML>
`, scene, take, samples)
	format := make([]byte, 16)
	binary.LittleEndian.PutUint16(format[0:], 1)
	binary.LittleEndian.PutUint16(format[2:], 1)
	binary.LittleEndian.PutUint32(format[4:], rate)
	binary.LittleEndian.PutUint32(format[8:], rate*2)
	binary.LittleEndian.PutUint16(format[12:], 2)
	binary.LittleEndian.PutUint16(format[14:], 16)
	var body bytes.Buffer
	body.WriteString("WAVE")
	for _, c := range []struct {
		id   string
		data []byte
	}{{"bext", bext}, {"fmt ", format}, {"data", make([]byte, 5*rate*2)}, {"iXML", []byte(ixml)}} {
		body.WriteString(c.id)
		binary.Write(&body, binary.LittleEndian, uint32(len(c.data)))
		body.Write(c.data)
		if len(c.data)%2 == 1 {
			body.WriteByte(0)
		}
	}
	var out bytes.Buffer
	out.WriteString("RIFF")
	binary.Write(&out, binary.LittleEndian, uint32(body.Len()))
	out.Write(body.Bytes())
	return out.Bytes()
}

// placementCards are three picture cards whose clips overlap a sound take
// each (picture i rolls at 10:0i:00:00, its take one second earlier), a
// picture card no take overlaps, and two sound cards (one holds two takes).
func placementCards(t *testing.T) []placementCard {
	t.Helper()
	dir := t.TempDir()
	var cards []placementCard
	for i := 1; i <= 3; i++ {
		name := fmt.Sprintf("A00%dC001_181231_R1AB.mov", i)
		cards = append(cards, placementCard{fmt.Sprintf("A00%dR1AB", i),
			map[string][]byte{name: placementMOV(t, dir, name, fmt.Sprintf("10:0%d:00:00", i))}})
	}
	cards = append(cards, placementCard{"A009R1AB", map[string][]byte{
		"A009C001_181231_R1AB.mov": placementMOV(t, dir, "A009C001_181231_R1AB.mov", "15:00:00:00")}})
	take := func(i int) []byte { return placementBWF(fmt.Sprintf("%d0", i), "1", 10*3600+i*60-1) }
	cards = append(cards,
		placementCard{"SOUND_1", map[string][]byte{"T10_1.WAV": take(1)}},
		placementCard{"SOUND_2", map[string][]byte{"T20_1.WAV": take(2), "T30_1.WAV": take(3)}})
	return cards
}

// For any arrival order of picture and sound cards, a dry run's plan is
// where the real run puts every file, and every backup mirrors the library
// (issue 12, defect 3: placement is decided once, before a byte is copied).
func TestPlacementIsDecidedOnceInAnyArrivalOrder(t *testing.T) {
	cards := placementCards(t)
	for seed := uint64(1); seed <= 5; seed++ {
		order := rand.New(rand.NewPCG(seed, 3)).Perm(len(cards))
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			fx := newFixture(t)
			opts := fx.options()
			opts.Backups = []string{filepath.Join(fx.dir, "shuttle")}
			for _, i := range order {
				card := filepath.Join(fx.dir, "cards", cards[i].name)
				for name, b := range cards[i].files {
					fx.file(filepath.Join("cards", cards[i].name, name), b)
				}
				fx.checkPlanIsFinal(opts, card)
			}
			for i := 1; i <= 3; i++ {
				want := filepath.Join(fx.lib, "2018-12-31", fmt.Sprintf("%d0", i), "A", fmt.Sprintf("A00%dC001_181231_R1AB.mov", i))
				if _, err := os.Stat(want); err != nil {
					t.Errorf("order %v: picture %d not in its sound take's scene: %v", order, i, err)
				}
			}
			sameTree(t, fx.lib, opts.Backups[0])
			for _, root := range []string{fx.lib, opts.Backups[0]} { // moves recorded in every history
				if problems, err := mhl.Verify(context.Background(), root); err != nil || len(problems) != 0 {
					t.Errorf("ASC MHL history of %s: %v %+v", root, err, problems)
				}
			}
		})
	}
}

// checkPlanIsFinal runs a dry run of card, then the real run, and checks
// every planned destination is the file's library path in the catalog.
func (fx *fixture) checkPlanIsFinal(opts Options, card string) {
	fx.t.Helper()
	dry := opts
	dry.DryRun = true
	plan, err := New(dry, fx.cat, nil, nil).Run(context.Background(), []string{card})
	if err != nil {
		fx.t.Fatalf("dry run of %s: %v", card, err)
	}
	sum := fx.run(opts, card)
	if sum.Failed != 0 {
		fx.t.Fatalf("run of %s: %+v", card, sum.Failures)
	}
	final := map[string]string{}
	clips, err := fx.cat.Clips(context.Background(), catalog.Filter{})
	if err != nil {
		fx.t.Fatal(err)
	}
	for _, c := range clips {
		for _, f := range c.Files {
			p := f.Path
			if !filepath.IsAbs(p) {
				p = filepath.Join(fx.lib, p)
			}
			final[f.SourcePath] = p
		}
	}
	n := 0
	for _, pc := range plan.Plan {
		for _, f := range pc.Files {
			n++
			if final[f.Path] != f.Dest {
				fx.t.Errorf("card %s: %s planned at %s, catalogued at %q", filepath.Base(card), filepath.Base(f.Path), f.Dest, final[f.Path])
			}
		}
	}
	if n != sum.Files {
		fx.t.Errorf("card %s: the dry run planned %d files, the run offloaded %d", filepath.Base(card), n, sum.Files)
	}
}
