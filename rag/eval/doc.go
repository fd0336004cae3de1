// Package eval scores the engine on a set of questions whose answers are
// known (README, "Evaluation"): how high retrieval ranks the expected
// section, whether answers contain what they must, whether the engine
// refuses what the knowledge does not cover. It is a client of the
// engine, through the small Asker interface.
package eval
