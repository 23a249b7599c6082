package sidecar

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rushes/rushes/fsutil"
)

// canonNamespace is the namespace of Canon XF clip XML.
const canonNamespace = "http://www.canon.com/ns/VideoClip"

// Canon is what a Canon XF clip XML (root VideoClip) says. Support is best
// effort: the element names follow Adobe's XMP SDK reader for Canon XF
// (Title, Creator, Description, Device/{Manufacturer,ModelName,SerialNo,
// FirmVersion}, Location/{Altitude,Latitude,Longitude,PlaceName,Source});
// no real file was available to check against. Timecode, frame rate and
// duration live in Canon's binary .CIF file and the MXF, not here.
type Canon struct {
	Title       string // the shot name the operator set
	Creator     string
	Description string

	Manufacturer string
	Model        string
	Serial       string
	Firmware     string

	PlaceName   string
	Source      string  // how the position was found
	HasPosition bool    // Latitude and Longitude were both readable
	Latitude    float64 // degrees, north positive
	Longitude   float64 // degrees, east positive
	Altitude    *int    // metres, nil when absent

	Warnings []string
}

// ReadCanonFile reads the Canon clip XML at path.
func ReadCanonFile(path string) (*Canon, error) {
	f, err := fsutil.OpenRead(path)
	if err != nil {
		return nil, fmt.Errorf("sidecar: %w", err)
	}
	defer f.Close()
	c, err := ReadCanon(f, DefaultLimit)
	if err != nil {
		return nil, fmt.Errorf("sidecar %s: %w", path, err)
	}
	return c, nil
}

// ReadCanon reads a Canon VideoClip document of at most limit bytes
// (DefaultLimit when limit <= 0). It returns ErrNotCanon when the root is
// not VideoClip; damage after the root returns what was read, with Warnings.
func ReadCanon(r io.Reader, limit int64) (*Canon, error) {
	b, err := readLimited(r, limit)
	if err != nil {
		return nil, err
	}
	c := &Canon{}
	var lat, lon, alt string
	fields := map[string]*string{
		"Title": &c.Title, "Creator": &c.Creator, "Description": &c.Description,
		"Device/Manufacturer": &c.Manufacturer, "Device/ModelName": &c.Model,
		"Device/SerialNo": &c.Serial, "Device/FirmVersion": &c.Firmware,
		"Location/PlaceName": &c.PlaceName, "Location/Source": &c.Source,
		"Location/Latitude": &lat, "Location/Longitude": &lon, "Location/Altitude": &alt,
	}
	root, err := walkXML(b, visitor{text: func(path []string, text string) {
		if p, ok := fields[strings.Join(path[1:], "/")]; ok && *p == "" {
			*p = text
		}
	}})
	if root.Local != "VideoClip" {
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNotCanon, err)
		}
		return nil, fmt.Errorf("%w: root element is <%s>", ErrNotCanon, root.Local)
	}
	w := warnings{}
	if err != nil {
		w.add("VideoClip: %v (kept what was read before it)", err)
	}
	if root.Space != canonNamespace {
		w.add("VideoClip namespace %q is not %s", root.Space, canonNamespace)
	}
	c.position(lat, lon, alt, &w)
	c.Warnings = w
	return c, nil
}

// position reads "N35.6581" style coordinates (a direction letter, then
// decimal degrees) and a whole-metre altitude.
func (c *Canon) position(lat, lon, alt string, w *warnings) {
	la, ok1 := coordinate(lat, 'N', 'S', 90)
	lo, ok2 := coordinate(lon, 'E', 'W', 180)
	switch {
	case ok1 && ok2:
		c.Latitude, c.Longitude, c.HasPosition = la, lo, true
	case lat != "" || lon != "":
		w.add("Location latitude %q, longitude %q is not a position", lat, lon)
	}
	if alt != "" {
		if n, err := strconv.Atoi(alt); err == nil && n > -20000 && n < 100000 {
			c.Altitude = &n
		} else {
			w.add("Location altitude %q is not a whole number of metres", alt)
		}
	}
}

func coordinate(s string, pos, neg byte, limit float64) (float64, bool) {
	if len(s) < 2 {
		return 0, false
	}
	sign := 1.0
	switch s[0] {
	case pos:
	case neg:
		sign = -1
	default:
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s[1:]), 64)
	if err != nil || v < 0 || v > limit {
		return 0, false
	}
	return sign * v, true
}
