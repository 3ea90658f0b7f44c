#!/usr/bin/env bash
# Fuzzes each parser with libFuzzer (swiftc -sanitize=fuzzer,address), seeded from Fixtures/.
#
#   Fuzz/run.sh [SECONDS]     (default 60 seconds per parser)
#
# A crash leaves its input in Fuzz/work/<parser>/crash-*: turn it into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
work=Fuzz/work
mkdir -p "$work"

declare -A seeds=(
    [junit]="Fixtures/junit"
    [tap]="Fixtures/tap"
    [swift-test]="Fixtures/swift-test/generated Fixtures/swift-test/peer"
)
declare -A flags=([junit]=FUZZ_JUNIT [tap]=FUZZ_TAP [swift-test]=FUZZ_SWIFT_TEST)

printf "%-11s %12s %10s %8s\n" "parser" "executions" "seconds" "crashes"
for parser in junit tap swift-test; do
    binary="$work/fuzz-$parser"
    swiftc -O -sanitize=fuzzer,address -parse-as-library -D "${flags[$parser]}" -module-name Fuzz \
        -I Sources/CLibXML2 $(pkg-config --cflags-only-I libxml-2.0 | sed 's/-I/-Xcc -I/g') -lxml2 \
        Sources/TestReports/*.swift Fuzz/FuzzTarget.swift -o "$binary" 2>"$work/build-$parser.log"
    corpus="$work/$parser/corpus"
    mkdir -p "$corpus"
    # Seeds: the fixtures, cut to 64 KiB each so that mutations stay fast.
    find ${seeds[$parser]} -type f \( -name '*.xml' -o -name '*.tap' -o -name '*.txt' \) | while read -r file; do
        head -c 65536 "$file" >"$corpus/$(basename "$file")"
    done
    log="$work/$parser.log"
    (cd "$work/$parser" && "../fuzz-$parser" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -rss_limit_mb=1024 corpus >"../$parser.log" 2>&1) || true
    # "Done N runs" when the time ran out; the last "#N" status line when a crash stopped it.
    executions=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' || true)
    [ -n "$executions" ] || executions=$(grep -o '^#[0-9]*' "$log" | tail -n 1 | tr -d '#')
    crashes=$(ls "$work/$parser" | grep -c '^crash-\|^timeout-\|^oom-' || true)
    printf "%-11s %12s %10s %8s\n" "$parser" "$executions" "$seconds" "$crashes"
done
