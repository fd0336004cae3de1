package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/interpol-onu/assistant/config"
)

const usage = `assistant répond en français à partir des documents de son dossier de connaissances.

Utilisation :
  assistant ask [--theme THÈME] "question"   répond à une question et cite ses sources
  assistant chat                             questions en boucle dans le terminal
  assistant themes                           liste les thèmes couverts
  assistant eval --set FICHIER [--json] [--gate RÈGLES]
                                             évalue sur un jeu de questions (JSON lines)
  assistant serve                            lance le bot Discord (DISCORD_TOKEN requis)
  assistant healthcheck [--ready]            interroge /healthz (ou /readyz) sur HTTP_ADDR
  assistant version                          affiche la version et la construction

Options communes :
  --knowledge DOSSIER   dossier de documents .txt, .md, .html (sinon KNOWLEDGE_DIR,
                        sinon la connaissance intégrée au programme)
`

// errUsage marks command-line mistakes: run prints the usage with them.
var errUsage = errors.New("usage")

// run is the whole program, with its environment passed in.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "version" { // whatever the environment holds
		return printVersion(stdout, currentBuild())
	}
	cfg, err := config.FromEnv(getenv)
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	logger := newLogger(cfg, stderr)
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w: no command given", errUsage)
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "ask":
		err = ask(ctx, cfg, logger, args, stdout)
	case "chat":
		err = chat(ctx, cfg, logger, args, stdin, stdout)
	case "themes":
		err = themes(ctx, cfg, logger, args, stdout)
	case "eval":
		err = evaluate(ctx, cfg, logger, args, stdout, stderr)
	case "serve":
		err = serveCommand(ctx, cfg, logger, args, stderr)
	case "healthcheck":
		err = healthcheck(ctx, cfg, args, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		err = fmt.Errorf("%w: unknown command %q", errUsage, cmd)
	}
	if errors.Is(err, errUsage) || errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stderr, usage)
	}
	return err
}

// flags returns a flag set for a command with the options all share.
func flags(name string, cfg *config.Config) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&cfg.KnowledgeDir, "knowledge", cfg.KnowledgeDir, "knowledge folder")
	return fs
}

// parse reads a command's flags; the command takes no other argument.
func parse(fs *flag.FlagSet, args []string) error {
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("%w: %s: unexpected argument %q", errUsage, fs.Name(), rest[0])
	}
	return nil
}

// parseInterspersed reads flags wherever they are among the arguments
// (ask "question" --theme X), and returns the other arguments in order.
// "--" ends the flags: what follows is taken as it is.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", errUsage, fs.Name(), err)
		}
		left := fs.Args()
		if n := len(args) - len(left); n > 0 && args[n-1] == "--" {
			return append(rest, left...), nil
		}
		if len(left) == 0 {
			return rest, nil
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
}

func serveCommand(ctx context.Context, cfg config.Config, logger *slog.Logger, args []string, stderr io.Writer) error {
	fs := flags("serve", &cfg)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := cfg.ValidateDiscord(); err != nil { // before the index is built: fail fast
		return fmt.Errorf("cannot serve on Discord: %w; the offline commands ask, chat, themes and eval need no token", err)
	}
	if err := cfg.ValidateHTTP(); err != nil {
		return fmt.Errorf("cannot serve: %w", err)
	}
	// Health and metrics first: a probe sees the process alive, not
	// ready, while the index is built.
	ops, err := startOperations(cfg, logger)
	if err != nil {
		return fmt.Errorf("cannot serve: %w", err)
	}
	err = serveWithData(ctx, cfg, logger, stderr, ops)
	return errors.Join(err, ops.close())
}
