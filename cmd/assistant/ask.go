package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"unicode"

	"github.com/interpol-onu/assistant/config"
	"github.com/interpol-onu/assistant/rag"
)

func ask(ctx context.Context, cfg config.Config, logger *slog.Logger, args []string, stdout io.Writer) error {
	fs := flags("ask", &cfg)
	theme := fs.String("theme", "", "restrict to this theme")
	words, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(words) == 0 {
		return fmt.Errorf("%w: ask needs a question, in quotes", errUsage)
	}
	e, err := newEngine(ctx, cfg, logger)
	if err != nil {
		return err
	}
	q := rag.Question{Text: strings.Join(words, " ")}
	if *theme != "" {
		if q.Theme, err = rag.FindTheme(e.Themes(), *theme); err != nil {
			return &userError{explain(err)}
		}
	}
	a, err := e.Ask(ctx, q)
	if err != nil {
		if msg, ok := explainQuestion(err); ok {
			return &userError{msg}
		}
		logger.Error("answer failed", "err", err)
		return err
	}
	printAnswer(stdout, a)
	return nil
}

// userError is a mistake of the user's, told in French.
type userError struct{ msg string }

func (e *userError) Error() string { return e.msg }

// explainQuestion is rag.Explain with the terminal's way of doing what it
// suggests.
func explainQuestion(err error) (string, bool) {
	msg, ok := rag.Explain(err)
	if !ok {
		return "", false
	}
	switch {
	case errors.Is(err, rag.ErrEmptyQuestion):
		msg += ` Écrivez-la entre guillemets, par exemple : assistant ask "Quel est le rôle d’INTERPOL auprès de l’ONU ?"`
	case errors.Is(err, rag.ErrUnknownTheme):
		msg += " Tapez « assistant themes » pour voir la liste des thèmes, ou posez la question sans --theme."
	}
	return msg, true
}

// explain is explainQuestion for errors known to be the user's.
func explain(err error) string {
	msg, _ := explainQuestion(err)
	return msg
}

// printAnswer prints an answer and its sources.
func printAnswer(w io.Writer, a rag.Answer) {
	fmt.Fprintln(w, a.Text)
	if a.Notice != "" {
		fmt.Fprintf(w, "\n(%s)\n", a.Notice)
	}
	if len(a.Sources) > 0 {
		fmt.Fprintln(w, "\nSources :")
		for i, s := range a.Sources {
			fmt.Fprintf(w, "  [%d] %s — %s", i+1, printable(s.Document), printable(s.Section))
			if s.URL != "" {
				fmt.Fprintf(w, " <%s>", printable(s.URL))
			}
			fmt.Fprintln(w)
		}
	}
}

// printable quotes a name that holds control or format characters (a
// newline, a bidi override), so that it cannot forge or reorder lines of
// the terminal's output; other names print as they are.
func printable(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) < 0 {
		return s
	}
	return strconv.QuoteToGraphic(s)
}

func themes(ctx context.Context, cfg config.Config, logger *slog.Logger, args []string, stdout io.Writer) error {
	fs := flags("themes", &cfg)
	if err := parse(fs, args); err != nil {
		return err
	}
	e, err := newEngine(ctx, cfg, logger)
	if err != nil {
		return err
	}
	printThemes(stdout, e.Themes(), "")
	return nil
}

func printThemes(w io.Writer, themes []rag.Theme, bullet string) {
	for _, t := range themes {
		fmt.Fprintf(w, "%s%s (%s)\n", bullet, printable(t.Title), passages(t.Chunks))
	}
}

func passages(n int) string {
	if n < 2 {
		return fmt.Sprintf("%d passage", n)
	}
	return fmt.Sprintf("%d passages", n)
}
