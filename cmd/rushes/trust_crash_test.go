package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// crashCard writes a Sony-style card: one large clip, so that a kill can
// land mid-copy, and ten two-file clips (MP4 + its XML), so that a move
// can be cut between two sources of one clip. It returns the files by
// name and the number of clips.
func crashCard(t *testing.T, root string) (map[string][]byte, int) {
	t.Helper()
	want := map[string][]byte{"C0100.MP4": pseudoRandom(24<<20, 7)}
	for i := 1; i <= 10; i++ {
		want[fmt.Sprintf("C%04d.MP4", i)] = pseudoRandom(150_000+i, uint64(i))
		want[fmt.Sprintf("C%04dM01.XML", i)] = []byte(fmt.Sprintf("<NonRealTimeMeta clip=\"%d\"/>", i))
	}
	for name, b := range want {
		writeFile(t, root, "PRIVATE/M4ROOT/CLIP/"+name, b)
	}
	return want, 11
}

// sourcesLeft are the files still on a card, by name.
func sourcesLeft(t *testing.T, root string) map[string]bool {
	t.Helper()
	left := map[string]bool{}
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			left[info.Name()] = true
		}
		return nil
	})
	return left
}

// checkRecordedBeforeDeleted asserts the move-mode promise after a crash:
// a source is gone from the card only when its clip is in the catalog.
func (s *station) checkRecordedBeforeDeleted(card string, want map[string][]byte) {
	s.t.Helper()
	left := sourcesLeft(s.t, card)
	for name := range want {
		if left[name] {
			continue
		}
		clip := strings.TrimSuffix(name, "M01.XML")
		if r := s.rushes("show", clip); r.code != 0 {
			s.t.Errorf("source %s was deleted but its clip %s is not catalogued: %v", name, clip, r)
		}
	}
}

// rerunAfterCrash checks what a crashed ingest left (in move mode: no
// source gone whose clip is not recorded), runs the same ingest again and
// checks it says SAFE, leaves every destination whole, and finishes the move.
func (s *station) rerunAfterCrash(card string, args []string, move bool, want map[string][]byte, clips int, dests ...string) {
	s.t.Helper()
	if move {
		s.checkRecordedBeforeDeleted(card, want)
	}
	emptied := len(sourcesLeft(s.t, card)) == 0
	r := s.rushes(args...)
	switch {
	case emptied: // every source moved: nothing left to offload, and nothing may be called SAFE again
		if strings.Contains(r.stdout, "SAFE:") || !strings.Contains(r.stdout+r.stderr, "nothing to offload") {
			s.t.Errorf("rerun on the emptied card: %v", r)
		}
	case r.code != 0 || !strings.Contains(r.stdout, "SAFE:"):
		s.t.Errorf("rerun: %v", r)
	}
	s.checkSafe(want, clips, append([]string{s.lib}, dests...)...)
	if left := sourcesLeft(s.t, card); move && len(left) != 0 {
		s.t.Errorf("move mode: the rerun left %d sources on the card: %v", len(left), left)
	}
}

// TestCrashPointsLeaveEveryPromiseTrue kills a real ingest (with a backup)
// at each named crash point, runs the same ingest again, and checks that
// every destination holds every file once with its bytes and passes the
// ASC MHL reference tool, that the catalog agrees, that the rerun says
// SAFE, and in move mode that the move is finished.
func TestCrashPointsLeaveEveryPromiseTrue(t *testing.T) {
	cases := []struct {
		at   string
		move bool
	}{
		{"before-record", false},
		{"before-record#4", false},
		{"before-manifest", false},
		{"manifest-chain", false},
		{"manifest-chain#2", false}, // the backup's chain
		{"before-record", true},
		{"before-move-delete", true},
		{"move-delete#2", true}, // between the MP4 and the XML of one clip
		{"before-manifest", true},
	}
	for _, tc := range cases {
		name := tc.at
		if tc.move {
			name = "move/" + name
		}
		t.Run(name, func(t *testing.T) {
			s := newStation(t, "")
			card := s.path("card")
			want, clips := crashCard(t, card)
			shuttle := s.path("shuttle")
			args := []string{"ingest", card, "--backups", shuttle}
			if tc.move {
				args = append(args, "--mode", "move")
			}
			r := s.runCmd(s.command([]string{"RUSHES_CRASH_AT=" + tc.at}, args...))
			if !r.killed {
				t.Fatalf("crash point %s was not reached: %v", tc.at, r)
			}
			s.rerunAfterCrash(card, args, tc.move, want, clips, shuttle)
		})
	}
}

// TestKillAtRandomMomentsLeavesEveryPromiseTrue sends SIGKILL to a real
// ingest at moments drawn from its own progress (after the k-th verified
// line, plus a few milliseconds), with several seeds, every other one in
// move mode.
func TestKillAtRandomMomentsLeavesEveryPromiseTrue(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 12))
			s := newStation(t, "")
			card := s.path("card")
			want, clips := crashCard(t, card)
			shuttle := s.path("shuttle")
			args := []string{"ingest", card, "--backups", shuttle}
			after := rng.IntN(len(want) + 1) // len(want): after the last verified line
			delay := time.Duration(rng.IntN(40)) * time.Millisecond
			move := seed%2 == 0
			if move {
				args = append(args, "--mode", "move")
			}
			t.Logf("kill %v after verified line %d (move mode %v)", delay, after, move)
			killAfterVerified(t, s.command(nil, args...), after, delay)
			s.rerunAfterCrash(card, args, move, want, clips, shuttle)
		})
	}
}

