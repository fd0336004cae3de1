package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/interpol-onu/assistant/rag"
)

// checkGate compares a report with thresholds written as
// "hit_at_3>=0.95,false_refusal<=0.05" and names every metric that misses.
func checkGate(rep rag.EvalReport, gate string) error {
	metrics := map[string]float64{
		"hit_at_1": rep.HitAt1, "hit_at_3": rep.HitAt3, "hit_at_5": rep.HitAt5, "mrr": rep.MRR,
		"answer_pass": rep.AnswerPass, "false_refusal": rep.FalseRefusal, "refusal": rep.Refusal,
		"p50_ms": rep.P50Ms, "p95_ms": rep.P95Ms,
	}
	var failed []string
	for _, rule := range strings.Split(gate, ",") {
		rule = strings.TrimSpace(rule)
		if rule == "" {
			continue
		}
		op := ">="
		if !strings.Contains(rule, op) {
			op = "<="
		}
		name, limitText, ok := strings.Cut(rule, op)
		value, known := metrics[strings.TrimSpace(name)]
		limit, err := strconv.ParseFloat(strings.TrimSpace(limitText), 64)
		if !ok || !known || err != nil {
			return fmt.Errorf("%w: gate rule %q is not METRIC>=NUMBER or METRIC<=NUMBER", errUsage, rule)
		}
		if (op == ">=" && value < limit) || (op == "<=" && value > limit) {
			failed = append(failed, fmt.Sprintf("%s = %.3f, wanted %s %g", strings.TrimSpace(name), value, op, limit))
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("evaluation gate failed: %s", strings.Join(failed, "; "))
	}
	return nil
}
