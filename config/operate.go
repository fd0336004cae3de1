package config

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// The log formats LOG_FORMAT accepts.
const (
	LogText = "text" // key=value pairs, for people
	LogJSON = "json" // one JSON object a line, for log collectors
)

// operateFromEnv reads the settings of running the assistant as a
// service: LOG_FORMAT, which every command uses and so must be valid, and
// HTTP_ADDR, which only serve and healthcheck use: its error is kept for
// ValidateHTTP, so that a bad one never stops the offline commands.
func operateFromEnv(c *Config, p *parser) {
	switch v := strings.ToLower(strings.TrimSpace(p.getenv("LOG_FORMAT"))); v {
	case "":
	case LogText, LogJSON:
		c.LogFormat = v
	default:
		p.errs = append(p.errs, fmt.Errorf("LOG_FORMAT: %q is neither %q nor %q", v, LogText, LogJSON))
	}
	if v := strings.TrimSpace(p.getenv("HTTP_ADDR")); v != "" {
		if err := checkListenAddr(v); err != nil {
			c.httpAddrErr = fmt.Errorf("HTTP_ADDR: %w", err)
			return
		}
		c.HTTPAddr = v
	}
}

// checkListenAddr accepts host:port with a port from 1 to 65535; the
// host may be empty (every interface), a name or an IP address.
func checkListenAddr(v string) error {
	host, port, err := net.SplitHostPort(v)
	if err != nil {
		return fmt.Errorf("%q is not host:port, such as :9090 or 127.0.0.1:9090", v)
	}
	if strings.ContainsAny(host, " /") {
		return fmt.Errorf("%q has no valid host", v)
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("%q has no port between 1 and 65535", v)
	}
	return nil
}

// ValidateHTTP reports an invalid HTTP_ADDR: serve and healthcheck call
// it before using HTTPAddr.
func (c Config) ValidateHTTP() error { return c.httpAddrErr }
