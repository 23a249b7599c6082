package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Marks are an editor's review changes to a clip; nil fields are left as
// they are. Marks live in the catalog only: media files are never modified.
type Marks struct {
	Circled    *bool
	Rating     *int
	NG         *bool
	AddTags    []string
	RemoveTags []string
	Scene      *string // a manual scene wins over every other source
	Take       *string
}

// Mark applies marks to a clip in one transaction.
func (c *Catalog) Mark(ctx context.Context, id int64, m Marks) error {
	if m.Rating != nil && (*m.Rating < 0 || *m.Rating > 5) {
		return fmt.Errorf("rating %d: must be 0 to 5", *m.Rating)
	}
	err := c.writeTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		set := func(col string, v any) error {
			_, err := tx.ExecContext(ctx, "UPDATE clips SET "+col+" = ? WHERE id = ?", v, id)
			return err
		}
		var manual []string
		if m.Circled != nil {
			manual = append(manual, "circled")
			if err := set("circled", *m.Circled); err != nil {
				return err
			}
		}
		if m.Rating != nil {
			if err := set("rating", *m.Rating); err != nil {
				return err
			}
		}
		if m.NG != nil {
			if err := set("ng", *m.NG); err != nil {
				return err
			}
		}
		if m.Scene != nil {
			manual = append(manual, "scene")
			if err := set("scene", nullable(*m.Scene)); err != nil {
				return err
			}
		}
		if m.Take != nil {
			manual = append(manual, "take")
			if err := set("take", nullable(*m.Take)); err != nil {
				return err
			}
		}
		if err := setProvenance(ctx, tx, id, manual); err != nil {
			return err
		}
		if err := retag(ctx, tx, id, m.AddTags, m.RemoveTags); err != nil {
			return err
		}
		return reindex(ctx, tx, id)
	})
	if err != nil {
		return fmt.Errorf("mark clip %d: %w", id, err)
	}
	return nil
}

// setProvenance records that an editor decided these facts.
func setProvenance(ctx context.Context, tx *sql.Tx, id int64, facts []string) error {
	if len(facts) == 0 {
		return nil
	}
	var raw string
	if err := tx.QueryRowContext(ctx, `SELECT provenance FROM clips WHERE id = ?`, id).Scan(&raw); err != nil {
		return err
	}
	prov := map[string]string{}
	_ = json.Unmarshal([]byte(raw), &prov)
	for _, f := range facts {
		prov[f] = "manual"
	}
	b, _ := json.Marshal(prov)
	_, err := tx.ExecContext(ctx, `UPDATE clips SET provenance = ? WHERE id = ?`, string(b), id)
	return err
}

func retag(ctx context.Context, tx *sql.Tx, id int64, add, remove []string) error {
	for _, t := range add {
		if t = strings.TrimSpace(t); t == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO tags (clip_id, tag) VALUES (?, ?)`, id, t); err != nil {
			return err
		}
	}
	for _, t := range remove {
		if _, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE clip_id = ? AND tag = ?`, id, strings.TrimSpace(t)); err != nil {
			return err
		}
	}
	return nil
}

// AddNote appends a timestamped note to a clip.
func (c *Catalog) AddNote(ctx context.Context, id int64, author, text string) error {
	if strings.TrimSpace(text) == "" {
		return fmt.Errorf("note on clip %d: empty text", id)
	}
	err := c.writeTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO notes (clip_id, at, author, text) VALUES (?, ?, ?, ?)`,
			id, formatTime(time.Now()), author, text)
		if err != nil {
			return err
		}
		return reindex(ctx, tx, id)
	})
	if err != nil {
		return fmt.Errorf("note on clip %d: %w", id, err)
	}
	return nil
}
