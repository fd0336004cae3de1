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
		if i < len(headers) && headers[i] != "" && headers[i] != c {
			c = headers[i] + " : " + c
		}
		parts = append(parts, c)
	}
	return strings.Join(parts, " — ")
}

// table gathers the rows of a table: the header row, when there is one,
// names the cells of the others. A table with no row but its header
// gives the header names as its only row.
type table struct {
	caption string // given as a paragraph before the rows
	headers []string
	rows    [][]string
}

// blocks returns the table's rows as TableRow texts.
func (t table) blocks() []string {
	if len(t.rows) == 0 {
		if row := tableRow(nil, t.headers); row != "" {
			return []string{row}
		}
		return nil
	}
	var out []string
	for _, r := range t.rows {
		if row := tableRow(t.headers, r); row != "" {
			out = append(out, row)
		}
	}
	return out
}
