-- Schema version 1: clips and their files, ingest runs, the per-file journal
-- that resumption reads, review marks, and the full-text index.

CREATE TABLE runs (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT    NOT NULL,
    finished_at  TEXT,
    sources      TEXT    NOT NULL,           -- JSON array of the paths given
    state        TEXT    NOT NULL CHECK (state IN ('running', 'done', 'failed', 'interrupted')),
    files_total  INTEGER NOT NULL DEFAULT 0,
    files_copied INTEGER NOT NULL DEFAULT 0,
    files_known  INTEGER NOT NULL DEFAULT 0,
    files_failed INTEGER NOT NULL DEFAULT 0,
    bytes_copied INTEGER NOT NULL DEFAULT 0,
    pid          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE clips (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('video', 'audio', 'other')),
    date         TEXT,                        -- shooting day YYYY-MM-DD
    shot_at      TEXT,                        -- RFC 3339 with the recorded offset
    scene        TEXT,
    take         TEXT,
    camera       TEXT,
    reel         TEXT,
    project      TEXT,
    tc_start     TEXT,
    fps_num      INTEGER,
    fps_den      INTEGER,
    duration_s   REAL,
    codec        TEXT,
    width        INTEGER,
    height       INTEGER,
    sample_rate  INTEGER,
    channels     INTEGER,
    size_bytes   INTEGER NOT NULL,
    library_path TEXT    NOT NULL UNIQUE,     -- the media file, relative to the library root
    source_path  TEXT    NOT NULL,
    hash_algo    TEXT    NOT NULL,
    hash         TEXT    NOT NULL,
    circled      INTEGER NOT NULL DEFAULT 0,
    rating       INTEGER CHECK (rating BETWEEN 0 AND 5),
    ng           INTEGER NOT NULL DEFAULT 0,
    provenance   TEXT    NOT NULL DEFAULT '{}', -- JSON: fact -> source
    warnings     TEXT    NOT NULL DEFAULT '[]', -- JSON array
    run_id       INTEGER REFERENCES runs (id),
    ingested_at  TEXT    NOT NULL
);
CREATE INDEX clips_date_scene ON clips (date, scene COLLATE NOCASE);
CREATE INDEX clips_scene ON clips (scene COLLATE NOCASE, date);
CREATE INDEX clips_source ON clips (source_path);

CREATE TABLE files (
    id           INTEGER PRIMARY KEY,
    clip_id      INTEGER NOT NULL REFERENCES clips (id) ON DELETE CASCADE,
    path         TEXT    NOT NULL UNIQUE,     -- relative to the library root
    role         TEXT    NOT NULL CHECK (role IN ('media', 'sidecar', 'proxy', 'thumbnail')),
    size_bytes   INTEGER NOT NULL,
    hash_algo    TEXT    NOT NULL,
    hash         TEXT    NOT NULL,
    source_path  TEXT    NOT NULL,
    source_mtime TEXT    NOT NULL,            -- RFC 3339 nanoseconds: with size, identifies a source file already offloaded
    verified_at  TEXT    NOT NULL
);
CREATE INDEX files_clip ON files (clip_id);
CREATE INDEX files_source ON files (source_path, size_bytes);
CREATE INDEX files_hash ON files (hash_algo, hash);
CREATE INDEX files_size ON files (size_bytes);

-- One row per source file and run: written before and after each step so a
-- run killed at any point can be resumed and explained.
CREATE TABLE journal (
    run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    source_path TEXT    NOT NULL,
    size_bytes  INTEGER NOT NULL,
    dest_path   TEXT,
    state       TEXT    NOT NULL CHECK (state IN ('planned', 'copying', 'verified', 'known', 'failed')),
    error       TEXT,
    hash        TEXT,
    updated_at  TEXT    NOT NULL,
    PRIMARY KEY (run_id, source_path)
);
CREATE INDEX journal_state ON journal (state);

CREATE TABLE notes (
    id      INTEGER PRIMARY KEY,
    clip_id INTEGER NOT NULL REFERENCES clips (id) ON DELETE CASCADE,
    at      TEXT    NOT NULL,
    author  TEXT    NOT NULL,
    text    TEXT    NOT NULL
);
CREATE INDEX notes_clip ON notes (clip_id);

CREATE TABLE tags (
    clip_id INTEGER NOT NULL REFERENCES clips (id) ON DELETE CASCADE,
    tag     TEXT    NOT NULL,
    PRIMARY KEY (clip_id, tag)
);

-- Full text over names, scenes, notes, tags and source paths; rowid = clips.id,
-- kept in step by the catalog's write methods.
CREATE VIRTUAL TABLE clips_fts USING fts5 (name, scene, notes, tags, source_path, tokenize = 'unicode61');
