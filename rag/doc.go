// Package rag answers French questions from a set of documents: it splits
// them into chunks, indexes them lexically (BM25) and by embedding
// (chromem-go), retrieves the passages that answer a question and
// composes an answer that cites them, or refuses.
//
// The Engine is the entry point: it loads the knowledge (package
// knowledge), builds an Index, and for each question builds one Reading
// (package french does the language), retrieves, checks that the evidence
// covers the question, and hands it to a Generator: the offline
// Extractive one, or an API's (package openaicompat).
package rag
