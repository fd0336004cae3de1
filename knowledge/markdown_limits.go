package knowledge

import (
	"fmt"
	"strings"
)

// goldmark's work grows with the square of some constructs written on
// one line: lists and quotes opened one in another (every later line is
// checked against each of them), and unclosed link destinations. A line
// past these bounds, which no document needs, makes the file ErrTooBig,
// rather than hours of parsing.
const (
	maxMarkdownNesting = 64   // lists and quotes a line opens, plus its indentation in pairs of spaces
	maxMarkdownLinks   = 2048 // "](" on one line
)

func checkMarkdownLimits(src string) error {
	for n := 1; src != ""; n++ {
		line, rest, _ := strings.Cut(src, "\n")
		src = rest
		if d := lineNesting(line); d > maxMarkdownNesting {
			return fmt.Errorf("%w: line %d nests %d lists or quotes, at most %d", ErrTooBig, n, d, maxMarkdownNesting)
		}
		if c := strings.Count(line, "]("); c > maxMarkdownLinks {
			return fmt.Errorf("%w: line %d has %d links, at most %d", ErrTooBig, n, c, maxMarkdownLinks)
		}
	}
	return nil
}

// lineNesting counts the quote and list markers that open a line, and its
// indentation in pairs of spaces (each level of a list indents by two at
// least).
func lineNesting(line string) int {
	markers, spaces := 0, 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == ' ':
			spaces++
		case c == '\t':
			spaces += 4
		case c == '>':
			markers++
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
			markers++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j == len(line) || line[j] != '.' && line[j] != ')' {
				return markers + spaces/2
			}
			markers++
			i = j
		default:
			return markers + spaces/2
		}
	}
	return markers + spaces/2
}
