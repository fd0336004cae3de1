package config

import (
	"strings"
	"testing"
)

func TestLogFormat(t *testing.T) {
	for _, c := range []struct{ value, want string }{
		{"", ""},
		{"  ", ""},
		{"text", LogText},
		{"json", LogJSON},
		{" JSON ", LogJSON},
	} {
		got, err := FromEnv(env(map[string]string{"LOG_FORMAT": c.value}))
		if err != nil || got.LogFormat != c.want {
			t.Errorf("LOG_FORMAT=%q: %q, %v; want %q", c.value, got.LogFormat, err, c.want)
		}
	}
	_, err := FromEnv(env(map[string]string{"LOG_FORMAT": "logfmt"}))
	if err == nil || !strings.Contains(err.Error(), "LOG_FORMAT") || !strings.Contains(err.Error(), `"json"`) {
		t.Errorf("LOG_FORMAT=logfmt: error %v, want one naming the variable and its values", err)
	}
}

func TestHTTPAddr(t *testing.T) {
	got, err := FromEnv(env(nil))
	if err != nil || got.HTTPAddr != "" || got.ValidateHTTP() != nil {
		t.Fatalf("unset: %q, %v, %v; want off and valid", got.HTTPAddr, err, got.ValidateHTTP())
	}
	for _, v := range []string{":9090", "0.0.0.0:9090", "127.0.0.1:8080", "[::]:9090", "[::1]:1", "localhost:65535"} {
		got, err := FromEnv(env(map[string]string{"HTTP_ADDR": " " + v + " "}))
		if err != nil || got.ValidateHTTP() != nil || got.HTTPAddr != v {
			t.Errorf("HTTP_ADDR=%q: %q, %v, %v", v, got.HTTPAddr, err, got.ValidateHTTP())
		}
	}
}

// An invalid HTTP_ADDR concerns serve and healthcheck alone: the offline
// commands still run, as with a bad Discord variable.
func TestInvalidHTTPAddrIsKeptForServe(t *testing.T) {
	for _, v := range []string{"9090", ":0", ":99999", ":http", "host:", "a b:80", "http://localhost:9090"} {
		got, err := FromEnv(env(map[string]string{"HTTP_ADDR": v, "DISCORD_TOKEN": secretToken}))
		if err != nil {
			t.Errorf("HTTP_ADDR=%q stops every command: %v", v, err)
			continue
		}
		verr := got.ValidateHTTP()
		if verr == nil || !strings.HasPrefix(verr.Error(), "HTTP_ADDR: ") || got.HTTPAddr != "" {
			t.Errorf("HTTP_ADDR=%q: ValidateHTTP() = %v, address %q; want an error naming the variable, no address", v, verr, got.HTTPAddr)
		}
		if verr != nil && strings.Contains(verr.Error(), "TOKEN-ne-doit") {
			t.Errorf("the error holds the token: %v", verr)
		}
	}
}
