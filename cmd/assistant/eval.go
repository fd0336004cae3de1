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
	"github.com/interpol-onu/assistant/rag"
)

func evaluate(ctx context.Context, cfg config.Config, logger *slog.Logger, args []string, stdout io.Writer) error {
	fs := flags("eval", &cfg)
	set := fs.String("set", "", "evaluation set (JSON lines)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	gate := fs.String("gate", "", `fail unless metrics meet thresholds, e.g. "hit_at_3>=0.95,false_refusal<=0.05"`)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *set == "" {
		return fmt.Errorf("%w: eval needs --set FILE", errUsage)
	}
	f, err := os.Open(*set)
	if err != nil {
		return fmt.Errorf("open evaluation set: %w", err)
	}
	defer f.Close()
	cases, err := rag.ReadEvalSet(f)
	if err != nil {
		return fmt.Errorf("evaluation set %s: %w", *set, err)
	}
	e, err := newEngine(ctx, cfg, logger)
	if err != nil {
		return err
	}
	rep, err := rag.Evaluate(ctx, e, cases)
	if err != nil {
		return fmt.Errorf("evaluate: %w", err)
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
	return checkGate(rep, *gate)
}

func printReport(w io.Writer, rep rag.EvalReport) {
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
	fmt.Fprintf(w, "hit_at_1       %.3f\nhit_at_3       %.3f\nhit_at_5       %.3f\nmrr            %.3f\n", rep.HitAt1, rep.HitAt3, rep.HitAt5, rep.MRR)
	fmt.Fprintf(w, "answer_pass    %.3f\nfalse_refusal  %.3f\nrefusal        %.3f\n", rep.AnswerPass, rep.FalseRefusal, rep.Refusal)
	fmt.Fprintf(w, "p50_ms         %.2f\np95_ms         %.2f\n", rep.P50Ms, rep.P95Ms)
}
