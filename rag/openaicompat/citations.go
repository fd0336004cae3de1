package openaicompat

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/interpol-onu/assistant/rag"
)

// citation matches [1], [2, 3] and [2; 3].
var citation = regexp.MustCompile(`\[\s*(\d{1,4}(?:\s*[,;]\s*\d{1,4})*)\s*\]`)

// citationCheck is the outcome of checking a reply's citations.
type citationCheck struct {
	text     string
	sources  []rag.Source
	invented int // citation numbers outside the excerpts, removed
}

// checkCitations keeps only the citations of excerpts actually given
// (1..len(hits)) and renumbers them after the sources they point to, in
// order of first citation, so that [n] in the text is sources[n-1].
// Two excerpts of the same section become one source.
//
// Renumbering in order of first appearance gives every prefix of a reply
// the same numbers as the whole, so streamed partial text agrees with
// the final answer.
func checkCitations(text string, hits []rag.Hit) citationCheck {
	var (
		out    strings.Builder
		res    citationCheck
		number = map[rag.Source]int{}
		last   int
	)
	for _, m := range citation.FindAllStringSubmatchIndex(text, -1) {
		var nums []int
		for _, f := range strings.FieldsFunc(text[m[2]:m[3]], func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
			n, _ := strconv.Atoi(f)
			if n < 1 || n > len(hits) {
				res.invented++
				continue
			}
			c := hits[n-1].Chunk
			src := rag.SourceOf(c)
			k, ok := number[src]
			if !ok {
				res.sources = append(res.sources, src)
				k = len(res.sources)
				number[src] = k
			}
			if !containsInt(nums, k) {
				nums = append(nums, k)
			}
		}
		before := text[last:m[0]]
		if len(nums) == 0 {
			// Drop the invented citation and the space before it.
			before = strings.TrimRight(before, " \t")
		}
		out.WriteString(before)
		if len(nums) > 0 {
			out.WriteString("[")
			for i, k := range nums {
				if i > 0 {
					out.WriteString(", ")
				}
				out.WriteString(strconv.Itoa(k))
			}
			out.WriteString("]")
		}
		last = m[1]
	}
	out.WriteString(text[last:])
	res.text = strings.TrimSpace(out.String())
	return res
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