// killAfterVerified starts c and kills it delay after its n-th "verified"
// progress line (or when it ends, whichever is first).
func killAfterVerified(t *testing.T, c *exec.Cmd, n int, delay time.Duration) {
	t.Helper()
	stderr, err := c.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	reached := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stderr)
		seen := 0
		for seen < n && sc.Scan() {
			if strings.HasPrefix(sc.Text(), "verified ") {
				seen++
			}
		}
		close(reached)
		for sc.Scan() { // keep the pipe drained until the end
		}
	}()
	select {
	case <-reached:
	case <-time.After(2 * time.Minute):
		t.Error("kill point not reached within 2 minutes")
	}
	time.Sleep(delay) // the random part of the moment, not a wait for a condition
	c.Process.Signal(syscall.SIGKILL)
	c.Wait()
}

// TestCrashDuringTimecodeMove kills the sound ingest that moves an already
// ingested picture clip into the sound take's scene, in the middle of the
// move; the rerun finishes it on every destination and the histories know
// the files at their new places only.
func TestCrashDuringTimecodeMove(t *testing.T) {
	for _, at := range []string{"relocate", "before-manifest", "manifest-chain"} {
		t.Run(at, func(t *testing.T) {
			s := newStation(t, "")
			shuttle := s.path("shuttle")
			want := mergeFiles(pictureCard(t, s.path("cards")), soundCard(t, s.path("cards")))
			picture, sound := s.path("cards/A002R1AB"), s.path("cards/SOUND")
			if r := s.rushes("ingest", picture, "--backups", shuttle); r.code != 0 {
				t.Fatalf("picture ingest: %v", r)
			}
			r := s.runCmd(s.command([]string{"RUSHES_CRASH_AT=" + at}, "ingest", sound, "--backups", shuttle))
			if !r.killed {
				t.Fatalf("crash point %s was not reached: %v", at, r)
			}
			r = s.rushes("ingest", sound, "--backups", shuttle)
			if r.code != 0 || !strings.Contains(r.stdout, "SAFE:") {
				t.Errorf("rerun: %v", r)
			}
			s.checkSafe(want, 2, s.lib, shuttle)
			moved := filepath.Join("2018-12-31", "A101", "A", "A002C004_181231_R1AB.mov")
			for _, d := range []string{s.lib, shuttle} {
				if _, err := os.Stat(filepath.Join(d, moved)); err != nil {
					t.Errorf("picture clip not moved into its scene on %s: %v", d, err)
				}
			}
		})
	}
}

// TestDaemonKilledMidDropRecovers kills a real daemon (kill -9 mid-copy,
// or a crash point before the manifest) and starts it again: the drop is
// finished and every destination passes the reference tool.
func TestDaemonKilledMidDropRecovers(t *testing.T) {
	for _, at := range []string{"", "before-record#3", "before-manifest"} {
		t.Run("at="+at, func(t *testing.T) {
			d := &daemonEnv{t: t, bin: buildRushes(t), dir: t.TempDir()}
			shuttle := filepath.Join(d.dir, "shuttle")
			os.WriteFile(filepath.Join(d.dir, "rushes.yaml"), []byte("backups: ["+shuttle+"]\n"), 0o644)
			lib := filepath.Join(d.dir, "library")
			os.MkdirAll(filepath.Join(d.dir, "ingest"), 0o755)
			if at != "" {
				t.Setenv("RUSHES_CRASH_AT", at) // read by the daemon started next, not by the restarted one
			}
			d.start()
			os.Unsetenv("RUSHES_CRASH_AT")
			want, clips := crashCard(t, filepath.Join(d.dir, "ingest", "A001"))
			if at == "" {
				if !waitForPartial(lib, 30*time.Second) {
					t.Fatalf("no copy started; log:\n%s", d.logs.String())
				}
				d.cmd.Process.Signal(syscall.SIGKILL)
			}
			d.cmd.Wait()
			if ws, ok := d.cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
				t.Fatalf("the daemon was not killed (%v); log:\n%s", d.cmd.ProcessState, d.logs.String())
			}
			d.start()
			d.waitFor("every clip catalogued", func() bool { return d.clips() == clips })
			// The restarted daemon brings the histories up to date by itself
			// (or never: then the checks below say what is wrong).
			waitUntil(20*time.Second, func() bool {
				return exec.Command(ascmhl(t, "ascmhl"), "diff", lib).Run() == nil &&
					exec.Command(ascmhl(t, "ascmhl"), "diff", shuttle).Run() == nil
			})
			s := &station{t: t, bin: d.bin, dir: d.dir, lib: lib}
			s.checkSafe(want, clips, lib, shuttle)
		})
	}
}
