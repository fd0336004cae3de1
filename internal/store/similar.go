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

// termSet is a key's distinct terms, as ranks in a global order of
// terms, sorted.
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

// nearKeys reports whether two grouping keys are near.
func nearKeys(a, b string) bool {
	sets := termSets([]string{a, b})
	return near(sets[0], sets[1])
}

// termSets splits keys into term sets whose ranks order terms rarest
// first (then alphabetically), so that the start of a set holds its
// rarest terms.
func termSets(keys []string) []termSet {
	words := make([][]string, len(keys))
	df := map[string]int{}
	for i, k := range keys {
		words[i] = slices.Compact(slices.Sorted(slices.Values(strings.Fields(k))))
		for _, w := range words[i] {
			df[w]++
		}
	}
	terms := make([]string, 0, len(df))
	for t := range df {
		terms = append(terms, t)
	}
	slices.SortFunc(terms, func(a, b string) int {
		return cmp.Or(cmp.Compare(df[a], df[b]), strings.Compare(a, b))
	})
	rank := make(map[string]int32, len(terms))
	for i, t := range terms {
		rank[t] = int32(i)
	}
	sets := make([]termSet, len(keys))
	for i, ws := range words {
		s := make(termSet, len(ws))
		for j, w := range ws {
			s[j] = rank[w]
		}
		slices.Sort(s)
		sets[i] = s
	}
	return sets
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

// groupKeys merges near keys into groups. Keys are taken most frequent
// first (then the latest, then by key); each joins the first group whose
// leader, the group's first key, is near it, or else leads a new group.
// Comparing with leaders only, every key of a group is near its leader:
// groups do not drift by chains of small steps. The result lists groups
// in creation order, each with its leader first.
//
// Candidate leaders are found through their rarest terms (prefix
// filtering), so the work grows with the keys, not with keys × groups.
func groupKeys(keys []keyStat) [][]keyStat {
	slices.SortFunc(keys, func(a, b keyStat) int {
		return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(b.last, a.last), strings.Compare(a.key, b.key))
	})
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.key
	}
	sets := termSets(names)

	var groups [][]keyStat
	var leaders []termSet
	byTerm := map[int32][]int{} // prefix term → groups whose leader has it
	var seen []int              // seen[g] == i+1: group g already tried for key i
	for i, k := range keys {
		s := sets[i]
		best := -1
		for _, t := range s[:prefixLen(len(s))] {
			for _, g := range byTerm[t] {
				if seen[g] == i+1 || (best >= 0 && g >= best) {
					continue
				}
				seen[g] = i + 1
				if near(s, leaders[g]) {
					best = g
				}
			}
		}
		if best >= 0 {
			groups[best] = append(groups[best], k)
			continue
		}
		g := len(groups)
		groups = append(groups, []keyStat{k})
		leaders = append(leaders, s)
		seen = append(seen, 0)
		for _, t := range s[:prefixLen(len(s))] {
			byTerm[t] = append(byTerm[t], g)
		}
	}
	return groups
}
