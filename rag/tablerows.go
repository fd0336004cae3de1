package rag

import (
	"strings"
	"unicode/utf8"
)

// Table rows come from the knowledge loaders as « Header : value — Header :
// value », so that a row quoted alone reads on its own. Indexed as they
// are, the headers would repeat in every row and weigh like the subject of
// every section that holds a table (« popcon », « taille »): the lexical
// fields index the values only.

// rowSeparator joins the cells of a table row; labelSeparator names a cell
// by its header.
const (
	rowSeparator   = " — "
	labelSeparator = " : "
	maxLabel       = 40 // runes: a longer « label » is a sentence's colon
)

// withoutLabels returns text with the header labels of its table rows
// removed; other paragraphs are left as they are.
func withoutLabels(text string) string {
	if !strings.Contains(text, rowSeparator) {
		return text
	}
	paras := strings.Split(text, "\n\n")
	for i, p := range paras {
		paras[i] = rowValues(p)
	}
	return strings.Join(paras, "\n\n")
}

// rowValues returns the values of a labelled table row, or p itself when
// it is not one: at least two cells, each named by a short label.
func rowValues(p string) string {
	cells := strings.Split(p, rowSeparator)
	if len(cells) < 2 {
		return p
	}
	values := make([]string, len(cells))
	for i, c := range cells {
		label, value, ok := strings.Cut(c, labelSeparator)
		if !ok || utf8.RuneCountInString(label) > maxLabel || strings.ContainsAny(label, ".!?") {
			return p
		}
		values[i] = value
	}
	return strings.Join(values, " ")
}
