package watcher

import (
	"context"
	"path/filepath"
)

// mount is one mounted filesystem.
type mount struct {
	point  string
	fstype string // empty where the platform does not say
}

// mountSource lists mounts and waits for the list to change.
type mountSource interface {
	read() ([]mount, error)
	wait(ctx context.Context) error
	close()
}

// networkFS are filesystem types whose changes made elsewhere never reach inotify.
var networkFS = map[string]bool{
	"nfs": true, "nfs4": true, "cifs": true, "smb3": true, "smbfs": true, "afs": true, "9p": true,
	"ceph": true, "glusterfs": true, "lustre": true, "gpfs": true, "beegfs": true, "davfs": true,
	"fuse.sshfs": true, "fuse.rclone": true, "fuse.s3fs": true, "fuse.gcsfuse": true,
	"fuse.glusterfs": true, "fuse.cephfs": true,
}

// openMounts reads the mount table: roots on network filesystems are polled, and volumes
// already mounted under the volume parents become roots.
func (w *Watcher) openMounts() {
	src, err := newMountSource(w.opts)
	if err != nil {
		w.log.Warn("cannot read the mount table; drives are found by scans only", "err", err)
		return
	}
	if src == nil {
		return // nothing to follow on this platform
	}
	ms, err := src.read()
	if err != nil {
		w.log.Warn("cannot read the mount table; drives are found by scans only", "err", err)
		src.close()
		return
	}
	w.mounts = src
	w.mountSet = indexMounts(ms)
	for _, r := range w.roots {
		if fst := fsTypeOf(ms, r.real); networkFS[fst] && r.pollWhy == "" {
			r.pollWhy = "network filesystem " + fst
		}
	}
	for _, m := range ms {
		if w.isVolume(m.point) {
			w.addVolume(context.Background(), m, false)
		}
	}
}

// runMounts follows the mount table: a drive mounted under a volume parent becomes a root, one
// mounted under a root is scanned; an unmounted volume's root goes.
func (w *Watcher) runMounts(ctx context.Context) {
	prev := w.mountSet
	for {
		if err := w.mounts.wait(ctx); err != nil {
			return
		}
		ms, err := w.mounts.read()
		if err != nil {
			w.problem("read the mount table", err)
			continue
		}
		cur := indexMounts(ms)
		for p, m := range cur {
			if _, ok := prev[p]; !ok {
				w.mounted(ctx, m)
			}
		}
		for p, m := range prev {
			if _, ok := cur[p]; !ok {
				w.unmounted(ctx, m)
			}
		}
		prev = cur
	}
}

func (w *Watcher) mounted(ctx context.Context, m mount) {
	if w.isVolume(m.point) {
		w.addVolume(ctx, m, true)
		return
	}
	r := w.rootOf(m.point)
	if r == nil {
		return
	}
	w.log.Info("drive mounted under a root", "path", m.point, "root", r.Path, "fstype", m.fstype)
	if m.point == r.Path {
		w.queueScan(ctx, scanReq{root: r})
	} else {
		w.queueScan(ctx, scanReq{path: m.point})
	}
}

func (w *Watcher) unmounted(ctx context.Context, m mount) {
	for _, r := range w.rootList() {
		if r.volume && r.Path == m.point {
			w.log.Info("drive unmounted", "path", m.point)
			w.removeRoot(r)
			if w.fs != nil {
				w.unwatch(r.Path)
			}
			w.send(ctx, trackerMsg{kind: msgRootGone, root: r})
			return
		}
	}
	r := w.rootOf(m.point)
	if r == nil {
		return
	}
	// The folder under the mount point is back: forget the drive's files, watch the folder.
	if w.fs != nil {
		w.unwatch(m.point)
	}
	w.send(ctx, trackerMsg{kind: msgGone, path: m.point})
	if m.point == r.Path {
		w.queueScan(ctx, scanReq{root: r})
	} else {
		w.queueScan(ctx, scanReq{path: m.point})
	}
}

// addVolume makes a volume mounted under a volume parent a Card root; scan queues its first
// scan (at Open the scanner scans every root anyway).
func (w *Watcher) addVolume(ctx context.Context, m mount, scan bool) {
	r := newRoot(Root{Path: m.point, Card: true}, true)
	if networkFS[m.fstype] {
		r.pollWhy = "network filesystem " + m.fstype
	} else if w.fs == nil && scan {
		r.pollWhy = "no file events"
	}
	if !w.addRoot(r) {
		return
	}
	w.log.Info("drive mounted", "path", m.point, "fstype", m.fstype)
	if scan {
		w.queueScan(ctx, scanReq{root: r})
	}
}

// isVolume reports whether p sits directly in a volume parent.
func (w *Watcher) isVolume(p string) bool {
	dir := filepath.Dir(p)
	for _, parent := range w.opts.VolumeParents {
		if filepath.Clean(parent) == dir {
			return true
		}
	}
	return false
}

func indexMounts(ms []mount) map[string]mount {
	idx := make(map[string]mount, len(ms))
	for _, m := range ms {
		idx[m.point] = m // a later mount over the same point hides the earlier one
	}
	return idx
}

// fsTypeOf returns the type of the filesystem p is on: the deepest mount containing it.
func fsTypeOf(ms []mount, p string) string {
	best, fst := "", ""
	for _, m := range ms {
		if within(p, m.point) && len(m.point) >= len(best) {
			best, fst = m.point, m.fstype
		}
	}
	return fst
}
