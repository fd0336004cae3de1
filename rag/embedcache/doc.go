// Package embedcache keeps the vectors of an embedder on disk, so that a
// restart re-embeds nothing and a reload re-embeds only the texts that
// changed.
//
// Vectors are keyed by the SHA-256 of the text alone, in one file per
// embedder Name: a different model (or server) gets a different file and
// never mixes vector spaces. The text hash serves the same purpose as
// rag.Chunk.Hash (which also covers the document and trail): an embedding
// depends on the text only, and two chunks with the same text may share
// one vector.
//
// Wrap only embedders whose vector for a text depends on that text alone,
// such as an API model.
package embedcache
