#!/bin/sh
# Print the real EDGAR HTML renderings behind sample_filings/*.chromium.pdf with headless Chromium.
#
# The HTML files are not kept in the repository. Fetch them byte for byte from
# dgunning/edgartools @ 7838e07f0a9cf256db5949d161f41dc4b11355be into HTML_DIR first:
#   data/ownership/374WaterForm4.html  -> scwo-melkote-2025-04-30.chromium.pdf
#   data/ownership/form3.snow.html     -> snow-garrett-2020-09-15.chromium.pdf
#   data/ownership/form5.snow.html     -> snow-mcmahon-2022-01-31.chromium.pdf
# and from dgunning/edgartools @ 9a9e4a7bdb56f2e086f15ccaa4e9e11e663a4b80:
#   data/form4.Evans.html              -> evbn-sullivan-2023-01-24.chromium.pdf (its XML is not stored anywhere)
#
# Usage: scripts/print_sample_pdfs.sh HTML_DIR
# Needs Debian's `chromium` package (used: 156.0.8078.79-1~deb12u1). No network is used.
set -eu
html_dir=$(cd "$1" && pwd)
out_dir=$(cd "$(dirname "$0")/../sample_filings" && pwd)

print() {
    profile=$(mktemp -d)
    chromium --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --print-to-pdf="$out_dir/$2" --no-pdf-header-footer \
        "file://$html_dir/$1"
    rm -rf "$profile"
}

print 374WaterForm4.html scwo-melkote-2025-04-30.chromium.pdf
print form3.snow.html    snow-garrett-2020-09-15.chromium.pdf
print form5.snow.html    snow-mcmahon-2022-01-31.chromium.pdf
print form4.Evans.html   evbn-sullivan-2023-01-24.chromium.pdf
