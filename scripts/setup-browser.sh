#!/usr/bin/env bash
# Installs what test/browser needs, quietly and idempotently (a second run only checks):
#   - Chromium from Debian's packages (/usr/bin/chromium), which the tests drive with playwright-core;
#   - grpcwebproxy (improbable-eng/grpc-web), the gRPC-Web proxy the browser client talks through, built
#     with `go install` from the Go module proxy into $(go env GOPATH)/bin (or $GOBIN), where the tests look.
# Needs root (apt-get) and Go. Called by .ci/run before `npm test`; prints one line per tool.
set -euo pipefail

GRPCWEBPROXY_MODULE=github.com/improbable-eng/grpc-web/go/grpcwebproxy
GRPCWEBPROXY_VERSION=v0.15.0
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

# Runs a command with its output kept aside, shown only if it fails.
quietly() {
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "setup-browser: failed: $*" >&2
    exit 1
  fi
}

if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  quietly apt-get update -qq
  quietly apt-get install -y -qq --no-install-recommends chromium
fi
echo "setup-browser: $(chromium --version 2>/dev/null)"

gobin="$(go env GOBIN)"
[ -n "$gobin" ] || gobin="$(go env GOPATH | cut -d: -f1)/bin"
if [ ! -x "$gobin/grpcwebproxy" ]; then
  quietly go install "$GRPCWEBPROXY_MODULE@$GRPCWEBPROXY_VERSION"
fi
echo "setup-browser: grpcwebproxy $GRPCWEBPROXY_VERSION at $gobin/grpcwebproxy"
