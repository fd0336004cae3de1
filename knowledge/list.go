package knowledge

import "strings"

// The part of its parents repeated before a nested item: the leads of
// at most maxLeads enclosing items, each at most about maxLeadRunes long.
const (
	maxLeads     = 3
	maxLeadRunes = 60
)

// listNesting tracks the items of nested lists, so that a nested item
// reads as belonging to its parents: each block of a nested item is
// prefixed with the opening text of its enclosing items (the innermost
// maxLeads), joined by « › », each shortened to about maxLeadRunes
// characters at a word boundary.
//
//	Échange de renseignements › notices jaunes
type listNesting struct {
	leads []string // opening text of each open item, outermost first
}

func (l *listNesting) open()        { l.leads = append(l.leads, "") }
func (l *listNesting) close()       { l.leads = l.leads[:len(l.leads)-1] }
func (l *listNesting) inItem() bool { return len(l.leads) > 0 }

// text returns a block of the innermost open item as it is stored: with
// its parents' leads before it. The item's first block becomes its lead.
func (l *listNesting) text(block string) string {
	n := len(l.leads)
	if n == 0 || block == "" {
		return block
	}
	if l.leads[n-1] == "" {
		l.leads[n-1] = shorten(block, maxLeadRunes)
	}
	var parts []string
	for _, lead := range l.leads[max(0, n-1-maxLeads) : n-1] {
		if lead != "" {
			parts = append(parts, lead)
		}
	}
	return strings.Join(append(parts, block), " › ")
}

// shorten cuts s to at most max runes, at a space when there is one, and
// marks the cut with an ellipsis.
func shorten(s string, max int) string {
	cut, n := 0, 0
	for i := range s {
		if n == max {
			cut = i
			break
		}
		n++
	}
	if cut == 0 {
		return s
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > 0 {
		cut = sp
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}
