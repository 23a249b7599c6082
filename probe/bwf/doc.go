// Package bwf reads Broadcast WAV files (RIFF and RF64/BW64 WAVE) as sound
// recorders write them: the fmt and data chunks (format, sample rate,
// duration), bext (description, originator, origination date and time,
// time reference) and iXML (project, scene, take, tape, circled, note,
// speed, track list, file set).
//
// It owns the byte layout of those chunks and the rules for reconciling them
// (iXML over bext description lines, bext time reference over iXML
// timestamps). It never writes, renames or seeks past what it was given: it
// is a pure reader over an io.ReaderAt, and it knows nothing about clips,
// libraries or the catalog. Every length read from a file is checked against
// the file's size before use; a damaged file yields what could be read plus
// Warnings, never a panic.
package bwf
