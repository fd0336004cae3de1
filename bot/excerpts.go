package bot

import (
	"slices"
	"strconv"
	"strings"

	"github.com/interpol-onu/assistant/rag"
)

// excerpt is a passage an answer cites, as the document has it.
type excerpt struct {
	n      int // the source's number in the answer: [n]
	source rag.Source
	text   string // "" when the engine did not return the passage
}

// citedExcerpts returns the passages of a's sources, in the order the
// answer numbers them: for each source, the retrieved hit of the same
// document and section (the engine retrieves one hit per section).
func citedExcerpts(a rag.Answer) []excerpt {
	out := make([]excerpt, len(a.Sources))
	for i, s := range a.Sources {
		out[i] = excerpt{n: i + 1, source: s}
		for _, h := range a.Hits {
			if h.Chunk.Document == s.Document && h.Chunk.Section == s.Section {
				out[i].text = passageText(h)
				break
			}
		}
	}
	return out
}

// passageText returns a hit's chunks in the order of the document,
// joined as the document joins them: consecutive chunks without the
// sentences the second repeats from the first, others with a « […] »
// between them.
func passageText(h rag.Hit) string {
	chunks := slices.Clone(h.Passage)
	if len(chunks) == 0 {
		chunks = []rag.Chunk{h.Chunk}
	}
	slices.SortStableFunc(chunks, func(a, b rag.Chunk) int { return chunkNumber(a) - chunkNumber(b) })
	var sb strings.Builder
	for i, c := range chunks {
		text := c.Text
		switch {
		case i == 0:
		case chunkNumber(c) == chunkNumber(chunks[i-1])+1 && chunkNumber(c) >= 0:
			own := min(max(c.Overlap, 0), len(text))
			sep := "\n\n"
			if own > 0 && text[own-1] == ' ' {
				sep = " " // the chunks were cut within a paragraph
			}
			text = text[own:]
			sb.WriteString(sep)
		default:
			sb.WriteString("\n\n[…]\n\n")
		}
		sb.WriteString(strings.TrimSpace(text))
	}
	return strings.TrimSpace(sb.String())
}

// chunkNumber is a chunk's position in its document, from its ID
// "<document>#<n>"; -1 if the ID does not say.
func chunkNumber(c rag.Chunk) int {
	i := strings.LastIndexByte(c.ID, '#')
	if i < 0 {
		return -1
	}
	n, err := strconv.Atoi(c.ID[i+1:])
	if err != nil {
		return -1
	}
	return n
}
