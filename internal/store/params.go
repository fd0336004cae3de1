package store

import (
	"strconv"
	"strings"
)

// params writes the parameters of a statement built piece by piece:
// $1, $2… for PostgreSQL, ? for SQLite, where numbered parameters make
// preparing a statement of n of them cost n² (sqlite3VListNameToNum):
// 1.6 s to insert 10,000 questions by statements of 5,000 parameters.
type params struct {
	pg bool
	n  int
}

func (db *DB) params() *params { return &params{pg: db.pg != nil} }

// list writes k parameters separated by commas.
func (p *params) list(b *strings.Builder, k int) {
	for i := range k {
		if i > 0 {
			b.WriteString(", ")
		}
		p.n++
		if p.pg {
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(p.n))
		} else {
			b.WriteByte('?')
		}
	}
}

// row writes "(" + k parameters + ")".
func (p *params) row(b *strings.Builder, k int) {
	b.WriteByte('(')
	p.list(b, k)
	b.WriteByte(')')
}

// inList returns "$1, $2, …" (or "?, ?, …") and the arguments for ids.
func (db *DB) inList(ids []int64) (string, []any) {
	var b strings.Builder
	db.params().list(&b, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return b.String(), args
}
