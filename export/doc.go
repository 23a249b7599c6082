// Package export owns the interchange formats editors import: Avid Log
// Exchange (ALE), Final Cut Pro XML (FCPXML, read by Final Cut Pro and
// DaVinci Resolve), CSV and JSON. Its writers turn the catalog.Clip values
// they are given into bytes on an io.Writer, and ReadALE reads an ALE back.
//
// It never touches the catalog, the library or any file: the caller queries
// the clips, opens the output and decides where warnings go.
package export
