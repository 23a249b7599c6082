// Package qt reads the metadata of QuickTime and ISO base media files
// (.mov .mp4 .m4a .lrv): the movie and track headers, sample descriptions,
// the timecode track, udta text atoms, Apple keys/ilst metadata and iTunes
// tags.
//
// It owns the box walk and every decision about how far to trust a length
// read from a file: sizes are checked against the parent box and the file
// size, reads and loops are capped, and a damaged file gives back what could
// be read plus Info.Warnings rather than an error.
//
// It never writes, and it never reads media data: mdat is seeked over, and the
// only sample it touches is the four-byte start frame of a timecode track.
package qt
