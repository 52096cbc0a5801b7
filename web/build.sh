#!/bin/sh
# Builds web/dist/: tether.wasm (the Go client, GOOS=js GOARCH=wasm), Go's
# wasm_exec.js (copied from this Go installation, never committed) and the ES
# module. Fails if net/http reaches the wasm build. Prints raw and gzip sizes.
# npm pack runs it (prepack): the package's dist/ is always built, never committed.
set -eu
cd "$(dirname "$0")"
dist=dist
mkdir -p "$dist"

if GOOS=js GOARCH=wasm go list -deps ../wasm | grep -qx 'net/http'; then
	echo "build.sh: net/http is linked into the wasm build (go list -deps ./wasm)" >&2
	exit 1
fi

# tether_small: the shim exposes no logger and no Go codec, so log/slog and
# encoding/json (with fmt and reflect) stay out of the binary.
GOOS=js GOARCH=wasm go build -tags tether_small -trimpath -ldflags='-s -w' -o "$dist/tether.wasm.tmp" ../wasm
mv "$dist/tether.wasm.tmp" "$dist/tether.wasm"
cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" "$dist/wasm_exec.js"
cp src/*.js "$dist/"

raw=$(wc -c < "$dist/tether.wasm")
gz=$(gzip -9 -c "$dist/tether.wasm" | wc -c)
printf 'dist/tether.wasm  %8d bytes raw  %8d bytes gzip -9\n' "$raw" "$gz"
