package rag

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/interpol-onu/assistant/knowledge"
	"github.com/interpol-onu/assistant/rag/french"
)

// ChunkOptions sets the size of chunks, in characters (runes).
type ChunkOptions struct {
	Size    int // a chunk grows to about this size, never past a section
	Overlap int // sentences repeated from the previous chunk, up to this size
}

// Chunk splits documents into chunks. A chunk never straddles two
// sections; within a section, paragraphs are packed together up to Size,
// a longer paragraph is cut between sentences, and a sentence longer than
// Size between words. Each new chunk of a section starts with up to
// Overlap characters of the previous one's last sentences.
func ChunkDocuments(docs []knowledge.Document, opt ChunkOptions) []Chunk {
	if opt.Size <= 0 {
		opt.Size = 900
	}
	opt.Overlap = max(0, min(opt.Overlap, opt.Size/2))
	var out []Chunk
	for _, d := range docs {
		n := 0
		for _, s := range d.Sections {
			for _, p := range packSection(s.Texts(), opt) {
				c := newChunk(d.Name, n, s, p.text)
				c.Overlap = p.overlap
				c.URL = d.URL
				out = append(out, c)
				n++
			}
		}
	}
	return out
}

func newChunk(doc string, n int, s knowledge.Section, text string) Chunk {
	h := sha256.New()
	h.Write([]byte(doc))
	for _, t := range s.Trail {
		h.Write([]byte{0})
		h.Write([]byte(t))
	}
	h.Write([]byte{1})
	h.Write([]byte(text))
	return Chunk{
		ID:       fmt.Sprintf("%s#%d", doc, n),
		Document: doc,
		Section:  s.Heading,
		Trail:    s.Trail,
		Text:     text,
		Hash:     hex.EncodeToString(h.Sum(nil)),
	}
}

// packed is a chunk's text and the length in bytes of its start that
// repeats the end of the previous chunk.
type packed struct {
	text    string
	overlap int
}

// packSection groups a section's sentences into chunk texts.
func packSection(paragraphs []string, opt ChunkOptions) []packed {
	var chunks []packed
	var cur []string // sentences of the chunk being built; "" marks a paragraph break
	size, fresh := 0, 0
	carried := 0 // sentences at the start of cur repeated from the previous chunk
	emit := func() {
		text := render(cur)
		overlap := 0
		if carried > 0 {
			overlap = len(render(cur[:carried]))
			overlap += len(text[overlap:]) - len(strings.TrimLeft(text[overlap:], " \n"))
		}
		chunks = append(chunks, packed{text, overlap})
		cur, size = overlapTail(cur, opt.Overlap)
		carried = len(cur)
		fresh = 0
	}
	for _, p := range paragraphs {
		if len(cur) > 0 {
			cur = append(cur, "")
			size++ // the break renders as two characters, not one space
		}
		for _, s := range pieces(p, opt.Size) {
			l := utf8.RuneCountInString(s)
			if fresh > 0 && size+l > opt.Size {
				emit()
			}
			// The overlap gives way to a piece it would push past Size.
			for fresh == 0 && len(cur) > 0 && size+l > opt.Size {
				size -= utf8.RuneCountInString(cur[0]) + 1
				cur = cur[1:]
				carried = max(carried-1, 0)
			}
			cur = append(cur, s)
			size += l + 1
			fresh += l
		}
	}
	if fresh > 0 {
		emit()
	}
	return chunks
}

// render joins sentences with spaces and paragraphs with a blank line.
func render(sentences []string) string {
	var b strings.Builder
	for i, s := range sentences {
		switch {
		case s == "":
			b.WriteString("\n\n")
		case i > 0 && sentences[i-1] != "":
			b.WriteByte(' ')
			fallthrough
		default:
			b.WriteString(s)
		}
	}
	return strings.TrimSpace(b.String())
}

// overlapTail returns the last sentences of a paragraph, up to limit
// characters, to start the next chunk with.
func overlapTail(sentences []string, limit int) ([]string, int) {
	size := 0
	i := len(sentences)
	for i > 0 && sentences[i-1] != "" {
		l := utf8.RuneCountInString(sentences[i-1]) + 1
		if size+l > limit {
			break
		}
		size += l
		i--
	}
	return append([]string(nil), sentences[i:]...), size
}

// pieces splits a paragraph into sentences, and sentences longer than
// limit into runs of whole words.
func pieces(p string, limit int) []string {
	var out []string
	for _, s := range french.Sentences(p) {
		if utf8.RuneCountInString(s) <= limit {
			out = append(out, s)
			continue
		}
		var b strings.Builder
		size := 0 // runes in b
		for _, w := range strings.Fields(s) {
			l := utf8.RuneCountInString(w)
			if size > 0 && size+1+l > limit {
				out = append(out, b.String())
				b.Reset()
				size = 0
			}
			if size > 0 {
				b.WriteByte(' ')
				size++
			}
			b.WriteString(w)
			size += l
		}
		if b.Len() > 0 {
			out = append(out, b.String())
		}
	}
	return out
}
