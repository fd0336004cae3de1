package rag

// extensionWeight is the weight of each term a word typed short stands
// for (« cyber » → cybercriminalité, cybersécurité…).
const extensionWeight = 0.8

// resolve maps a question's terms to the vocabulary. A term the knowledge
// does not contain is matched to the terms it starts (a word typed
// short), else to its nearest spelling by character trigrams (typos,
// other inflections), weighted by their similarity. A word whose accents
// set it apart (see Reading) matches nothing.
func (ix *Index) resolve(r *Reading) []weightedTerm {
	seen := make(map[int32]int)
	var out []weightedTerm
	add := func(id int32, w float64) {
		if i, ok := seen[id]; ok {
			out[i].weight = max(out[i].weight, w)
			return
		}
		seen[id] = len(out)
		out = append(out, weightedTerm{id, w})
	}
	for _, t := range r.Terms {
		if r.apart[t] {
			continue
		}
		b := r.boostOf(t)
		if id, ok := ix.vocab.ids[t]; ok {
			add(id, b)
			continue
		}
		if ext := ix.extensionsOf(t, r.typed[t]); len(ext) > 0 {
			for _, e := range ext {
				add(ix.vocab.ids[e], b*extensionWeight)
			}
			continue
		}
		if id, sim := ix.near.nearest(t); sim > 0 {
			add(id, b*sim)
		}
	}
	return out
}
