#!/usr/bin/env bash
# Fails when a data file's sha256 disagrees with data/SHA256SUMS or with the sha256 recorded
# for it in data/README.md, or when a data file has no recorded checksum.
set -euo pipefail
cd "$(dirname "$0")/../data"

status=0
sha256sum --check --strict --quiet SHA256SUMS || status=1

for f in *; do
    case "$f" in SHA256SUMS | README.md) continue ;; esac
    actual=$(sha256sum "$f" | cut -d' ' -f1)
    listed=$(awk -v f="$f" '$2 == f { print $1 }' SHA256SUMS)
    if [[ -z "$listed" ]]; then
        echo "data/$f: not listed in data/SHA256SUMS" >&2
        status=1
    fi
    # README.md records each file as a heading "### `FILE`" followed by a line "- sha256: `HEX`".
    documented=$(awk -v f="$f" '
        $0 == "### `" f "`" { inside = 1; next }
        /^### / { inside = 0 }
        inside && /^- sha256: / { gsub(/[`]/, "", $3); print $3; exit }
    ' README.md)
    if [[ -z "$documented" ]]; then
        echo "data/$f: no provenance entry with a sha256 in data/README.md" >&2
        status=1
    elif [[ "$documented" != "$actual" ]]; then
        echo "data/$f: sha256 $actual, data/README.md says $documented" >&2
        status=1
    fi
done
if [[ $status -eq 0 ]]; then
    echo "data checksums ok"
fi
exit $status
