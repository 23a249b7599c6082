package catalog

import (
	"context"
	"fmt"
)

// AllFiles lists every file the catalog holds as verified in the library,
// with absolute paths, in path order: what every destination's ASC MHL
// history must know.
func (c *Catalog) AllFiles(ctx context.Context) ([]File, error) {
	rows, err := c.read.QueryContext(ctx, `SELECT clip_id, path, role, size_bytes, hash_algo, hash, source_path, source_mtime, verified_at
		FROM files ORDER BY path`)
	if err != nil {
		return nil, fmt.Errorf("list library files: %w", err)
	}
	defer rows.Close()
	var out []File
	for rows.Next() {
		f, err := scanFile(rows)
		if err != nil {
			return nil, fmt.Errorf("list library files: %w", err)
		}
		f.Path = c.toAbs(f.Path)
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list library files: %w", err)
	}
	return out, nil
}
