package store

import (
	"cmp"
	"slices"
	"strings"
)

// Two grouping keys are near when the Jaccard index of their term sets,
// |A ∩ B| / |A ∪ B|, is at least nearNum/nearDen = 3/4: « budget annuel
// interpol » and « budget annuel interpol montant » are (3/4), « budget
// interpol » and « budget annuel interpol » are not (2/3).
const nearNum, nearDen = 3, 4

// keyStat is what Gaps knows of one grouping key.
type keyStat struct {
	key       string
	count     int
	last      int64 // Unix milliseconds
	exampleID int64
}

// termSet is a key's distinct terms, as ranks in an order of terms
// (see terms), sorted.
type termSet []int32

func near(a, b termSet) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			inter, i, j = inter+1, i+1, j+1
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	union := len(a) + len(b) - inter
	return nearDen*inter >= nearNum*union
}

// terms ranks the terms of a set of keys rarest first (then
// alphabetically), so that the start of a term set holds its rarest terms.
type terms map[string]int32

func newTerms(keys []string) terms {
	df := map[string]int{}
	for _, k := range keys {
		for _, w := range words(k) {
			df[w]++
		}
	}
	list := make([]string, 0, len(df))
	for w := range df {
		list = append(list, w)
	}
	slices.SortFunc(list, func(a, b string) int {
		return cmp.Or(cmp.Compare(df[a], df[b]), strings.Compare(a, b))
	})
	rank := make(terms, len(list))
	for i, w := range list {
		rank[w] = int32(i)
	}
	return rank
}

// set returns the term set of key. Terms the ranking does not know come
// first, as the rarest (no other key has them), each with a rank of its
// own.
func (t terms) set(key string) termSet {
	ws := words(key)
	s := make(termSet, len(ws))
	unknown := int32(0)
	for i, w := range ws {
		r, ok := t[w]
		if !ok {
			unknown--
			r = unknown
		}
		s[i] = r
	}
	slices.Sort(s)
	return s
}

// words returns the distinct words of a key.
func words(key string) []string {
	return slices.Compact(slices.Sorted(slices.Values(strings.Fields(key))))
}

// prefixLen is how many of a set's rarest terms any near set must share
// one of: a set near x shares at least ⌈3|x|/4⌉ of x's terms, so it holds
// one of any |x| − ⌈3|x|/4⌉ + 1 of them (prefix filtering).
func prefixLen(n int) int {
	if n == 0 {
		return 0 // the empty key is near no other: it stays alone
	}
	return n - (nearNum*n+nearDen-1)/nearDen + 1
}

// grouping is keys merged into groups (see groupKeys), with what finds
// the groups a key belongs to.
type grouping struct {
	groups  [][]keyStat // in creation order, each with its leader first
	leaders []termSet
	terms   terms
	byTerm  map[int32][]int // prefix term → groups whose leader has it
	byKey   map[string]int  // key → its group
	tried   []int           // tried[i] == stamp: group i was tried for this key
	stamp   int
}

// groupKeys merges near keys into groups. Keys are taken most frequent
// first (then the latest, then by key); each joins the first group whose
// leader, the group's first key, is near it, or else leads a new group.
// Comparing with leaders only, every key of a group is near its leader:
// groups do not drift by chains of small steps.
//
// Candidate leaders are found through their rarest terms (prefix
// filtering), so the work grows with the keys, not with keys × groups.
func groupKeys(keys []keyStat) *grouping {
	slices.SortFunc(keys, func(a, b keyStat) int {
		return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(b.last, a.last), strings.Compare(a.key, b.key))
	})
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.key
	}
	g := &grouping{terms: newTerms(names), byTerm: map[int32][]int{}, byKey: map[string]int{}}
	for _, k := range keys {
		s := g.terms.set(k.key)
		if near := g.near(s, true); len(near) > 0 {
			g.groups[near[0]] = append(g.groups[near[0]], k)
			g.byKey[k.key] = near[0]
			continue
		}
		i := len(g.groups)
		g.groups = append(g.groups, []keyStat{k})
		g.leaders = append(g.leaders, s)
		g.tried = append(g.tried, 0)
		g.byKey[k.key] = i
		for _, t := range s[:prefixLen(len(s))] {
			g.byTerm[t] = append(g.byTerm[t], i)
		}
	}
	return g
}

// near returns the groups, by index, whose leader s is near; only the
// first if first is set.
func (g *grouping) near(s termSet, first bool) []int {
	var found []int
	g.stamp++
	for _, t := range s[:prefixLen(len(s))] {
		for _, i := range g.byTerm[t] {
			if g.tried[i] == g.stamp || (first && len(found) > 0 && i >= found[0]) {
				continue
			}
			g.tried[i] = g.stamp
			if near(s, g.leaders[i]) {
				if first {
					found = append(found[:0], i)
				} else {
					found = append(found, i)
				}
			}
		}
	}
	return found
}

// matching returns the groups key belongs to, or whose leader it is near.
func (g *grouping) matching(key string) []int {
	found := g.near(g.terms.set(key), false)
	if i, ok := g.byKey[key]; ok && !slices.Contains(found, i) {
		found = append(found, i)
	}
	return found
}
