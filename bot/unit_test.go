package bot

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/rag"
)

func TestLimiterRefillsOverTime(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	l := newLimiter(3)
	l.now = func() time.Time { return now }
	for k := range 3 {
		if err := l.allow("a"); err != nil {
			t.Fatalf("question %d refused: %v", k+1, err)
		}
	}
	err := l.allow("a")
	var limited *rateLimitedError
	if !errors.As(err, &limited) || limited.retryAfter != 20*time.Second {
		t.Fatalf("fourth question: %v, want a wait of 20 s", err)
	}
	if l.allow("b") != nil {
		t.Errorf("another user was refused")
	}
	now = now.Add(20 * time.Second)
	if err := l.allow("a"); err != nil {
		t.Errorf("after 20 s: %v, want one more question", err)
	}
	if l.allow("a") == nil {
		t.Errorf("after 20 s: two questions allowed, want one")
	}
}

func TestLimiterWarnsOncePerWindow(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	l := newLimiter(1)
	l.now = func() time.Time { return now }
	if l.warn("a") {
		t.Errorf("a user who never asked was warned")
	}
	_ = l.allow("a")
	for k, want := range []bool{true, false, false} {
		if l.allow("a") == nil {
			t.Fatalf("refusal %d: question allowed", k+1)
		}
		if got := l.warn("a"); got != want {
			t.Errorf("refusal %d: warn = %v, want %v", k+1, got, want)
		}
	}
	now = now.Add(time.Minute) // refilled: the next refusal is told again
	if err := l.allow("a"); err != nil {
		t.Fatalf("after a minute: %v", err)
	}
	if l.allow("a") == nil || !l.warn("a") {
		t.Errorf("after an accepted question, the next refusal is not told")
	}
}

func TestExplain(t *testing.T) {
	t.Parallel()
	cases := []struct {
		err  error
		want string
	}{
		{nil, ""},
		{rag.ErrEmptyQuestion, "Votre question est vide."},
		{fmt.Errorf("ask: %w", &rag.TooLongError{Length: 612, Max: 500}), "trop longue (612 caractères) : 500 caractères au maximum"},
		{rag.ErrNoWords, "aucun mot"},
		{fmt.Errorf("search: %w", rag.ErrUnknownTheme), "Je ne connais pas ce thème"},
		{rag.ErrReloadInProgress, "déjà en cours"},
		{&rateLimitedError{perMinute: 5, retryAfter: 1500 * time.Millisecond}, "5 par minute au plus). Réessayez dans 2 secondes"},
		{&rateLimitedError{perMinute: 5, retryAfter: 300 * time.Millisecond}, "Réessayez dans 1 seconde,"},
		{errBusy, "Je suis très sollicité en ce moment, réessayez dans un instant."},
		{errors.New("dial tcp 10.0.0.3:5432: password=hunter2"), Apology},
	}
	for _, c := range cases {
		got := Explain(c.err)
		if !strings.Contains(got, c.want) || (c.want == "" && got != "") {
			t.Errorf("Explain(%v) = %q, want it to contain %q", c.err, got, c.want)
		}
		if strings.Contains(got, "hunter2") || strings.Contains(got, "10.0.0.3") {
			t.Errorf("Explain leaks %q", got)
		}
	}
}

func TestRewriterSendsDiscordRequestsToTheAPIURL(t *testing.T) {
	t.Parallel()
	var got []string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Host+" "+r.URL.RequestURI())
	}))
	defer proxy.Close()
	o := defaults()
	WithAPIURL(proxy.URL + "/nirn/")(&o)
	if o.apiURLErr != nil {
		t.Fatal(o.apiURLErr)
	}
	client := &http.Client{Transport: &rewriter{base: o.apiURL, next: http.DefaultTransport}}
	for _, u := range []string{"https://discord.com/api/v9/gateway", "https://discordapp.com/api/v9/channels/1/messages?limit=2"} {
		resp, err := client.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	host := strings.TrimPrefix(proxy.URL, "http://")
	want := []string{host + " /nirn/api/v9/gateway", host + " /nirn/api/v9/channels/1/messages?limit=2"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("proxy received %q, want %q", got, want)
	}
}

func TestBadAPIURLAndTokenAreRefusedWithoutEcho(t *testing.T) {
	t.Parallel()
	_, err := New(&fakeAnswerer{}, "a.b.c", WithAPIURL("ftp://user:pass@proxy"))
	if err == nil || strings.Contains(err.Error(), "pass") {
		t.Errorf("bad API URL: %v", err)
	}
	for _, tok := range []string{"", "  ", "Bot "} {
		if _, err := New(&fakeAnswerer{}, tok); !errors.Is(err, ErrNoToken) {
			t.Errorf("token %q: %v, want ErrNoToken", tok, err)
		}
	}
}

func TestRedactAndScrub(t *testing.T) {
	t.Parallel()
	in := `Patch "https://discord.com/api/v9/webhooks/100/aW50ZXJhY3Rpb246MTIz.abc-_/messages/@original": timeout`
	if got := redact(in); strings.Contains(got, "aW50ZXJh") || !strings.Contains(got, "/webhooks/100/[redacted]/messages") {
		t.Errorf("redact = %q", got)
	}
	msg := scrub("embed: status 401: Incorrect API key sk-proj-abcdefghijklmnopqrstuvwxyz012345 at https://user:pw@api.example/v1")
	if strings.Contains(msg, "abcdefghijklmnop") || strings.Contains(msg, "pw@") {
		t.Errorf("scrub = %q", msg)
	}
	if !strings.Contains(scrub("guides/faq.md: invalid UTF-8"), "guides/faq.md: invalid UTF-8") {
		t.Errorf("scrub masked an ordinary message")
	}
}

func TestPackLinesCountsWhatDoesNotFit(t *testing.T) {
	t.Parallel()
	var lines []string
	for k := range 100 {
		lines = append(lines, fmt.Sprintf("[%d] %s", k+1, strings.Repeat("x", 40)))
	}
	chunks := packLines(lines, 200, 2)
	if len(chunks) != 2 || !strings.HasSuffix(chunks[1], "autres") {
		t.Fatalf("chunks = %q", chunks)
	}
	for _, c := range chunks {
		if len([]rune(c)) > 200 {
			t.Errorf("chunk of %d characters", len([]rune(c)))
		}
	}
}

func TestFrenchSpan(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{
		time.Minute: "1 minute", 30 * time.Minute: "30 minutes", time.Hour: "1 heure",
		24 * time.Hour: "24 heures", 90 * time.Minute: "1 h 30",
	} {
		if got := frenchSpan(d); got != want {
			t.Errorf("frenchSpan(%s) = %q, want %q", d, got, want)
		}
	}
}
