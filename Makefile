# Build tags are set once here: FTS5 is part of the catalog's schema.
TAGS    := sqlite_fts5
GO      ?= go
BIN     := bin/rushes

.PHONY: build run daemon test vet fuzz bench clean

build:
	$(GO) build -tags '$(TAGS)' -o $(BIN) ./cmd/rushes

# run: one-shot ingest of ./ingest into ./library on defaults (no configuration needed).
# An empty ./ingest is seeded with a demo card built from ../shared/fixtures.
run: build
	@mkdir -p ingest
	@if [ -z "$$(ls -A ingest)" ] && [ -d ../shared/fixtures ]; then \
		mkdir -p ingest/DEMO_CARD/CLIPS ingest/DEMO_SOUND; \
		cp ../shared/fixtures/video/gopro/karma.mp4 ../shared/fixtures/video/exiftool/QuickTime.mov ingest/DEMO_CARD/CLIPS/; \
		cp ../shared/fixtures/sound/sounddevices/*.WAV ingest/DEMO_SOUND/; \
		echo "seeded ./ingest with a demo card from ../shared/fixtures"; \
	fi
	./$(BIN) ingest ./ingest && ./$(BIN) clips

# daemon: watch ./ingest and offload into ./library until Ctrl-C.
daemon: build
	@mkdir -p ingest
	./$(BIN) daemon

vet:
	$(GO) vet -tags '$(TAGS)' ./...

test: vet
	$(GO) test -race -tags '$(TAGS)' ./...

bench:
	$(GO) test -tags '$(TAGS)' -run '^$$' -bench . ./...

clean:
	rm -rf bin
