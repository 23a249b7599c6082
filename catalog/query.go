package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/rushes/rushes/media"
)

// ErrNotFound is returned when no clip matches a reference.
var ErrNotFound = errors.New("clip not found")

// ErrAmbiguous is returned when a clip name matches more than one clip.
var ErrAmbiguous = errors.New("clip name is ambiguous")

// Filter selects clips; zero fields select everything.
type Filter struct {
	Scene     string // case-insensitive
	Take      string
	Date      string // YYYY-MM-DD
	From      string // first day, inclusive
	To        string // last day, inclusive
	Camera    string
	Reel      string
	Kind      string
	Search    string // full text: names, scenes, notes, tags, source paths
	Circled   bool   // circled takes only
	MinRating int    // rated at least this (1-5); 0: any
	NG        *bool  // true: only NG clips; false: no NG clips; nil: both
	Tag       string
	Sort      string // one of SortKeys; "" is date, scene, take, name
	Limit     int    // 0: no limit
}

// SortKeys are the accepted values of Filter.Sort.
var sortColumns = map[string]string{
	"date":     "c.date, c.shot_at, c.name",
	"scene":    "c.scene COLLATE NOCASE, c.take, c.name",
	"take":     "c.take, c.name",
	"name":     "c.name",
	"camera":   "c.camera, c.date, c.name",
	"shot_at":  "c.shot_at, c.name",
	"size":     "c.size_bytes DESC, c.name",
	"ingested": "c.ingested_at, c.id",
}

// SortKeys lists the sort keys Clips accepts.
func SortKeys() []string {
	return []string{"date", "scene", "take", "name", "camera", "shot_at", "size", "ingested"}
}

const clipColumns = `c.id, c.name, c.kind, coalesce(c.date,''), coalesce(c.shot_at,''), coalesce(c.scene,''),
	coalesce(c.take,''), coalesce(c.camera,''), coalesce(c.reel,''), coalesce(c.project,''), coalesce(c.tc_start,''),
	coalesce(c.fps_num,0), coalesce(c.fps_den,0), coalesce(c.duration_s,0), coalesce(c.codec,''), coalesce(c.width,0),
	coalesce(c.height,0), coalesce(c.sample_rate,0), coalesce(c.channels,0), c.size_bytes, c.library_path,
	c.source_path, c.hash_algo, c.hash, c.circled, c.rating, c.ng, c.provenance, c.warnings, c.ingested_at, coalesce(c.card,'')`

// Clips returns the clips the filter selects, with their files, notes and tags.
func (c *Catalog) Clips(ctx context.Context, f Filter) ([]Clip, error) {
	where, args, err := f.where()
	if err != nil {
		return nil, err
	}
	order := sortColumns["date"]
	if f.Sort != "" {
		var ok bool
		if order, ok = sortColumns[f.Sort]; !ok {
			return nil, fmt.Errorf("unknown sort %q (allowed: %s)", f.Sort, strings.Join(SortKeys(), ", "))
		}
	}
	q := "SELECT " + clipColumns + " FROM clips c" + where + " ORDER BY " + order
	if f.Limit > 0 {
		q += " LIMIT " + strconv.Itoa(f.Limit)
	}
	return c.queryClips(ctx, q, args...)
}

