#!/usr/bin/env bash
# Builds the three docs sites in sites/ with the real generators (versions pinned in
# setup.sh and sites/docusaurus/package-lock.json) into target/sites/NAME/, each with the
# builder as a docs author adds it: dist/embed/ copied into mdBook's and MkDocs' source
# folders, the npm package (pkg/) into the Docusaurus site's node_modules. Run after
# build.sh; tests/e2e/sites.test.mjs serves what this writes.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$IPB_ROOT"
ipb_ensure_site_generators
[ -e dist/embed/widget.js ] && [ -e pkg/react.js ] || { echo "build-sites.sh: run scripts/build.sh first" >&2; exit 1; }

out="$IPB_ROOT/target/sites"
work="$out/.sources"
rm -rf "$out"
mkdir -p "$work"

ipb_log "mdBook $MDBOOK_VERSION"
cp -r sites/mdbook "$work/mdbook"
cp -r dist/embed "$work/mdbook/src/iam-policy-builder"
mdbook build "$work/mdbook" --dest-dir "$out/mdbook" >/dev/null

ipb_log "MkDocs with Material (${MKDOCS_PACKAGES[*]})"
cp -r sites/mkdocs "$work/mkdocs"
cp -r dist/embed "$work/mkdocs/docs/iam-policy-builder"
NO_MKDOCS_2_WARNING=1 "$IPB_MKDOCS" build --quiet --strict --config-file "$work/mkdocs/mkdocs.yml" --site-dir "$out/mkdocs"

ipb_log "Docusaurus ($(node -p "require('./sites/docusaurus/node_modules/@docusaurus/core/package.json').version"))"
rm -rf sites/docusaurus/node_modules/iam-policy-builder
cp -r pkg sites/docusaurus/node_modules/iam-policy-builder
# webpack's cache takes a package in node_modules to be unchanged while its version is:
# with the package copied in anew, a cached build would bundle the previous one.
rm -rf sites/docusaurus/node_modules/.cache sites/docusaurus/.docusaurus
(cd sites/docusaurus && DOCUSAURUS_TELEMETRY_DISABLED=1 node_modules/.bin/docusaurus build --out-dir "$out/docusaurus" >/dev/null)
ipb_log "sites built in target/sites/"
