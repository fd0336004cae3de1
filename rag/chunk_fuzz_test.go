package rag

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/interpol-onu/assistant/knowledge"
)

// FuzzChunkDocuments checks the chunker's promises on any text: each
// chunk is a run of its section that cuts no word and keeps to the size
// (but for a single longer word), the chunks' own texts cover their
// section exactly once, and Overlap repeats the end of the previous one.
func FuzzChunkDocuments(f *testing.F) {
	f.Add("Une phrase. Une autre phrase !\n\nUn second paragraphe, plus long que le premier.", uint16(40), uint16(10))
	f.Add("mot", uint16(1), uint16(0))
	f.Add(strings.Repeat("Le phare guide les navires. ", 50), uint16(120), uint16(60))
	f.Add("anticonstitutionnellement est long.\n\n\n\nFin.", uint16(10), uint16(5))
	f.Fuzz(func(t *testing.T, text string, size, overlap uint16) {
		if strings.ContainsRune(text, '\x00') {
			t.Skip()
		}
		var blocks []knowledge.Block
		for _, p := range strings.Split(text, "\n\n") {
			if p = strings.Join(strings.Fields(p), " "); p != "" {
				blocks = append(blocks, knowledge.Block{Text: p})
			}
		}
		if len(blocks) == 0 {
			t.Skip()
		}
		docs := []knowledge.Document{{Name: "f.md", Sections: []knowledge.Section{
			{Heading: "S", Trail: []string{"S"}, Level: 1, Blocks: blocks},
		}}}
		opt := ChunkOptions{Size: int(size%2000) + 1, Overlap: int(overlap % 2000)}
		chunks := ChunkDocuments(docs, opt)
		body := strings.Join(docs[0].Sections[0].Texts(), "\n\n")
		words := strings.Fields(body)
		known := make(map[string]bool, len(words))
		for _, w := range words {
			known[w] = true
		}
		var own []string
		for i, c := range chunks {
			if !strings.Contains(body, c.Text) {
				t.Fatalf("chunk %d is not a run of its section: %q", i, c.Text)
			}
			if n := utf8.RuneCountInString(c.Text); n > opt.Size && len(strings.Fields(c.Text)) > 1 {
				t.Fatalf("chunk %d has %d characters, more than %d: %q", i, n, opt.Size, c.Text)
			}
			if c.Overlap < 0 || c.Overlap > len(c.Text) || (i == 0 && c.Overlap != 0) {
				t.Fatalf("chunk %d: Overlap %d of %d bytes", i, c.Overlap, len(c.Text))
			}
			if c.Overlap > 0 && !strings.HasSuffix(chunks[i-1].Text, strings.TrimSpace(c.Text[:c.Overlap])) {
				t.Fatalf("chunk %d repeats %q, which does not end chunk %d", i, c.Text[:c.Overlap], i-1)
			}
			for _, w := range strings.Fields(c.Text) {
				if !known[w] {
					t.Fatalf("chunk %d cuts a word: %q", i, w)
				}
			}
			own = append(own, strings.Fields(c.Text[c.Overlap:])...)
		}
		if !slices.Equal(own, words) {
			t.Fatalf("the chunks' own texts do not cover the section once:\n got %q\nwant %q", own, words)
		}
	})
}
