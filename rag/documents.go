package rag

import (
	"slices"
	"strings"
)

// DocumentStats describes one document the engine answers from.
type DocumentStats struct {
	Name   string   // knowledge.Document.Name
	Chunks int      // its passages
	Themes []string // the themes its sections belong to, in reading order
}

// Documents lists the documents of the current index, by name, with
// their passages and themes: what moderators see of the knowledge.
func (e *Engine) Documents() []DocumentStats {
	var out []DocumentStats
	at := map[string]int{}
	for _, c := range e.state.Load().index.chunks {
		i, ok := at[c.Document]
		if !ok {
			i = len(out)
			at[c.Document] = i
			out = append(out, DocumentStats{Name: c.Document})
		}
		d := &out[i]
		d.Chunks++
		if t := c.Theme(); t != "" && !slices.Contains(d.Themes, t) {
			d.Themes = append(d.Themes, t)
		}
	}
	slices.SortFunc(out, func(a, b DocumentStats) int { return strings.Compare(a.Name, b.Name) })
	return out
}
