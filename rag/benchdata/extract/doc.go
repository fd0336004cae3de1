// Command extract turns French documentation unpacked from Debian
// packages into a retrieval benchmark (title → page pairs) and a large
// corpus for speed and memory benchmarks. rag/benchdata/fetch.sh runs it;
// see rag/benchdata/README.md.
//
//	extract -root DIR -out DIR
//
// -root is a folder into which the .deb files were unpacked (dpkg-deb -x),
// so that it holds usr/share/libreoffice/help/fr/..., usr/share/man/fr/...
// It writes, under -out: pairs.jsonl, pairs_meta.tsv, corpus/ and large/
// (each removed and rewritten on every run).
package main
