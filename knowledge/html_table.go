package knowledge

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlTable reads the visible rows of a table element (not those of the
// tables nested in its cells, whose text stays in their cell). The first
// row made only of <th> cells, or the first row of <thead>, is the header.
func htmlTable(t *html.Node) table {
	var tab table
	headerFound := false
	var rows func(n *html.Node, inHead bool)
	rows = func(n *html.Node, inHead bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || hiddenElement(c.DataAtom, c.Data, c.Attr) {
				continue
			}
			switch c.DataAtom {
			case atom.Caption:
				tab.caption = foldSpace(tab.caption + " " + visibleText(c, false))
			case atom.Thead:
				rows(c, true)
			case atom.Tbody, atom.Tfoot:
				rows(c, false)
			case atom.Tr:
				cells, allTH := htmlCells(c)
				if !headerFound && (inHead || allTH) && len(tab.rows) == 0 {
					tab.headers, headerFound = cells, true
					continue
				}
				tab.rows = append(tab.rows, cells)
			}
		}
	}
	rows(t, false)
	return tab
}

// htmlCells returns the visible text of a row's cells, and whether they
// are all header cells.
func htmlCells(tr *html.Node) (cells []string, allTH bool) {
	allTH = true
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Td && c.DataAtom != atom.Th {
			continue
		}
		if hiddenElement(c.DataAtom, c.Data, c.Attr) {
			cells = append(cells, "") // keeps the following cells under their headers
			continue
		}
		allTH = allTH && c.DataAtom == atom.Th
		cells = append(cells, visibleText(c, false))
	}
	return cells, allTH && len(cells) > 0
}
