package french

import "strings"

// SaysNotKnown reports whether a short reply says, in one of the usual
// ways (dontknow.txt), that it does not know or that the texts do not
// say: « Je ne sais pas », « Les extraits ne précisent pas… ».
func SaysNotKnown(reply string) bool {
	f := " " + strings.Join(Words(reply), " ") + " "
	for _, p := range dontKnow {
		if strings.Contains(f, " "+p+" ") {
			return true
		}
	}
	return false
}

// yesNo are the words that answer yes or no.
var yesNo = loadSet("yesno.txt")

// IsBareYesNo reports a sentence that only says yes or no (« Oui. »,
// « Non, pas encore. »): quoted alone it answers nothing.
func IsBareYesNo(sentence string) bool {
	w := Words(sentence)
	return len(w) > 0 && len(w) <= 2 && yesNo.has(w[0])
}
