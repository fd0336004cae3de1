package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/knowledge"
)

// cdnHosts are the hosts Discord serves attachments from. The bot
// downloads from them only, and from the host of its API URL (a proxy
// in front of Discord, or the fake Discord of the tests).
var cdnHosts = map[string]bool{"cdn.discordapp.com": true, "media.discordapp.net": true}

// Why an attachment was not downloaded.
var (
	errForeignHost = errors.New("the attachment is not on Discord's CDN")
	errDownload    = errors.New("download the attachment")
)

// downloader fetches attachments: from Discord's hosts only, redirects
// included, within a time limit, and never more than knowledge's
// MaxFileSize bytes, whatever the attachment says of its size. It asks
// for no compression and inflates none: the bytes counted are the
// bytes received.
type downloader struct {
	api    *url.URL // the API URL's host is allowed too; nil for none
	client *http.Client
}

func newDownloader(api *url.URL, timeout time.Duration) *downloader {
	d := &downloader{api: api}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DisableCompression = true
	d.client = &http.Client{
		Timeout:   timeout,
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 3 {
				return fmt.Errorf("%w: too many redirects", errDownload)
			}
			if !d.allowed(req.URL) {
				return fmt.Errorf("%w: redirected to %s", errForeignHost, req.URL.Host)
			}
			return nil
		},
	}
	return d
}

// allowed tells whether u is on one of Discord's hosts, over HTTPS, or
// on the API URL's host and scheme.
func (d *downloader) allowed(u *url.URL) bool {
	if u == nil || u.User != nil {
		return false
	}
	if u.Scheme == "https" && cdnHosts[strings.ToLower(u.Hostname())] && (u.Port() == "" || u.Port() == "443") {
		return true
	}
	return d.api != nil && u.Scheme == d.api.Scheme && strings.EqualFold(u.Host, d.api.Host)
}

// source returns the attachment's URL the bot may download from: its
// URL, else its proxy URL.
func (d *downloader) source(a *discordgo.MessageAttachment) (*url.URL, error) {
	for _, raw := range []string{a.URL, a.ProxyURL} {
		if u, err := url.Parse(raw); err == nil && d.allowed(u) {
			return u, nil
		}
	}
	return nil, errForeignHost
}

// fetch downloads u, refusing with knowledge.ErrTooBig a file over
// MaxFileSize: as soon as its Content-Length says so, or once that many
// bytes have been read.
func (d *downloader) fetch(ctx context.Context, u *url.URL) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDownload, err)
	}
	resp, err := d.client.Do(req)
	if err != nil {
		if errors.Is(err, errForeignHost) {
			return nil, errForeignHost
		}
		return nil, fmt.Errorf("%w: %w", errDownload, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: HTTP %d", errDownload, resp.StatusCode)
	}
	if resp.ContentLength > knowledge.MaxFileSize {
		return nil, fmt.Errorf("%w: %d bytes announced, at most %d", knowledge.ErrTooBig, resp.ContentLength, knowledge.MaxFileSize)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, knowledge.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDownload, err)
	}
	if len(data) > knowledge.MaxFileSize {
		return nil, fmt.Errorf("%w: more than %d bytes received", knowledge.ErrTooBig, knowledge.MaxFileSize)
	}
	return data, nil
}
