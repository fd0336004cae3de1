// Command assistant answers French questions from a folder of documents:
// in a terminal (ask, chat, themes, eval) or as a Discord bot (serve).
package main
