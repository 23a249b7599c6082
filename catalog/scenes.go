package catalog

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// SceneRow sums up one scene on one shooting day.
type SceneRow struct {
	Date      string   `json:"date"`
	Scene     string   `json:"scene"`
	Clips     int      `json:"clips"`
	Takes     int      `json:"takes"`
	Picture   int      `json:"picture"`
	Sound     int      `json:"sound"`
	DurationS float64  `json:"duration_s"`
	Circled   []string `json:"circled"` // circled takes
}

// Scenes returns a row per shooting day and scene among the clips f selects
// (clips with no scene are grouped as "unsorted").
func (c *Catalog) Scenes(ctx context.Context, f Filter) ([]SceneRow, error) {
	where, args, err := f.where()
	if err != nil {
		return nil, err
	}
	q := `SELECT coalesce(c.date, ''), coalesce(c.scene, ''), count(*), count(DISTINCT c.take),
		sum(c.kind = 'video'), sum(c.kind = 'audio'), coalesce(sum(CASE WHEN c.kind = 'video' THEN c.duration_s END), 0),
		coalesce(group_concat(DISTINCT CASE WHEN c.circled THEN c.take END), '')
		FROM clips c` + where + ` GROUP BY 1, 2 COLLATE NOCASE ORDER BY 1, coalesce(c.scene, '') = '', 2 COLLATE NOCASE`
	rows, err := c.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("scenes: %w", err)
	}
	defer rows.Close()
	var out []SceneRow
	for rows.Next() {
		var r SceneRow
		var circled string
		if err := rows.Scan(&r.Date, &r.Scene, &r.Clips, &r.Takes, &r.Picture, &r.Sound, &r.DurationS, &circled); err != nil {
			return nil, fmt.Errorf("scenes: %w", err)
		}
		if r.Scene == "" {
			r.Scene = "unsorted"
		}
		r.Circled = []string{}
		if circled != "" {
			r.Circled = strings.Split(circled, ",")
			sort.Strings(r.Circled)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
