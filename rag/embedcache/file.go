package embedcache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
)

// The cache file, little-endian:
//
//	magic   "ASSTVEC1" (the 1 is the format version)
//	uint32  length of the embedder name, then the name
//	uint32  dimensions
//	uint32  count
//	count × (32-byte SHA-256 of the text, dimensions × float32)
//	32-byte SHA-256 of everything above
//
// A plain format rather than chromem-go's ExportToFile: the cache holds
// vectors keyed by text hash, not documents, and reading it checks every
// byte (checksum, sizes, finite values) before trusting any vector.
const magic = "ASSTVEC1"

const (
	maxNameLen = 4096
	maxDims    = 1 << 16
)

type key = [sha256.Size]byte

// snapshot is the content of a cache file.
type snapshot struct {
	name    string
	dims    int
	vectors map[key][]float32
}

// readFile reads and checks a cache file. It returns an error wrapping
// os.ErrNotExist when there is none.
func readFile(path string) (snapshot, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return snapshot{}, err
	}
	return decode(data)
}

func decode(data []byte) (snapshot, error) {
	if len(data) < len(magic)+4+4+4+sha256.Size {
		return snapshot{}, errors.New("file too short")
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if string(body[:len(magic)]) != magic {
		return snapshot{}, errors.New("not a cache file of this version")
	}
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return snapshot{}, errors.New("checksum mismatch")
	}
	r := body[len(magic):]
	nameLen := int(binary.LittleEndian.Uint32(r))
	r = r[4:]
	if nameLen > maxNameLen || nameLen+8 > len(r) {
		return snapshot{}, fmt.Errorf("bad name length %d", nameLen)
	}
	s := snapshot{name: string(r[:nameLen])}
	r = r[nameLen:]
	s.dims = int(binary.LittleEndian.Uint32(r))
	count := int(binary.LittleEndian.Uint32(r[4:]))
	r = r[8:]
	if s.dims > maxDims || (s.dims == 0 && count > 0) {
		return snapshot{}, fmt.Errorf("bad dimension %d", s.dims)
	}
	entry := sha256.Size + 4*s.dims
	if count > len(r)/max(entry, 1) || count*entry != len(r) {
		return snapshot{}, fmt.Errorf("%d bytes of entries for %d vectors of %d dimensions", len(r), count, s.dims)
	}
	s.vectors = make(map[key][]float32, count)
	backing := make([]float32, count*s.dims) // one allocation for all vectors
	for i := range count {
		var k key
		copy(k[:], r[:sha256.Size])
		r = r[sha256.Size:]
		v := backing[i*s.dims : (i+1)*s.dims : (i+1)*s.dims]
		for j := range v {
			v[j] = math.Float32frombits(binary.LittleEndian.Uint32(r[4*j:]))
			if math.IsNaN(float64(v[j])) || math.IsInf(float64(v[j]), 0) {
				return snapshot{}, fmt.Errorf("vector %d holds a non-finite value", i)
			}
		}
		r = r[4*s.dims:]
		if _, dup := s.vectors[k]; dup {
			return snapshot{}, fmt.Errorf("vector %d repeats a key", i)
		}
		s.vectors[k] = v
	}
	return s, nil
}

// writeFile replaces path with s atomically: it writes a temporary file
// in the same directory, flushes it to disk, renames it over path and
// flushes the directory. A crash leaves the old file or the new one,
// never half of one.
func writeFile(path string, s snapshot) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("create temporary file: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := encode(tmp, s); err != nil {
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("rename into place: %w", err)
	}
	if d, err := os.Open(dir); err == nil { // best effort: make the rename durable
		_ = d.Sync()
		d.Close()
	}
	return nil
}

func encode(w io.Writer, s snapshot) error {
	h := sha256.New()
	bw := bufio.NewWriterSize(io.MultiWriter(w, h), 1<<20)
	keys := make([]key, 0, len(s.vectors))
	for k := range s.vectors {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int { return bytes.Compare(a[:], b[:]) })

	buf := make([]byte, 0, 4*max(s.dims, 3))
	bw.WriteString(magic)
	bw.Write(binary.LittleEndian.AppendUint32(buf[:0], uint32(len(s.name))))
	bw.WriteString(s.name)
	bw.Write(binary.LittleEndian.AppendUint32(buf[:0], uint32(s.dims)))
	bw.Write(binary.LittleEndian.AppendUint32(buf[:0], uint32(len(keys))))
	for _, k := range keys {
		bw.Write(k[:])
		buf = buf[:0]
		for _, x := range s.vectors[k] {
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(x))
		}
		bw.Write(buf)
	}
	if err := bw.Flush(); err != nil { // bufio keeps the first write error
		return err
	}
	_, err := w.Write(h.Sum(nil))
	return err
}
