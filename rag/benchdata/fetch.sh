#!/usr/bin/env bash
# Builds the French retrieval benchmark and the large French corpus from
# Debian documentation packages. See README.md beside this file.
#
#   bash rag/benchdata/fetch.sh            # writes rag/benchdata/out/
#   BENCHDATA_OUT=/tmp/bd bash rag/benchdata/fetch.sh
#
# Idempotent: downloaded .deb files and their unpacked content are kept
# under out/cache/ and reused; pairs.jsonl, corpus/ and large/ are
# rewritten from them on every run.
set -euo pipefail

start=$(date +%s)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${BENCHDATA_OUT:-$here/out}
cache=$out/cache

# Documentation packages (architecture "all"). They are downloaded and
# unpacked, not installed: installing libreoffice-help-fr would pull in
# all of LibreOffice (about 320 packages).
packages=(
	libreoffice-help-fr     # ~2,560 HTML help pages: the retrieval pairs
	gimp-help-fr            # ~680 HTML pages (DocBook): more pairs
	manpages-fr             # French man pages (sections 1, 4–8)
	manpages-fr-dev         # French man pages (sections 2, 3)
	debian-reference-fr     # Debian Reference, HTML
	debian-faq-fr           # Debian FAQ, HTML
	developers-reference-fr # Debian Developer's Reference, HTML (Sphinx)
	maint-guide-fr          # Debian New Maintainers' Guide, HTML
	debian-edu-doc-fr       # Debian Edu manual, HTML
)

sudo=()
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || { echo "fetch.sh: run as root or install sudo" >&2; exit 1; }
	sudo=(sudo)
fi
updated=no
apt_update() {
	if [ "$updated" = no ]; then
		echo "apt-get update"
		"${sudo[@]}" apt-get update -qq
		updated=yes
	fi
}

# Tools: mandoc renders man pages to HTML; go builds the extractor.
if ! command -v mandoc >/dev/null; then
	apt_update
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mandoc
fi
command -v go >/dev/null || { echo "fetch.sh: go is required" >&2; exit 1; }

# Download the .deb files that are not in the cache yet.
mkdir -p "$cache/debs" "$cache/root"
deb_of() { find "$cache/debs" -maxdepth 1 -name "${1}_*.deb" | sort -V | tail -n 1; }
missing=()
for p in "${packages[@]}"; do
	[ -n "$(deb_of "$p")" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	download() {
		# as root, apt's sandbox user cannot write here: download as root
		(cd "$cache/debs" && apt-get download -q -o APT::Sandbox::User="$(id -un)" "${missing[@]}")
	}
	if ! apt-cache show "${missing[@]}" >/dev/null 2>&1 || ! download; then
		apt_update
		download
	fi
fi

# Unpack each package once, leaving out images and other binary files.
for p in "${packages[@]}"; do
	deb=$(deb_of "$p")
	stamp="$cache/root/.unpacked-$(basename "$deb")"
	[ -e "$stamp" ] && continue
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$cache/root" \
		--exclude='*.png' --exclude='*.jpg' --exclude='*.svg' --exclude='*.gif' \
		--exclude='*.pdf' --exclude='*.epub' --exclude='*.woff' --exclude='*.woff2' \
		--exclude='*.ods' --exclude='*.js'
	touch "$stamp"
done

# Build and run the extractor (standard library + golang.org/x/net/html).
(cd "$repo" && go build -o "$cache/extract" ./rag/benchdata/extract)
"$cache/extract" -root "$cache/root" -out "$out"

echo "output: $out (pairs.jsonl, pairs_meta.tsv, corpus/, large/)"
echo "took $(($(date +%s) - start)) s"
