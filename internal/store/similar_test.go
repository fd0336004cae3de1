package store

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func nearKeys(a, b string) bool {
	t := newTerms([]string{a, b})
	return near(t.set(a), t.set(b))
}

func TestNearKeys(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"budget interpol", "budget interpol", true},
		{"annuel budget interpol", "annuel budget interpol montant", true}, // 3/4
		{"budget interpol", "annuel budget interpol", false},               // 2/3
		{"a b c d", "a b c e", false},                                      // 3/5
		{"a b c d e f", "a b c d e g", false},                              // 5/7
		{"a b c d e f g h", "a b c d e f g i", true},                       // 7/9
		{"a a b", "b a", true},                                             // sets
		{"", "", true},
		{"", "a", false},
	}
	for _, tt := range tests {
		if got := nearKeys(tt.a, tt.b); got != tt.want {
			t.Errorf("nearKeys(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := nearKeys(tt.b, tt.a); got != tt.want {
			t.Errorf("nearKeys(%q, %q) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestGroupKeys(t *testing.T) {
	keys := []keyStat{
		{key: "annuel budget interpol", count: 5, last: 10},
		{key: "annuel budget interpol montant", count: 2, last: 30},
		{key: "budget interpol", count: 3, last: 20}, // 2/3 of the leader: a group of its own
		{key: "lyon siege", count: 1, last: 40},
		{key: "", count: 1, last: 50},
		// Near "annuel budget interpol montant" (3/4) but not the leader
		// (3/5): no chaining.
		{key: "annuel budget montant", count: 1, last: 60},
	}
	var got []string
	for _, g := range groupKeys(keys).groups {
		var ks []string
		for _, k := range g {
			ks = append(ks, k.key)
		}
		got = append(got, strings.Join(ks, " | "))
	}
	want := []string{
		"annuel budget interpol | annuel budget interpol montant",
		"budget interpol",
		"annuel budget montant", // count 1, latest first
		"",
		"lyon siege",
	}
	if !slices.Equal(got, want) {
		t.Errorf("groups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestGroupKeysMatchesBruteForce checks the prefix filtering against the
// plain rule: each key joins the first group whose leader is near it.
func TestGroupKeysMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 20 {
		vocab := 12 + round*3 // at least 2^12 - 1 distinct keys
		var keys []keyStat
		seen := map[string]bool{}
		for len(keys) < 300 {
			n := 1 + r.IntN(6)
			var terms []string
			for range n {
				terms = append(terms, fmt.Sprintf("t%d", r.IntN(vocab)))
			}
			slices.Sort(terms)
			k := strings.Join(slices.Compact(terms), " ")
			if !seen[k] {
				seen[k] = true
				keys = append(keys, keyStat{key: k, count: 1 + r.IntN(5), last: int64(r.IntN(100))})
			}
		}
		got := groupKeys(slices.Clone(keys)).groups

		// groupKeys sorted its copy; brute force takes the same order.
		var order []keyStat
		for _, g := range got {
			order = append(order, g...)
		}
		slices.SortStableFunc(order, func(a, b keyStat) int {
			if a.count != b.count {
				return b.count - a.count
			}
			if a.last != b.last {
				return int(b.last - a.last)
			}
			return strings.Compare(a.key, b.key)
		})
		names := make([]string, len(order))
		for i, k := range order {
			names[i] = k.key
		}
		terms := newTerms(names)
		sets := make([]termSet, len(names))
		for i, n := range names {
			sets[i] = terms.set(n)
		}
		var want [][]keyStat
		var leaders []int
	next:
		for i, k := range order {
			for g, l := range leaders {
				if near(sets[i], sets[l]) {
					want[g] = append(want[g], k)
					continue next
				}
			}
			want = append(want, []keyStat{k})
			leaders = append(leaders, i)
		}
		if !slices.EqualFunc(got, want, func(a, b []keyStat) bool { return slices.Equal(a, b) }) {
			t.Fatalf("round %d: groupKeys gave %d groups, brute force %d", round, len(got), len(want))
		}
	}
}

func TestGroupingMatching(t *testing.T) {
	g := groupKeys([]keyStat{
		{key: "annuel budget interpol", count: 5},
		{key: "annuel budget interpol montant", count: 2},
		{key: "lyon siege", count: 1},
		{key: "interpol lyon siege", count: 1}, // near "lyon siege"? 2/3: no
	})
	tests := []struct {
		key  string
		want []int
	}{
		{"annuel budget interpol montant", []int{0}}, // a member, not the leader
		{"annuel budget interpol total", []int{0}},   // near the leader (3/4), with an unknown term
		{"budget interpol", nil},                     // 2/3
		{"interpol lyon siege", []int{1}},            // same count and time: by key
		{"lyon siege", []int{2}},
		{"paris siege", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := g.matching(tt.key); !slices.Equal(got, tt.want) {
			t.Errorf("matching(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
}
