package media

// OrNil returns a pointer to v, or nil for the zero value: a fact that was
// not read prints as JSON null, not as "" or 0 (rushes probe --json and the
// catalog's clip JSON share this).
func OrNil[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}
