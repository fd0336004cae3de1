package config

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The settings of curation: what the bot stores of its members and
// moderators, where and for how long. They are Discord settings: their
// errors are ValidateDiscord's.
const (
	defaultDataDir   = "data"
	defaultRetention = 90 * day
	minRetention     = day
	maxRetention     = 3650 * day
	day              = 24 * time.Hour
)

// curationFromEnv reads DATA_DIR, DATA_RETENTION, MODERATION_CHANNEL_ID
// and DATABASE_URL into d.
func curationFromEnv(p *parser, d *Discord) {
	if v := strings.TrimSpace(p.getenv("DATA_DIR")); v != "" {
		d.DataDir = v
	}
	if v := strings.TrimSpace(p.getenv("DATA_RETENTION")); v != "" {
		r, err := parseRetention(v)
		if err != nil {
			p.errs = append(p.errs, fmt.Errorf("DATA_RETENTION: %q is not a number of days such as 90d, or a duration such as 2160h, between 1d and 3650d", v))
		} else {
			d.DataRetention = r
		}
	}
	if v := strings.TrimSpace(p.getenv("MODERATION_CHANNEL_ID")); v != "" {
		if !isSnowflake(v) {
			p.errs = append(p.errs, fmt.Errorf("MODERATION_CHANNEL_ID: %q is not a Discord channel ID (digits only)", v))
		} else {
			d.ModerationChannelID = v
		}
	}
	if v := strings.TrimSpace(p.getenv("DATABASE_URL")); v != "" {
		u, err := url.Parse(v)
		lower := strings.ToLower(v)
		if err != nil || !(strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://")) || (u.Host == "" && u.Path == "" && u.RawQuery == "") {
			// The URL may hold a password: do not echo it.
			p.errs = append(p.errs, fmt.Errorf("DATABASE_URL is not a postgres:// URL; leave it unset to keep the database in DATA_DIR (SQLite)"))
		} else {
			// The scheme in lower case, as the store recognises it.
			d.DatabaseURL = strings.ToLower(v[:strings.Index(v, "://")]) + v[strings.Index(v, "://"):]
		}
	}
}

// parseRetention reads "90d" (whole days) or a Go duration ("2160h").
func parseRetention(v string) (time.Duration, error) {
	var r time.Duration
	if n, ok := strings.CutSuffix(v, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil {
			return 0, err
		}
		r = time.Duration(days) * day
		if days > int(maxRetention/day) { // no overflow
			r = maxRetention + 1
		}
	} else {
		var err error
		if r, err = time.ParseDuration(v); err != nil {
			return 0, err
		}
	}
	if r < minRetention || r > maxRetention {
		return 0, fmt.Errorf("retention %s out of range", r)
	}
	return r, nil
}

func isSnowflake(v string) bool {
	if len(v) > 20 {
		return false
	}
	for _, r := range v {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
