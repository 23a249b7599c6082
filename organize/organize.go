// Package organize decides where a clip lives in the library: the shooting
// day, the layout template and the sanitizing that keeps every value read
// from a file inside one safe path segment. It is pure logic: it never
// touches the file system or the catalog.
package organize

import "time"

// ShootingDay is the day a moment belongs to on set: t in loc, shifted back
// by dayStarts so that a night shoot past midnight stays one day
// (01:30 with dayStarts 5h belongs to the day before).
func ShootingDay(t time.Time, loc *time.Location, dayStarts time.Duration) string {
	if t.IsZero() {
		return ""
	}
	if loc == nil {
		loc = time.Local
	}
	return t.In(loc).Add(-dayStarts).Format("2006-01-02")
}
