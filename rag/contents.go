package rag

import (
	"strings"

	"github.com/interpol-onu/assistant/rag/french"
)

// maxHeadingBytes bounds the paragraphs compared with headings: longer
// ones are prose.
const maxHeadingBytes = 400

// markContents finds the sections that are a table of contents: most of
// their paragraphs repeat headings of the same document (a chapter's
// « Table des matières »). Such a section matches every question its
// chapter answers, yet answers none: ranking leaves it out.
func (ix *Index) markContents() {
	headings := make(map[string]map[string]bool) // document → folded headings
	for _, c := range ix.chunks {
		if headings[c.Document] == nil {
			headings[c.Document] = make(map[string]bool)
		}
		if c.Section != "" {
			headings[c.Document][french.FoldForMatch(c.Section)] = true
		}
	}
	for s := range ix.sections {
		sec := &ix.sections[s]
		doc := ix.chunks[sec.chunks[0]].Document
		if !shortParagraphs(ix, *sec) {
			continue // prose: no table of contents
		}
		var paras, listed int
		for _, c := range sec.chunks {
			ch := ix.chunks[c]
			for _, p := range strings.Split(ch.Text[ch.Overlap:], "\n\n") {
				if p = strings.TrimSpace(p); p == "" {
					continue
				}
				paras++
				if len(p) <= maxHeadingBytes && headings[doc][french.FoldForMatch(p)] {
					listed++
				}
			}
		}
		sec.contents = listed >= 3 && 2*listed >= paras
	}
}

// shortParagraphs reports a section whose paragraphs are, on average, as
// short as headings: the only ones worth comparing with them.
func shortParagraphs(ix *Index, sec section) bool {
	var paras, size int
	for _, c := range sec.chunks {
		ch := ix.chunks[c]
		own := ch.Text[ch.Overlap:]
		paras += strings.Count(own, "\n\n") + 1
		size += len(own)
	}
	return paras >= 3 && size <= paras*maxHeadingBytes/2
}
