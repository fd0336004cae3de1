package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/interpol-onu/assistant/bot"
	"github.com/interpol-onu/assistant/config"
	"github.com/interpol-onu/assistant/rag"
)

func ask(ctx context.Context, cfg config.Config, logger *slog.Logger, args []string, stdout io.Writer) error {
	fs := flags("ask", &cfg)
	theme := fs.String("theme", "", "restrict to this theme")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: ask needs a question, in quotes", errUsage)
	}
	e, err := newEngine(ctx, cfg, logger)
	if err != nil {
		return err
	}
	return answer(ctx, e, rag.Question{Text: strings.Join(fs.Args(), " "), Theme: *theme}, logger, stdout)
}

// answer asks one question and prints the answer with its sources. A bad
// question is the user's to fix: it gets a French explanation, not an error.
func answer(ctx context.Context, e *rag.Engine, q rag.Question, logger *slog.Logger, stdout io.Writer) error {
	a, err := e.Ask(ctx, q)
	if err != nil {
		if msg := bot.Explain(err); msg != bot.Apology {
			fmt.Fprintln(stdout, msg)
			return nil
		}
		logger.Error("answer failed", "err", err)
		return err
	}
	fmt.Fprintln(stdout, a.Text)
	if a.Notice != "" {
		fmt.Fprintf(stdout, "\n(%s)\n", a.Notice)
	}
	if len(a.Sources) > 0 {
		fmt.Fprintln(stdout, "\nSources :")
		for i, s := range a.Sources {
			fmt.Fprintf(stdout, "  [%d] %s — %s\n", i+1, s.Document, s.Section)
		}
	}
	return nil
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
	for _, t := range e.Themes() {
		fmt.Fprintf(stdout, "%s (%s)\n", t.Title, passages(t.Chunks))
	}
	return nil
}

func chat(ctx context.Context, cfg config.Config, logger *slog.Logger, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flags("chat", &cfg)
	if err := parse(fs, args); err != nil {
		return err
	}
	e, err := newEngine(ctx, cfg, logger)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "Posez vos questions (ligne vide ou Ctrl-D pour quitter, « /themes » pour les thèmes).")
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for {
		fmt.Fprint(stdout, "> ")
		if !sc.Scan() {
			fmt.Fprintln(stdout)
			if err := sc.Err(); err != nil {
				fmt.Fprintln(stdout, "Ligne trop longue : la conversation s’arrête ici.")
			}
			return nil
		}
		line := strings.TrimSpace(sc.Text())
		switch line {
		case "", "/quit", "/quitter":
			return nil
		case "/themes":
			for _, t := range e.Themes() {
				fmt.Fprintf(stdout, "- %s (%s)\n", t.Title, passages(t.Chunks))
			}
			continue
		}
		if err := answer(ctx, e, rag.Question{Text: line}, logger, stdout); err != nil {
			fmt.Fprintln(stdout, bot.Apology)
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

func passages(n int) string {
	if n < 2 {
		return fmt.Sprintf("%d passage", n)
	}
	return fmt.Sprintf("%d passages", n)
}
