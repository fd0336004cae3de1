package eval

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Rule is one threshold of a gate: Metric >= Limit, or <= when AtMost.
type Rule struct {
	Metric string
	AtMost bool
	Limit  float64
}

func (r Rule) String() string {
	op := ">="
	if r.AtMost {
		op = "<="
	}
	return r.Metric + op + strconv.FormatFloat(r.Limit, 'g', -1, 64)
}

// Gate is a list of rules a report must meet.
type Gate []Rule

// metrics are the gateable metrics, with the kind of case each is
// measured on ("" for every case).
var metrics = map[string]string{
	"hit_at_1": KindAnswer, "hit_at_3": KindAnswer, "hit_at_5": KindAnswer, "mrr": KindAnswer,
	"answer_pass": KindAnswer, "false_refusal": KindAnswer, "refusal": KindRefuse,
	"p50_ms": "", "p95_ms": "",
}

// ParseGate reads rules written as "hit_at_3>=0.95,false_refusal<=0.05",
// before any question is asked: an unknown metric, a missing operator or a
// limit that is not a finite number is an error.
func ParseGate(s string) (Gate, error) {
	var g Gate
	for _, text := range strings.Split(s, ",") {
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		r, err := parseRule(text)
		if err != nil {
			return nil, err
		}
		g = append(g, r)
	}
	return g, nil
}

func parseRule(text string) (Rule, error) {
	op := ">="
	if !strings.Contains(text, op) {
		op = "<="
	}
	name, limitText, ok := strings.Cut(text, op)
	if !ok {
		return Rule{}, fmt.Errorf("gate rule %q is not METRIC>=NUMBER or METRIC<=NUMBER", text)
	}
	name = strings.TrimSpace(name)
	if _, known := metrics[name]; !known {
		return Rule{}, fmt.Errorf("gate rule %q: unknown metric %q (known: hit_at_1, hit_at_3, hit_at_5, mrr, answer_pass, false_refusal, refusal, p50_ms, p95_ms)", text, name)
	}
	limit, err := strconv.ParseFloat(strings.TrimSpace(limitText), 64)
	if err != nil || math.IsNaN(limit) || math.IsInf(limit, 0) {
		return Rule{}, fmt.Errorf("gate rule %q: %q is not a finite number", text, strings.TrimSpace(limitText))
	}
	return Rule{Metric: name, AtMost: op == "<=", Limit: limit}, nil
}

// Value returns a metric of the report, and whether the set measures it:
// hit and answer metrics need answerable cases, refusal unanswerable ones.
func (rep Report) Value(metric string) (value float64, measured bool) {
	values := map[string]float64{
		"hit_at_1": rep.HitAt1, "hit_at_3": rep.HitAt3, "hit_at_5": rep.HitAt5, "mrr": rep.MRR,
		"answer_pass": rep.AnswerPass, "false_refusal": rep.FalseRefusal, "refusal": rep.Refusal,
		"p50_ms": rep.P50Ms, "p95_ms": rep.P95Ms,
	}
	value = values[metric]
	switch metrics[metric] {
	case KindAnswer:
		return value, rep.Answerable > 0
	case KindRefuse:
		return value, rep.Unanswerable > 0
	}
	return value, rep.Questions > 0
}

// GateError lists the rules a report missed.
type GateError struct {
	Failed []string // "hit_at_3 = 0.900, wanted >= 0.95"
}

func (e *GateError) Error() string {
	return "evaluation gate failed: " + strings.Join(e.Failed, "; ")
}

// Check returns a *GateError naming every rule the report misses. A rule
// on a metric the set does not measure (a hit rate on a set of refusals
// only) is not failed: NotMeasured names it.
func (rep Report) Check(g Gate) error {
	var failed []string
	for _, r := range g {
		v, measured := rep.Value(r.Metric)
		if !measured {
			continue
		}
		if (!r.AtMost && v < r.Limit) || (r.AtMost && v > r.Limit) {
			op := ">="
			if r.AtMost {
				op = "<="
			}
			failed = append(failed, fmt.Sprintf("%s = %.3f, wanted %s %g", r.Metric, v, op, r.Limit))
		}
	}
	if len(failed) > 0 {
		return &GateError{Failed: failed}
	}
	return nil
}

// NotMeasured lists the rules of g whose metric the report does not
// measure.
func (rep Report) NotMeasured(g Gate) []Rule {
	var out []Rule
	for _, r := range g {
		if _, measured := rep.Value(r.Metric); !measured {
			out = append(out, r)
		}
	}
	return out
}
