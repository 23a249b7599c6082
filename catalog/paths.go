package catalog

import (
	"fmt"
	"path/filepath"
	"strings"
)

// The catalog's API speaks absolute library paths; the database stores them
// relative to the library root so that a library can be moved or mounted
// elsewhere without rewriting the catalog.

func (c *Catalog) toRel(p string) (string, error) {
	if !filepath.IsAbs(p) || c.library == "" {
		return filepath.ToSlash(p), nil
	}
	rel, err := filepath.Rel(c.library, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		return "", fmt.Errorf("%s is outside the library %s", p, c.library)
	}
	return filepath.ToSlash(rel), nil
}

func (c *Catalog) toAbs(rel string) string {
	if c.library == "" || filepath.IsAbs(rel) {
		return rel
	}
	return filepath.Join(c.library, filepath.FromSlash(rel))
}

// relClip returns cl with its library paths made relative for storage.
func (c *Catalog) relClip(cl Clip) (Clip, error) {
	var err error
	if cl.LibraryPath, err = c.toRel(cl.LibraryPath); err != nil {
		return cl, err
	}
	files := make([]File, len(cl.Files))
	for i, f := range cl.Files {
		if f.Path, err = c.toRel(f.Path); err != nil {
			return cl, err
		}
		files[i] = f
	}
	cl.Files = files
	return cl, nil
}
