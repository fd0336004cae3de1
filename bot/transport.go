package bot

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// session returns a discordgo session configured for the bot: its own
// HTTP client and websocket dialer (never the shared defaults), the
// intents it needs and no state cache beyond its own identity.
func (b *Bot) session() (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + b.token)
	if err != nil {
		return nil, errors.New("create the Discord session")
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	// Bursts of questions mean bursts of requests: over HTTP/1.1 (a REST
	// proxy) keep their connections for the next burst.
	tr.MaxIdleConnsPerHost = 64
	var rt http.RoundTripper = tr
	if b.opts.apiURL != nil {
		rt = &rewriter{base: b.opts.apiURL, next: rt}
	}
	s.Client = &http.Client{Timeout: 20 * time.Second, Transport: rt}
	s.Dialer = &websocket.Dialer{Proxy: http.ProxyFromEnvironment, HandshakeTimeout: 45 * time.Second}
	s.StateEnabled = false
	s.LogLevel = discordgo.LogError
	// Mentions of the bot and direct messages carry their content without
	// the privileged Message Content intent.
	s.Identify.Intents = discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	return s, nil
}

// rewriter sends the requests meant for Discord's REST API to another
// base URL, paths unchanged. Requests for other hosts pass through.
type rewriter struct {
	base *url.URL
	next http.RoundTripper
}

func (rw *rewriter) RoundTrip(req *http.Request) (*http.Response, error) {
	switch strings.ToLower(req.URL.Hostname()) {
	case "discord.com", "discordapp.com", "www.discord.com", "canary.discord.com", "ptb.discord.com":
	default:
		return rw.next.RoundTrip(req)
	}
	r := req.Clone(req.Context())
	r.URL.Scheme = rw.base.Scheme
	r.URL.Host = rw.base.Host
	r.URL.User = rw.base.User
	if p := strings.TrimRight(rw.base.Path, "/"); p != "" {
		r.URL.Path = p + req.URL.Path
		if req.URL.RawPath != "" {
			r.URL.RawPath = p + req.URL.RawPath
		}
	}
	r.Host = rw.base.Host
	return rw.next.RoundTrip(r)
}

// Interaction and webhook tokens are credentials for 15 minutes: keep
// them out of logs.
var tokenInPath = regexp.MustCompile(`/(interactions|webhooks)/(\d+)/[A-Za-z0-9._\-]+`)

func redact(s string) string {
	return tokenInPath.ReplaceAllString(s, "/$1/$2/[redacted]")
}

// redactErr returns err, or an error with the same message redacted if
// it holds a token.
func redactErr(err error) error {
	if err == nil {
		return nil
	}
	if msg := err.Error(); redact(msg) != msg {
		return errors.New(redact(msg))
	}
	return err
}
