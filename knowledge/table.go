package knowledge

import "strings"

// tableRow renders one row of a table so that it reads on its own: each
// cell is named by its column header, « Header : value », and the cells
// are joined by « — ». Empty cells are left out; a cell with no header
// is given alone. Cell texts are expected folded.
//
//	Commande : apt-get update — Effet : met à jour la liste
func tableRow(headers, cells []string) string {
	var parts []string
	for i, c := range cells {
		if c == "" {
			continue
		}
		if i < len(headers) && headers[i] != "" {
			c = headers[i] + " : " + c
		}
		parts = append(parts, c)
	}
	return strings.Join(parts, " — ")
}

// table gathers the rows of a table: the header row, when there is one,
// names the cells of the others.
type table struct {
	caption string // given as a paragraph before the rows
	headers []string
	rows    [][]string
}

// blocks returns the table's rows as TableRow texts. The header row comes
// first only when a header would otherwise be lost: when no row has a
// cell in its column.
func (t table) blocks() []string {
	var out []string
	used := make([]bool, len(t.headers))
	for _, r := range t.rows {
		for i, c := range r {
			if i < len(used) && c != "" {
				used[i] = true
			}
		}
	}
	for i, h := range t.headers {
		if h != "" && !used[i] {
			out = append(out, tableRow(nil, t.headers))
			break
		}
	}
	for _, r := range t.rows {
		if row := tableRow(t.headers, r); row != "" {
			out = append(out, row)
		}
	}
	return out
}
