package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/interpol-onu/assistant/config"
	"github.com/interpol-onu/assistant/rag"
)

// maxChatLine bounds one line of chat; a longer one is refused and the
// session goes on.
const maxChatLine = 64 << 10

const chatHelp = `Tapez une question et Entrée. Commandes :
  /themes   les thèmes couverts
  /aide     cette aide
  /quitter  quitter (ou une ligne vide, Ctrl-D, Ctrl-C)`

func chat(ctx context.Context, cfg config.Config, logger *slog.Logger, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flags("chat", &cfg)
	if err := parse(fs, args); err != nil {
		return err
	}
	e, err := newEngine(ctx, cfg, logger)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "Posez vos questions (ligne vide ou Ctrl-D pour quitter, « /aide » pour l’aide).")
	done := make(chan struct{})
	defer close(done)
	lines := readLines(stdin, done)
	for {
		fmt.Fprint(stdout, "> ")
		var l line
		select {
		case <-ctx.Done(): // Ctrl-C at the prompt
			fmt.Fprintln(stdout)
			return nil
		case l = <-lines:
		}
		switch {
		case l.err != nil:
			fmt.Fprintln(stdout)
			return nil
		case l.tooLong:
			fmt.Fprintf(stdout, "Ligne trop longue (plus de %d Kio) : elle est ignorée.\n", maxChatLine>>10)
			continue
		}
		text := strings.TrimSpace(l.text)
		switch text {
		case "", "/quit", "/quitter":
			return nil
		case "/themes":
			printThemes(stdout, e.Themes(), "- ")
			continue
		case "/aide", "/help":
			fmt.Fprintln(stdout, chatHelp)
			continue
		}
		a, err := e.Ask(ctx, rag.Question{Text: text})
		switch msg, ok := explainQuestion(err); {
		case err == nil:
			printAnswer(stdout, a)
		case ok:
			fmt.Fprintln(stdout, msg)
		case ctx.Err() != nil:
			fmt.Fprintln(stdout)
			return nil
		default:
			logger.Error("answer failed", "err", err)
			fmt.Fprintln(stdout, "Désolé, une erreur interne m’a empêché de répondre. Réessayez dans un instant.")
		}
	}
}

// line is one line of input, or why there is none.
type line struct {
	text    string
	tooLong bool
	err     error // io.EOF at the end
}

// readLines reads stdin line by line in the background, so that the chat
// can stop at Ctrl-C while it waits for the next line, until done is
// closed. A line longer than maxChatLine is reported once, without its
// text.
func readLines(r io.Reader, done <-chan struct{}) <-chan line {
	out := make(chan line)
	go func() {
		defer close(out)
		br := bufio.NewReaderSize(r, 4096)
		for {
			l := readLine(br)
			select {
			case out <- l:
			case <-done:
				return
			}
			if l.err != nil {
				return
			}
		}
	}()
	return out
}

func readLine(br *bufio.Reader) line {
	var b strings.Builder
	tooLong := false
	for {
		chunk, isPrefix, err := br.ReadLine()
		if err != nil {
			if b.Len() > 0 || tooLong {
				break // the last line had no newline
			}
			if errors.Is(err, io.EOF) {
				return line{err: io.EOF}
			}
			return line{err: err}
		}
		if !tooLong && b.Len()+len(chunk) <= maxChatLine {
			b.Write(chunk)
		} else {
			tooLong = true
		}
		if !isPrefix {
			break
		}
	}
	if tooLong {
		return line{tooLong: true}
	}
	return line{text: b.String()}
}