func (f Filter) where() (string, []any, error) {
	var conds []string
	var args []any
	add := func(cond string, v any) { conds = append(conds, cond); args = append(args, v) }
	if f.Scene != "" {
		add("c.scene = ? COLLATE NOCASE", f.Scene)
	}
	if f.Take != "" {
		add("c.take = ?", f.Take)
	}
	if f.Date != "" {
		add("c.date = ?", f.Date)
	}
	if f.From != "" {
		add("c.date >= ?", f.From)
	}
	if f.To != "" {
		add("c.date <= ?", f.To)
	}
	if f.Camera != "" {
		add("c.camera = ? COLLATE NOCASE", f.Camera)
	}
	if f.Reel != "" {
		add("c.reel = ? COLLATE NOCASE", f.Reel)
	}
	if f.Kind != "" {
		add("c.kind = ?", f.Kind)
	}
	if f.Circled {
		conds = append(conds, "c.circled")
	}
	if f.MinRating > 0 {
		add("c.rating >= ?", f.MinRating)
	}
	if f.NG != nil {
		add("c.ng = ?", *f.NG)
	}
	if f.Tag != "" {
		add("c.id IN (SELECT clip_id FROM tags WHERE tag = ? COLLATE NOCASE)", f.Tag)
	}
	if f.Search != "" {
		add("c.id IN (SELECT rowid FROM clips_fts WHERE clips_fts MATCH ?)", ftsQuery(f.Search))
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// ftsQuery turns free text into an FTS5 query of quoted prefix terms, so
// that user text can never be FTS5 syntax.
func ftsQuery(text string) string {
	var terms []string
	for _, w := range strings.Fields(text) {
		terms = append(terms, `"`+strings.ReplaceAll(w, `"`, `""`)+`"*`)
	}
	return strings.Join(terms, " ")
}

func (c *Catalog) queryClips(ctx context.Context, q string, args ...any) ([]Clip, error) {
	rows, err := c.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("query clips: %w", err)
	}
	defer rows.Close()
	var out []Clip
	for rows.Next() {
		cl, err := scanClip(rows)
		if err != nil {
			return nil, fmt.Errorf("read clip: %w", err)
		}
		out = append(out, cl)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query clips: %w", err)
	}
	for i := range out {
		out[i].LibraryPath = c.toAbs(out[i].LibraryPath)
		if err := c.loadDetails(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func scanClip(rows *sql.Rows) (Clip, error) {
	var cl Clip
	var kind, shotAt, prov, warn, ingested string
	var rating sql.NullInt64
	err := rows.Scan(&cl.ID, &cl.Name, &kind, &cl.Date, &shotAt, &cl.Scene, &cl.Take, &cl.Camera, &cl.Reel,
		&cl.Project, &cl.TCStart, &cl.Rate.Num, &cl.Rate.Den, &cl.Duration, &cl.Codec, &cl.Width, &cl.Height,
		&cl.SampleRate, &cl.Channels, &cl.SizeBytes, &cl.LibraryPath, &cl.SourcePath, &cl.HashAlgo, &cl.Hash,
		&cl.Circled, &rating, &cl.NG, &prov, &warn, &ingested, &cl.Card)
	if err != nil {
		return cl, err
	}
	cl.Kind = media.Kind(kind)
	cl.ShotAt = parseTime(shotAt)
	cl.IngestedAt = parseTime(ingested)
	if rating.Valid {
		r := int(rating.Int64)
		cl.Rating = &r
	}
	_ = json.Unmarshal([]byte(prov), &cl.Provenance)
	_ = json.Unmarshal([]byte(warn), &cl.Warnings)
	return cl, nil
}

// loadDetails fills a clip's files, notes and tags.
func (c *Catalog) loadDetails(ctx context.Context, cl *Clip) error {
	rows, err := c.read.QueryContext(ctx, `SELECT clip_id, path, role, size_bytes, hash_algo, hash, source_path, source_mtime, verified_at
		FROM files WHERE clip_id = ? ORDER BY role <> 'media', path`, cl.ID)
	if err != nil {
		return fmt.Errorf("files of clip %d: %w", cl.ID, err)
	}
	for rows.Next() {
		f, err := scanFile(rows)
		if err != nil {
			rows.Close()
			return fmt.Errorf("files of clip %d: %w", cl.ID, err)
		}
		f.Path = c.toAbs(f.Path)
		cl.Files = append(cl.Files, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if err := c.otherSources(ctx, cl); err != nil {
		return err
	}
	if cl.Notes, err = c.notes(ctx, cl.ID); err != nil {
		return err
	}
	cl.Tags, err = c.tags(ctx, cl.ID)
	return err
}

// otherSources fills each file's other sources (AddSource): the same
// bytes found elsewhere under other names.
func (c *Catalog) otherSources(ctx context.Context, cl *Clip) error {
	rows, err := c.read.QueryContext(ctx, `SELECT f.path, s.source_path FROM file_sources s JOIN files f ON f.id = s.file_id
		WHERE f.clip_id = ? ORDER BY s.source_path`, cl.ID)
	if err != nil {
		return fmt.Errorf("other sources of clip %d: %w", cl.ID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var path, src string
		if err := rows.Scan(&path, &src); err != nil {
			return fmt.Errorf("other sources of clip %d: %w", cl.ID, err)
		}
		for i := range cl.Files {
			if cl.Files[i].Path == c.toAbs(path) {
				cl.Files[i].OtherSources = append(cl.Files[i].OtherSources, src)
			}
		}
	}
	return rows.Err()
}

func (c *Catalog) notes(ctx context.Context, id int64) ([]Note, error) {
	rows, err := c.read.QueryContext(ctx, `SELECT at, author, text FROM notes WHERE clip_id = ? ORDER BY at, id`, id)
	if err != nil {
		return nil, fmt.Errorf("notes of clip %d: %w", id, err)
	}
	defer rows.Close()
	var out []Note
	for rows.Next() {
		var n Note
		var at string
		if err := rows.Scan(&at, &n.Author, &n.Text); err != nil {
			return nil, err
		}
		n.At = parseTime(at)
		out = append(out, n)
	}
	return out, rows.Err()
}

func (c *Catalog) tags(ctx context.Context, id int64) ([]string, error) {
	rows, err := c.read.QueryContext(ctx, `SELECT tag FROM tags WHERE clip_id = ? ORDER BY tag`, id)
	if err != nil {
		return nil, fmt.Errorf("tags of clip %d: %w", id, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// FindClip resolves what a user typed to one clip: a clip id, a library path
// (absolute or relative to the library), a source path, or a unique clip
// name with or without its extension. The first kind of reference that
// matches decides.
func (c *Catalog) FindClip(ctx context.Context, ref string) (Clip, error) {
	type lookup struct {
		where string
		args  []any
	}
	var tries []lookup
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		tries = append(tries, lookup{"c.id = ?", []any{id}})
	}
	rel, err := c.toRel(ref)
	if err != nil {
		rel = ref
	}
	tries = append(tries,
		lookup{"c.id IN (SELECT clip_id FROM files WHERE path = ?)", []any{rel}},
		lookup{"c.id IN (SELECT clip_id FROM files WHERE source_path = ?)", []any{ref}},
		lookup{"c.id IN (SELECT f.clip_id FROM files f JOIN file_sources s ON s.file_id = f.id WHERE s.source_path = ?)", []any{ref}},
		lookup{"c.name = ?", []any{ref}},
		lookup{`c.name LIKE ? ESCAPE '\'`, []any{likeEscape(ref) + ".%"}},
		// another source's name (AddSource): the clip holding its content
		lookup{"c.id IN (SELECT f.clip_id FROM files f JOIN file_sources s ON s.file_id = f.id WHERE s.name = ?)", []any{ref}},
		lookup{`c.id IN (SELECT f.clip_id FROM files f JOIN file_sources s ON s.file_id = f.id WHERE s.name LIKE ? ESCAPE '\')`, []any{likeEscape(ref) + ".%"}},
	)
	for _, t := range tries {
		clips, err := c.queryClips(ctx, "SELECT "+clipColumns+" FROM clips c WHERE "+t.where+" ORDER BY c.id LIMIT 3", t.args...)
		if err != nil {
			return Clip{}, err
		}
		switch {
		case len(clips) == 1:
			return clips[0], nil
		case len(clips) > 1:
			var ids []string
			for _, cl := range clips {
				ids = append(ids, strconv.FormatInt(cl.ID, 10)+" ("+cl.LibraryPath+")")
			}
			return Clip{}, fmt.Errorf("%w: %q matches %s; use a clip id or a library path", ErrAmbiguous, ref, strings.Join(ids, ", "))
		}
	}
	return Clip{}, fmt.Errorf("%w: %q (give a clip id, a library or source path, or a clip name)", ErrNotFound, ref)
}

func likeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// Counts returns how many clips and files the catalog holds.
func (c *Catalog) Counts(ctx context.Context) (clips, files int, err error) {
	err = c.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM clips), (SELECT count(*) FROM files)`).Scan(&clips, &files)
	return clips, files, err
}

// Event is one step of a clip's ingest history: a source file's state in a run.
type Event struct {
	RunID  int64  `json:"run_id"`
	At     string `json:"at"`
	Source string `json:"source"`
	State  string `json:"state"`
	Error  string `json:"error,omitempty"`
}

// History returns the journal of a clip's source files, oldest first: every
// run that planned, copied, verified, failed or found them already there.
func (c *Catalog) History(ctx context.Context, cl Clip) ([]Event, error) {
	rows, err := c.read.QueryContext(ctx, `SELECT j.run_id, j.updated_at, j.source_path, j.state, coalesce(j.error, '')
		FROM journal j WHERE j.source_path IN (SELECT source_path FROM files WHERE clip_id = ?)
		ORDER BY j.updated_at, j.run_id`, cl.ID)
	if err != nil {
		return nil, fmt.Errorf("history of clip %d: %w", cl.ID, err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.RunID, &e.At, &e.Source, &e.State, &e.Error); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
