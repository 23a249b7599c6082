-- Schema version 3: other sources of content the library holds already. A
-- file whose bytes equal a catalogued file's (the same recording renamed on
-- another card, a thumbnail two clips share) is not copied again, but it is
-- recorded here, so that its name and source path find the clip that holds
-- its content and a second ingest of its card knows it without reading it.

CREATE TABLE file_sources (
    file_id      INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    source_path  TEXT    NOT NULL,
    name         TEXT    NOT NULL,   -- the source file's base name
    size_bytes   INTEGER NOT NULL,
    source_mtime TEXT    NOT NULL,   -- RFC 3339 nanoseconds, as in files
    run_id       INTEGER REFERENCES runs (id),
    recorded_at  TEXT    NOT NULL,
    PRIMARY KEY (file_id, source_path)
);
CREATE INDEX file_sources_source ON file_sources (source_path, size_bytes);
CREATE INDEX file_sources_name ON file_sources (name);
