package rag

// stopWords are folded French words that carry no topic: articles,
// pronouns, auxiliaries, prepositions, and the words of a question
// ("quel", "comment", "combien"…), which would otherwise match every
// document that happens to ask or say them.
var stopWords = set(`
a ai aie aient aies ait as au aucun aucune aussi autre autres aux avaient avais avait avant avec avez aviez avions avoir avons ayant
bien c ca car ce ceci cela celle celles celui cependant ces cet cette ceux chaque chez ci comme comment d dans de des deja depuis devant doit donc dont du
elle elles en encore entre es est et etaient etais etait etant ete etes etre eu eux
fait faire fais font fut
ici il ils j je jusqu jusque l la le les leur leurs lors lorsqu lorsque lui
m ma mais me meme memes mes moi mon n ne ni non nos notre nous on ont or ou
par parce pas peu peut peuvent plus pour pourquoi puis puisqu puisque
qu quand que quel quelle quelles quels qui quoi quoiqu
s sa sans se selon ses si sien soi soit son sont sous suis sur
t ta te tes toi ton tous tout toute toutes tres tu
un une vers voici voila vos votre vous y
combien quelles quel lequel laquelle lesquels lesquelles dont ou
sait savoir dis dire donne donner explique expliquer parle parler
cest quest questce estce
`)

func set(words string) map[string]struct{} {
	m := make(map[string]struct{})
	for _, w := range tokenize(words) {
		m[w] = struct{}{}
	}
	return m
}
