// Package sidecar reads the XML files cameras write beside their clips:
// Sony's NonRealTimeMeta (C0001M01.XML beside C0001.MP4 on XAVC cards, and
// beside the MXF clips of XDCAM cards, which use the same format) and, as a
// best effort, Canon XF's clip XML (VideoClip).
//
// It owns those XML formats and how to find a clip's sidecar next to it. It
// is a pure reader: it never writes, renames or creates files, reads at most
// a bounded number of bytes per document, and knows nothing about clips,
// scenes or the catalog. A damaged document yields what was read plus
// Warnings; only a document that is not the expected kind at all is an
// error.
package sidecar
