package bwf

import "encoding/binary"

// readDS64 reads the RF64 size table: RIFF size, data size, sample count,
// then (id, size) pairs for any other chunk larger than 4 GB.
func (p *parser) readDS64(off, avail int64) error {
	if !p.rf64 {
		p.warnf("ds64 chunk at offset %d in a RIFF file ignored", off)
		return nil
	}
	b, err := p.readAt(off+8, int(min(avail, 28+12*maxDS64Table)))
	if err != nil {
		return err
	}
	if len(b) < 24 {
		p.warnf("ds64 chunk at offset %d is %d bytes, too short for its sizes", off, len(b))
		return nil
	}
	p.ds64 = map[string]uint64{"data": binary.LittleEndian.Uint64(b[8:16])}
	p.checkRIFFSize(binary.LittleEndian.Uint64(b[0:8]))
	if len(b) < 28 {
		return nil
	}
	count := int(binary.LittleEndian.Uint32(b[24:28]))
	if count > maxDS64Table {
		p.warnf("ds64 chunk at offset %d lists %d sizes; read the first %d", off, count, maxDS64Table)
	}
	for i, e := 0, b[28:]; i < count && len(e) >= 12; i, e = i+1, e[12:] {
		if id := string(e[:4]); id != "data" {
			p.ds64[id] = binary.LittleEndian.Uint64(e[4:12])
		}
	}
	return nil
}
