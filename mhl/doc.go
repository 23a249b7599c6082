// Package mhl owns ASC MHL v2 history: the ascmhl/ folder at the root of a
// folder it covers, with one generation file (NNNN_<root>_<date>_<time>Z.mhl)
// per recorded event and the chain file ascmhl_chain.xml that lists each
// generation with the C4 id of its bytes. Write adds a generation from hashes
// the caller computed, ReadHistory parses a history back, and Verify re-hashes
// the files a history records against it.
//
// It writes nothing outside ascmhl/, never overwrites a generation file, and
// replaces the chain only atomically. It never touches the media files beyond
// reading them (Verify hashes them; Write only looks at their metadata), and
// it knows nothing of the catalog, clips or scenes.
package mhl
