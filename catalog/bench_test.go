package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchCatalog is where the 1,000,000-clip catalog is built once and kept
// between runs (building it takes a minute or two).
func benchCatalog(b *testing.B) (*Catalog, string) {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "rushes-bench-1m")
	path := filepath.Join(dir, "catalog.db")
	lib := filepath.Join(dir, "library")
	if _, err := os.Stat(path + ".done"); err != nil {
		os.RemoveAll(dir)
		if err := build1M(path, lib); err != nil {
			b.Fatal(err)
		}
		os.WriteFile(path+".done", nil, 0o644)
	}
	c, err := Open(context.Background(), path, Options{Library: lib, MustExist: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.Close() })
	return c, path
}

var noteWords = []string{"boom", "in", "frame", "focus", "buzz", "plane", "overhead", "great", "performance", "soft",
	"flare", "use", "for", "wild", "track", "lens", "dirt", "late", "slate", "cut", "early", "hero", "take", "reflection"}

// build1M writes 1,000,000 realistic clips: 100 shooting days, 60 scenes a
// day, takes 1-12 on cameras A-C plus sound, one note in five, one circled
// take in six.
func build1M(path, lib string) error {
	ctx := context.Background()
	c, err := Open(ctx, path, Options{Library: lib})
	if err != nil {
		return err
	}
	defer c.Close()
	r := rand.New(rand.NewPCG(1, 2))
	day0 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	const n = 1_000_000
	const batch = 20_000
	for start := 0; start < n; start += batch {
		err := c.writeTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
			clip, err := tx.PrepareContext(ctx, `INSERT INTO clips (id, name, kind, date, shot_at, scene, take, camera, reel,
				tc_start, fps_num, fps_den, duration_s, codec, width, height, size_bytes, library_path, source_path,
				hash_algo, hash, circled, provenance, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
			if err != nil {
				return err
			}
			file, err := tx.PrepareContext(ctx, `INSERT INTO files (clip_id, path, role, size_bytes, hash_algo, hash, source_path, source_mtime, verified_at)
				VALUES (?,?,?,?,?,?,?,?,?)`)
			if err != nil {
				return err
			}
			note, err := tx.PrepareContext(ctx, `INSERT INTO notes (clip_id, at, author, text) VALUES (?,?,?,?)`)
			if err != nil {
				return err
			}
			fts, err := tx.PrepareContext(ctx, `INSERT INTO clips_fts (rowid, name, scene, notes, tags, source_path) VALUES (?,?,?,?,?,?)`)
			if err != nil {
				return err
			}
			for i := start; i < start+batch && i < n; i++ {
				day := day0.AddDate(0, 0, i/(n/100))
				scene := fmt.Sprintf("%d%s", 1+(i/170)%60, []string{"", "", "A", "B"}[r.IntN(4)])
				take := fmt.Sprint(1 + r.IntN(12))
				camera, kind := []string{"A", "B", "C", "sound"}[i%4], "video"
				if camera == "sound" {
					kind = "audio"
				}
				name := fmt.Sprintf("%s%03dC%03d_%s.MOV", camera[:1], 1+i/5000, i%1000, day.Format("060102"))
				rel := fmt.Sprintf("%s/%s/%s/%s", day.Format("2006-01-02"), scene, camera, name)
				hash := fmt.Sprintf("%032x", r.Uint64())
				text := ""
				if r.IntN(5) == 0 {
					for w := 0; w < 6; w++ {
						text += noteWords[r.IntN(len(noteWords))] + " "
					}
				}
				at := day.Add(time.Duration(i%500) * time.Minute).Format(timeLayout)
				id := int64(i + 1)
				if _, err := clip.ExecContext(ctx, id, name, kind, day.Format("2006-01-02"), at, scene, take, camera,
					fmt.Sprintf("%s%03d", camera[:1], 1+i/5000), "12:00:00:00", 24000, 1001, 30.5, "apch", 3840, 2160,
					1<<30, rel, "/media/card/"+name, "xxh128", hash, r.IntN(6) == 0, `{"date":"container"}`, at); err != nil {
					return err
				}
				if _, err := file.ExecContext(ctx, id, rel, "media", 1<<30, "xxh128", hash, "/media/card/"+name, at, at); err != nil {
					return err
				}
				if text != "" {
					if _, err := note.ExecContext(ctx, id, at, "ae", text); err != nil {
						return err
					}
				}
				if _, err := fts.ExecContext(ctx, id, name, scene, text, "", "/media/card/"+name); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	_, err = c.write.ExecContext(ctx, "ANALYZE")
	return err
}

// BenchmarkQuery1M: the editor's everyday filter (scene + day + circled,
// sorted, first 100) on a million-clip catalog.
func BenchmarkQuery1M(b *testing.B) {
	c, _ := benchCatalog(b)
	ctx := context.Background()
	f := Filter{Scene: "12", Date: "2026-04-15", Circled: true, Sort: "take", Limit: 100}
	b.ResetTimer()
	for b.Loop() {
		clips, err := c.Clips(ctx, f)
		if err != nil || len(clips) == 0 {
			b.Fatalf("%d clips, %v", len(clips), err)
		}
	}
}

// BenchmarkSearch1M: full-text search over names, scenes and notes.
func BenchmarkSearch1M(b *testing.B) {
	c, _ := benchCatalog(b)
	ctx := context.Background()
	f := Filter{Search: "plane overhead", Limit: 100}
	b.ResetTimer()
	for b.Loop() {
		clips, err := c.Clips(ctx, f)
		if err != nil || len(clips) == 0 {
			b.Fatalf("%d clips, %v", len(clips), err)
		}
	}
}
