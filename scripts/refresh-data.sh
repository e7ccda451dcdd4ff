#!/usr/bin/env bash
# Re-fetch the public suffix list (and its official test vectors) from the newest
# `publicsuffixlist` package on PyPI, then rewrite data/SHA256SUMS.
# The approved-TLD, unapproved-TLD and platform lists are edited by hand; after editing them,
# run this script with --checksums-only and update their entries in data/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" != "--checksums-only" ]]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    python3 -m pip download --quiet --no-deps publicsuffixlist -d "$tmp"
    wheel=$(ls "$tmp"/publicsuffixlist-*.whl)
    (cd "$tmp" && python3 -m zipfile -e "$wheel" x)
    cp "$tmp/x/publicsuffixlist/public_suffix_list.dat" data/public_suffix_list.dat
    cp "$tmp/x/publicsuffixlist/test_psl.txt" data/psl_test_vectors.txt
    echo "package:  $(basename "$wheel")"
    grep -m2 -E '^// (VERSION|COMMIT):' data/public_suffix_list.dat
    echo "update data/README.md (version, date, sha256) and SHIPPED_PSL_VERSION in src/domain/rules.rs"
fi

(cd data && sha256sum approved-tlds.txt platforms.txt psl_test_vectors.txt \
    public_suffix_list.dat unapproved-tlds.txt > SHA256SUMS)
cat data/SHA256SUMS
