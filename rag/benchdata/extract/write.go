package main

import (
	"bufio"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"
)

func shortHash(s string) string {
	h := sha1.Sum([]byte(s))
	return hex.EncodeToString(h[:])[:12]
}

// pair is one line of pairs.jsonl.
type pair struct {
	ID    string `json:"id"`
	Query string `json:"query"`
	Doc   string `json:"doc"`
}

func writePairs(out string, all []*page) (pairs, docs int, err error) {
	type cand struct {
		p    *page
		md   string
		hash string
	}
	var cands []cand
	titles := map[string]int{}
	bodies := map[string]int{}
	for _, p := range all {
		if !sourcePairs(p.source) || plainLen(p.body) < minBody || p.english > maxEnglish {
			continue
		}
		md := markdown(p.body)
		h := shortHash(md)
		cands = append(cands, cand{p, md, h})
		titles[norm(p.title)]++
		bodies[h]++
	}
	pf, err := os.Create(filepath.Join(out, "pairs.jsonl"))
	if err != nil {
		return 0, 0, err
	}
	defer pf.Close()
	mf, err := os.Create(filepath.Join(out, "pairs_meta.tsv"))
	if err != nil {
		return 0, 0, err
	}
	defer mf.Close()
	pw, mw := bufio.NewWriter(pf), bufio.NewWriter(mf)
	fmt.Fprintln(mw, "id\tdoc\tsource\tpath\tquery")
	written := map[string]bool{}
	enc := json.NewEncoder(pw)
	enc.SetEscapeHTML(false)
	for _, c := range cands {
		if written[c.hash] {
			continue // identical body already in the corpus
		}
		written[c.hash] = true
		key := c.p.source + ":" + c.p.rel
		// ids are keyed hashes of the page's path: stable from run to run,
		// and the query id tells nothing about the document name
		doc := "d" + shortHash("doc:"+key) + ".md"
		if err := os.WriteFile(filepath.Join(out, "corpus", doc), []byte(c.md), 0o644); err != nil {
			return 0, 0, err
		}
		docs++
		// a page is a query only when its title names no other page and
		// its body is no other page's body; the rest stay as distractors
		if titles[norm(c.p.title)] > 1 || bodies[c.hash] > 1 || norm(c.p.title) == "" {
			continue
		}
		id := "q" + shortHash("query:"+key)
		if err := enc.Encode(pair{ID: id, Query: c.p.title, Doc: doc}); err != nil {
			return 0, 0, err
		}
		fmt.Fprintf(mw, "%s\t%s\t%s\t%s\t%s\n", id, doc, c.p.source, c.p.rel, c.p.title)
		pairs++
	}
	if err := pw.Flush(); err != nil {
		return 0, 0, err
	}
	return pairs, docs, mw.Flush()
}

func sourcePairs(name string) bool {
	for _, s := range sources() {
		if s.name == name {
			return s.pairs
		}
	}
	return false
}

type largeStats struct {
	docs, chars                       map[string]int
	totalDocs, totalChars, totalBytes int
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func writeLarge(out string, all []*page) (largeStats, error) {
	st := largeStats{docs: map[string]int{}, chars: map[string]int{}}
	for _, p := range all {
		if plainLen(p.body) < minBody {
			continue
		}
		text := "# " + p.title + "\n\n" + markdown(p.body)
		name := strings.TrimSuffix(p.rel, ".gz")
		name = strings.TrimSuffix(name, filepath.Ext(name))
		name = unsafeName.ReplaceAllString(strings.ReplaceAll(name, "/", "_"), "-") + ".md"
		dir := filepath.Join(out, "large", p.source)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return st, err
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return st, err
		}
		n := utf8.RuneCountInString(text)
		st.docs[p.source]++
		st.chars[p.source] += n
		st.totalDocs++
		st.totalChars += n
		st.totalBytes += len(text)
	}
	return st, nil
}
