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
	example   string
}

// termSet is a key's distinct terms in the order groupKeys compares them.
type termSet []string

func near(a, b termSet, rank map[string]int) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch ra, rb := rank[a[i]], rank[b[j]]; {
		case ra == rb:
			inter, i, j = inter+1, i+1, j+1
		case ra < rb:
			i++
		default:
			j++
		}
	}
	union := len(a) + len(b) - inter
	return nearDen*inter >= nearNum*union
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
		switch {
		case a.count != b.count:
			return b.count - a.count
		case a.last != b.last:
			return cmp.Compare(b.last, a.last)
		}
		return strings.Compare(a.key, b.key)
	})
	sets := make([]termSet, len(keys))
	df := map[string]int{}
	for i, k := range keys {
		sets[i] = slices.Compact(slices.Sorted(slices.Values(strings.Fields(k.key))))
		for _, t := range sets[i] {
			df[t]++
		}
	}
	// Rarest first, so that prefixes hold rare terms and short lists.
	terms := make([]string, 0, len(df))
	for t := range df {
		terms = append(terms, t)
	}
	slices.SortFunc(terms, func(a, b string) int {
		if df[a] != df[b] {
			return df[a] - df[b]
		}
		return strings.Compare(a, b)
	})
	rank := make(map[string]int, len(terms))
	for i, t := range terms {
		rank[t] = i
	}
	for _, s := range sets {
		slices.SortFunc(s, func(a, b string) int { return rank[a] - rank[b] })
	}

	var groups [][]keyStat
	var leaders []termSet
	byTerm := map[string][]int{} // prefix term → groups whose leader has it
	seen := []int{}              // seen[g] == i+1: group g already tried for key i
	for i, k := range keys {
		s := sets[i]
		best := -1
		for _, t := range s[:prefixLen(len(s))] {
			for _, g := range byTerm[t] {
				if seen[g] == i+1 || (best >= 0 && g >= best) {
					continue
				}
				seen[g] = i + 1
				if near(s, leaders[g], rank) {
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
