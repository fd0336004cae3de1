package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"text/tabwriter"

	"github.com/interpol-onu/assistant/config"
	"github.com/interpol-onu/assistant/rag/eval"
)

func evaluate(ctx context.Context, cfg config.Config, logger *slog.Logger, args []string, stdout, stderr io.Writer) error {
	fs := flags("eval", &cfg)
	set := fs.String("set", "", "evaluation set (JSON lines)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	gateRules := fs.String("gate", "", `fail unless metrics meet thresholds, e.g. "hit_at_3>=0.95,false_refusal<=0.05"`)
	noHistory := fs.Bool("no-history", false, "ask each conversation's last question alone (the baseline for follow-ups)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *set == "" {
		return fmt.Errorf("%w: eval needs --set FILE", errUsage)
	}
	gate, err := eval.ParseGate(*gateRules) // before any question is asked
	if err != nil {
		return fmt.Errorf("%w: --gate: %v", errUsage, err)
	}
	f, err := os.Open(*set)
	if err != nil {
		return fmt.Errorf("open evaluation set: %w", err)
	}
	defer f.Close()
	cases, err := eval.ReadSet(f)
	if err != nil {
		return fmt.Errorf("evaluation set %s: %w", *set, err)
	}
	e, err := newEngine(ctx, cfg, logger)
	if err != nil {
		return err
	}
	rep, err := eval.Run(ctx, e, cases, eval.Options{IgnoreHistory: *noHistory})
	if err != nil {
		return fmt.Errorf("evaluate: %w", err)
	}
	for _, s := range rep.UnknownSections {
		fmt.Fprintf(stderr, "attention : section attendue introuvable dans les documents (%s)\n", s)
	}
	for _, r := range rep.NotMeasured(gate) {
		fmt.Fprintf(stderr, "seuil %s non mesuré : le jeu n’a pas de questions de ce type\n", r)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printReport(stdout, rep)
	}
	return rep.Check(gate)
}

func printReport(w io.Writer, rep eval.Report) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range rep.Results {
		status := "ok"
		if !r.Pass {
			status = "ÉCHEC"
		}
		fmt.Fprintf(tw, "%s\t%s\trang %d\trefus %v\t%.1f ms\n", r.ID, status, r.HitRank, r.Refused, r.Ms)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nquestions      %d\n", rep.Questions)
	metric := func(name string) {
		if v, measured := rep.Value(name); measured {
			fmt.Fprintf(w, "%-14s %.3f\n", name, v)
		} else {
			fmt.Fprintf(w, "%-14s non mesuré\n", name)
		}
	}
	for _, name := range []string{"hit_at_1", "hit_at_3", "hit_at_5", "mrr", "answer_pass", "false_refusal", "refusal"} {
		metric(name)
	}
	fmt.Fprintf(w, "p50_ms         %.2f\np95_ms         %.2f\n", rep.P50Ms, rep.P95Ms)
}
