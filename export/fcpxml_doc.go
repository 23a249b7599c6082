package export

import "encoding/xml"

// The FCPXML elements rushes writes, in the element order Apple's DTD
// (1.9, 1.10 and 1.11 alike) requires; encoding/xml keeps field order.

type fcpxmlDoc struct {
	XMLName   xml.Name     `xml:"fcpxml"`
	Version   string       `xml:"version,attr"`
	Resources fcpResources `xml:"resources"`
	Event     fcpEvent     `xml:"event"`
}

type fcpResources struct {
	Formats []fcpFormat `xml:"format"`
	Assets  []fcpAsset  `xml:"asset"`
}

type fcpFormat struct {
	ID            string `xml:"id,attr"`
	Name          string `xml:"name,attr,omitempty"`
	FrameDuration string `xml:"frameDuration,attr"`
	Width         int    `xml:"width,attr,omitempty"`
	Height        int    `xml:"height,attr,omitempty"`
}

type fcpAsset struct {
	ID            string      `xml:"id,attr"`
	Name          string      `xml:"name,attr"`
	Start         string      `xml:"start,attr"`
	Duration      string      `xml:"duration,attr,omitempty"`
	HasVideo      string      `xml:"hasVideo,attr,omitempty"`
	Format        string      `xml:"format,attr,omitempty"`
	HasAudio      string      `xml:"hasAudio,attr,omitempty"`
	VideoSources  string      `xml:"videoSources,attr,omitempty"`
	AudioSources  string      `xml:"audioSources,attr,omitempty"`
	AudioChannels string      `xml:"audioChannels,attr,omitempty"`
	AudioRate     string      `xml:"audioRate,attr,omitempty"`
	MediaRep      fcpMediaRep `xml:"media-rep"`
}

type fcpMediaRep struct {
	Kind string `xml:"kind,attr"`
	Src  string `xml:"src,attr"`
}

type fcpEvent struct {
	Name        string                 `xml:"name,attr"`
	Collections []fcpKeywordCollection `xml:"keyword-collection"`
	Clips       []fcpAssetClip         `xml:"asset-clip"`
	Project     *fcpProject            `xml:"project"`
}

type fcpKeywordCollection struct {
	Name string `xml:"name,attr"`
}

// fcpAssetClip children follow the DTD: note, then markers (keyword,
// rating), then metadata.
type fcpAssetClip struct {
	Ref      string       `xml:"ref,attr"`
	Offset   string       `xml:"offset,attr,omitempty"`
	Name     string       `xml:"name,attr"`
	Start    string       `xml:"start,attr,omitempty"`
	Duration string       `xml:"duration,attr,omitempty"`
	Format   string       `xml:"format,attr,omitempty"`
	TCFormat string       `xml:"tcFormat,attr,omitempty"`
	Note     string       `xml:"note,omitempty"`
	Keywords []fcpKeyword `xml:"keyword"`
	Rating   *fcpRating   `xml:"rating"`
	Metadata *fcpMetadata `xml:"metadata"`
}

type fcpKeyword struct {
	Start    string `xml:"start,attr"`
	Duration string `xml:"duration,attr,omitempty"`
	Value    string `xml:"value,attr"`
}

type fcpRating struct {
	Start    string `xml:"start,attr"`
	Duration string `xml:"duration,attr,omitempty"`
	Value    string `xml:"value,attr"`
}

type fcpMetadata struct {
	MD []fcpMD `xml:"md"`
}

type fcpMD struct {
	Key   string `xml:"key,attr"`
	Value string `xml:"value,attr"`
}

type fcpProject struct {
	Name     string      `xml:"name,attr"`
	Sequence fcpSequence `xml:"sequence"`
}

type fcpSequence struct {
	Format      string   `xml:"format,attr"`
	Duration    string   `xml:"duration,attr"`
	TCStart     string   `xml:"tcStart,attr"`
	TCFormat    string   `xml:"tcFormat,attr"`
	AudioLayout string   `xml:"audioLayout,attr"`
	AudioRate   string   `xml:"audioRate,attr"`
	Spine       fcpSpine `xml:"spine"`
}

type fcpSpine struct {
	Clips []fcpAssetClip `xml:"asset-clip"`
}
