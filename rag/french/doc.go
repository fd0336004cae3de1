// Package french holds what the assistant knows of the French language:
// how text splits into words and sentences, which words carry no topic,
// how words are stemmed and their accents folded, how a question says
// what it asks for, and how a reply says it does not know.
//
// Its word lists live once, as data, in the words/ folder; nothing else
// in the module lists French words. It imports nothing of the module.
package french
