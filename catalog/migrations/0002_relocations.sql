-- Schema version 2: the card a clip came from (layout token {card}), and
-- relocations: a clip moved inside the library when a later card settles its
-- scene. A row is written before the files are renamed and removed with the
-- catalog update that follows, so a move cut short is finished at the next start.

ALTER TABLE clips ADD COLUMN card TEXT;

CREATE TABLE relocations (
    clip_id   INTEGER NOT NULL REFERENCES clips (id) ON DELETE CASCADE,
    from_path TEXT    NOT NULL,   -- relative to the library root
    to_path   TEXT    NOT NULL,
    PRIMARY KEY (clip_id, from_path)
);

CREATE TABLE relocation_facts (
    clip_id    INTEGER PRIMARY KEY REFERENCES clips (id) ON DELETE CASCADE,
    scene      TEXT,
    take       TEXT,
    provenance TEXT NOT NULL     -- JSON: the clip's provenance after the move
);
