package pipeline

import (
	"path/filepath"
	"strings"

	"github.com/rushes/rushes/organize"
)

// Card structures that editing systems read as a whole (an AVCHD BDMV tree
// with its CLIPINF and PLAYLIST files, an XDCAM XDROOT, a Canon XF CONTENTS
// folder) are kept intact: every file under one is placed below the folder
// of the structure's first clip, at its path inside the structure, rather
// than split into clip folders.

// structureRoot returns the folder that must stay whole around path, if any:
// the parent of a BDMV folder, or an XDROOT or CONTENTS folder itself.
func structureRoot(root, path string) (string, bool) {
	rel, err := filepath.Rel(root, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for i, p := range parts[:len(parts)-1] {
		switch strings.ToUpper(p) {
		case "BDMV":
			return filepath.Join(root, filepath.Join(parts[:i]...)), true
		case "XDROOT", "CONTENTS":
			return filepath.Join(root, filepath.Join(parts[:i+1]...)), true
		}
	}
	return "", false
}

// keepStructures rewrites the places of files inside card structures so
// each structure lands whole below its first clip's folder.
func (p *Pipeline) keepStructures(plan []PlannedClip) error {
	base := map[string]string{} // structure root -> library folder
	for ci := range plan {
		for fi := range plan[ci].Files {
			f := &plan[ci].Files[fi]
			sroot, ok := structureRoot(f.Root, f.Path)
			if !ok {
				continue
			}
			if _, seen := base[sroot]; !seen {
				base[sroot] = filepath.Dir(f.Dest)
			}
			dest, err := p.insideStructure(base[sroot], sroot, f.Path)
			if err != nil {
				return err
			}
			f.Dest = dest
			f.Reason = copyReason(f.Reason, "structure", "kept whole: "+filepath.Base(sroot))
		}
	}
	return nil
}

// insideStructure is path's place below folder, keeping its path inside the
// structure (each segment sanitized, so the structure cannot leave the library).
func (p *Pipeline) insideStructure(folder, sroot, path string) (string, error) {
	rel, err := filepath.Rel(filepath.Dir(sroot), path)
	if err != nil {
		return "", err
	}
	segs := strings.Split(filepath.ToSlash(rel), "/")
	for i, s := range segs {
		if segs[i] = organize.SanitizeName(s); segs[i] == "" {
			segs[i] = "unknown"
		}
	}
	libRel, err := filepath.Rel(p.opts.Library, folder)
	if err != nil {
		return "", err
	}
	return organize.Within(p.opts.Library, filepath.ToSlash(filepath.Join(libRel, filepath.Join(segs...))))
}

func copyReason(r map[string]string, k, v string) map[string]string {
	out := make(map[string]string, len(r)+1)
	for a, b := range r {
		out[a] = b
	}
	out[k] = v
	return out
}

// inStructure reports whether a library path lies inside a kept structure;
// such files are never moved one by one.
func inStructure(path string) bool {
	for _, p := range strings.Split(filepath.ToSlash(path), "/") {
		switch strings.ToUpper(p) {
		case "BDMV", "XDROOT", "CONTENTS":
			return true
		}
	}
	return false
}
