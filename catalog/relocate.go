package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// Move is one library file renamed inside the library.
type Move struct {
	From, To string // absolute library paths
}

// Relocation is a clip on its way to a new place: the files to rename and
// the facts it will have there.
type Relocation struct {
	ClipID     int64
	Moves      []Move
	Scene      string
	Take       string
	Provenance map[string]string
}

// MatchCandidates returns, for one shooting day, the picture clips whose
// scene a timecode match may set (none yet, or one set by an earlier match)
// and the sound takes with a scene and a start timecode.
func (c *Catalog) MatchCandidates(ctx context.Context, date string) (pictures, sounds []Clip, err error) {
	pictures, err = c.queryClips(ctx, "SELECT "+clipColumns+` FROM clips c WHERE c.date = ? AND c.kind = 'video'
		AND c.tc_start IS NOT NULL AND (c.scene IS NULL OR json_extract(c.provenance, '$.scene') = 'timecode-match')
		ORDER BY c.id`, date)
	if err != nil {
		return nil, nil, err
	}
	sounds, err = c.queryClips(ctx, "SELECT "+clipColumns+` FROM clips c WHERE c.date = ? AND c.kind = 'audio'
		AND c.tc_start IS NOT NULL AND c.scene IS NOT NULL ORDER BY c.id`, date)
	return pictures, sounds, err
}

// BeginRelocation records a move before any file is renamed, so that a move
// cut short (kill -9, power loss) is finished at the next start.
func (c *Catalog) BeginRelocation(ctx context.Context, r Relocation) error {
	prov, _ := json.Marshal(r.Provenance)
	err := c.writeTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO relocation_facts (clip_id, scene, take, provenance) VALUES (?, ?, ?, ?)`,
			r.ClipID, nullable(r.Scene), nullable(r.Take), string(prov)); err != nil {
			return err
		}
		for _, m := range r.Moves {
			from, err := c.toRel(m.From)
			if err != nil {
				return err
			}
			to, err := c.toRel(m.To)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO relocations (clip_id, from_path, to_path) VALUES (?, ?, ?)`,
				r.ClipID, from, to); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("relocate clip %d: %w", r.ClipID, err)
	}
	return c.Sync(ctx) // on disk before any rename, or a move cut short is forgotten
}

// FinishRelocation points the catalog at the renamed files and gives the
// clip its new facts, in one transaction.
func (c *Catalog) FinishRelocation(ctx context.Context, clipID int64) error {
	err := c.writeTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		stmts := []string{
			`UPDATE files SET path = (SELECT to_path FROM relocations r WHERE r.clip_id = files.clip_id AND r.from_path = files.path)
				WHERE clip_id = ?1 AND path IN (SELECT from_path FROM relocations WHERE clip_id = ?1)`,
			`UPDATE clips SET library_path = coalesce((SELECT to_path FROM relocations r WHERE r.clip_id = clips.id AND r.from_path = clips.library_path), library_path)
				WHERE id = ?1`,
			`UPDATE clips SET (scene, take, provenance) = (SELECT scene, take, provenance FROM relocation_facts WHERE clip_id = ?1)
				WHERE id = ?1 AND EXISTS (SELECT 1 FROM relocation_facts WHERE clip_id = ?1)`,
			`DELETE FROM relocations WHERE clip_id = ?1`,
			`DELETE FROM relocation_facts WHERE clip_id = ?1`,
		}
		for _, s := range stmts {
			if _, err := tx.ExecContext(ctx, s, clipID); err != nil {
				return err
			}
		}
		return reindex(ctx, tx, clipID)
	})
	if err != nil {
		return fmt.Errorf("relocate clip %d: %w", clipID, err)
	}
	return nil
}

// PendingRelocations returns the moves a killed run left unfinished.
func (c *Catalog) PendingRelocations(ctx context.Context) ([]Relocation, error) {
	rows, err := c.read.QueryContext(ctx, `SELECT clip_id, from_path, to_path FROM relocations ORDER BY clip_id, from_path`)
	if err != nil {
		return nil, fmt.Errorf("pending relocations: %w", err)
	}
	defer rows.Close()
	var out []Relocation
	for rows.Next() {
		var id int64
		var from, to string
		if err := rows.Scan(&id, &from, &to); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].ClipID != id {
			out = append(out, Relocation{ClipID: id})
		}
		r := &out[len(out)-1]
		r.Moves = append(r.Moves, Move{From: c.toAbs(from), To: c.toAbs(to)})
	}
	return out, rows.Err()
}
