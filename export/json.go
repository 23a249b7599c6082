package export

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/rushes/rushes/catalog"
)

// JSON writes the clips as one JSON array of catalog.Clip's stable shape
// (the objects `rushes clips --json` prints), indented by two spaces, "[]"
// when there are none.
func JSON(w io.Writer, clips []catalog.Clip) error {
	if clips == nil {
		clips = []catalog.Clip{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(clips); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}
