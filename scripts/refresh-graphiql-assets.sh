#!/usr/bin/env bash
# Refreshes the vendored GraphiQL release files in api/assets/graphiql/vendor/ from the npm
# registry: `npm pack`s the pinned versions below into a temporary folder, copies exactly the
# files the page loads plus each package's LICENSE, and writes VERSIONS (package, version, the
# tarball's integrity, and the sha256 of every copied file, which a unit test checks against
# the embedded bytes). Needs Node/npm; the Rust build never does. Edit the pins, run, commit.
set -euo pipefail
cd "$(dirname "$0")/.."

# GraphiQL 3.x is the newest line that ships a UMD build (4 and 5 are ESM-only and need a
# bundler); React 18 is the newest React with UMD builds, and GraphiQL 3 supports it.
GRAPHIQL=3.9.0
REACT=18.3.1

# package@version  file-in-package  name-in-vendor
FILES=(
  "graphiql@$GRAPHIQL graphiql.min.js graphiql.min.js"
  "graphiql@$GRAPHIQL graphiql.min.css graphiql.min.css"
  "graphiql@$GRAPHIQL LICENSE LICENSE-graphiql.txt"
  "react@$REACT umd/react.production.min.js react.production.min.js"
  "react@$REACT LICENSE LICENSE-react.txt"
  "react-dom@$REACT umd/react-dom.production.min.js react-dom.production.min.js"
  "react-dom@$REACT LICENSE LICENSE-react-dom.txt"
)

vendor=api/assets/graphiql/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

{
  echo "# Vendored by scripts/refresh-graphiql-assets.sh from the npm registry; do not edit by hand."
  echo "# package version integrity"
} >"$work/VERSIONS"
for spec in "graphiql@$GRAPHIQL" "react@$REACT" "react-dom@$REACT"; do
  mkdir -p "$work/$spec"
  (cd "$work/$spec" && npm pack --silent "$spec" >/dev/null && tar xzf ./*.tgz)
  integrity=$(cd "$work/$spec" && npm view "$spec" dist.integrity)
  echo "package ${spec%@*} ${spec##*@} $integrity" >>"$work/VERSIONS"
done

rm -rf "$vendor"
mkdir -p "$vendor"
echo "# file sha256" >>"$work/VERSIONS"
for entry in "${FILES[@]}"; do
  read -r spec from to <<<"$entry"
  cp "$work/$spec/package/$from" "$vendor/$to"
  echo "file $to $(sha256sum "$vendor/$to" | cut -d' ' -f1)" >>"$work/VERSIONS"
done
cp "$work/VERSIONS" "$vendor/VERSIONS"
echo "refreshed $vendor:"
cat "$vendor/VERSIONS"
