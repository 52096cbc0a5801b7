// Package nginx runs Tether clients through a real nginx reverse proxy
// (Debian's nginx-light) to check that heartbeats keep an idle WebSocket open
// across the proxy's idle cut (proxy_read_timeout) and that, without them, the
// proxy does cut it.
//
// The tests start nginx themselves: a private prefix in a temporary directory,
// a config written there (loopback only, no daemon, every log, pid and temp
// file inside the prefix), proxying to Tether's test server. They stop it by
// its process id. When no nginx binary is found (PATH, /usr/sbin/nginx) they
// skip; CI installs nginx-light (.ci/run).
package nginx
