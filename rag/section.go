package rag

import "slices"

// section is the unit a question is answered by: a titled part of a
// document, made of consecutive chunks.
type section struct {
	theme    string
	chunks   []int32 // the section's chunks, in reading order
	contents bool    // a table of contents (see markContents)
}

// groupSections groups consecutive chunks of the same document and trail
// into sections. It returns the sections and, for each chunk, its
// section.
func groupSections(chunks []Chunk) ([]section, []int32) {
	var secs []section
	of := make([]int32, len(chunks))
	for i, c := range chunks {
		if i == 0 || c.Document != chunks[i-1].Document || !slices.Equal(c.Trail, chunks[i-1].Trail) {
			secs = append(secs, section{theme: c.Theme()})
		}
		s := len(secs) - 1
		secs[s].chunks = append(secs[s].chunks, int32(i))
		of[i] = int32(s)
	}
	return secs, of
}
