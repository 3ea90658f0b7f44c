#!/usr/bin/env bash
# Speed and memory of `ptupload parse` against libxml2's own streaming reader, on generated
# reports, then an upload to the fake PractiTest server at its rate limit. Prints tables; the
# targets are in Benchmarks/README.md.
#
#   Benchmarks/run.sh [--quick]      (--quick: 20,000 and 100,000 cases instead of 200,000 and 1,000,000)
set -euo pipefail
cd "$(dirname "$0")/.."

work=Benchmarks/work
mkdir -p "$work"
runs=${RUNS:-5}
sizes=(200000 1000000)
[ "${1:-}" = "--quick" ] && sizes=(20000 100000)

need=()
command -v xmllint >/dev/null || need+=(libxml2-utils)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

swift build -c release --product ptupload >/dev/null
swift build -c release --product fake-practitest >/dev/null
ptupload=$(swift build -c release --show-bin-path)/ptupload
fake=$(swift build -c release --show-bin-path)/fake-practitest
if [ ! "$work/generate" -nt Benchmarks/GenerateReports.swift ]; then
    swiftc -O Benchmarks/GenerateReports.swift -o "$work/generate"
    rm -f "$work"/*.xml "$work"/*.txt
fi

# best_of COMMAND...: the lowest wall time (s) and the highest peak RSS (KB) over $runs runs.
best_of() {
    local best_wall="" worst_rss=0 out wall rss
    for _ in $(seq "$runs"); do
        /usr/bin/time -o "$work/time.out" -f "%e %M" "$@" >/dev/null 2>&1 || true
        out=$(tail -n 1 "$work/time.out")
        wall=${out% *}
        rss=${out#* }
        if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then best_wall=$wall; fi
        [ "$rss" -gt "$worst_rss" ] && worst_rss=$rss
    done
    echo "$best_wall $worst_rss"
}

printf "%-22s %9s  %-26s %8s %9s %7s\n" "input" "size MB" "command" "wall s" "peak MB" "ratio"
for cases in "${sizes[@]}"; do
    file="$work/junit-$cases.xml"
    [ -f "$file" ] || "$work/generate" junit "$cases" "$file"
    size=$(awk "BEGIN{printf \"%.1f\", $(stat -c %s "$file") / 1048576}")
    read -r pt_wall pt_rss < <(best_of "$ptupload" parse "$file")
    read -r xl_wall xl_rss < <(best_of xmllint --stream --noout "$file")
    ratio=$(awk "BEGIN{printf \"%.2f\", $pt_wall / $xl_wall}")
    printf "%-22s %9s  %-26s %8s %9.1f %7s\n" "junit $cases cases" "$size" "ptupload parse" "$pt_wall" "$(awk "BEGIN{print $pt_rss/1024}")" "${ratio}x"
    printf "%-22s %9s  %-26s %8s %9.1f %7s\n" "" "" "xmllint --stream --noout" "$xl_wall" "$(awk "BEGIN{print $xl_rss/1024}")" ""
done

# TAP and swift test output: throughput against `wc -l` on the same file, and peak RSS as the
# input grows.
line_sizes=(100 300)
[ "${1:-}" = "--quick" ] && line_sizes=(20 60)
echo
printf "%-22s %9s  %-26s %8s %9s %9s\n" "input" "size MB" "command" "wall s" "peak MB" "MB/s"
for format in tap swift-test; do
    for megabytes in "${line_sizes[@]}"; do
        file="$work/$format-$megabytes.txt"
        [ -f "$file" ] || "$work/generate" "$format" "$megabytes" "$file"
        size=$(awk "BEGIN{printf \"%.1f\", $(stat -c %s "$file") / 1048576}")
        read -r pt_wall pt_rss < <(best_of "$ptupload" parse --format "$format" "$file")
        read -r wc_wall wc_rss < <(best_of wc -l "$file")
        printf "%-22s %9s  %-26s %8s %9.1f %9s\n" "$format $megabytes MB" "$size" "ptupload parse" "$pt_wall" \
            "$(awk "BEGIN{print $pt_rss/1024}")" "$(awk "BEGIN{printf \"%.0f\", $size / ($pt_wall > 0 ? $pt_wall : 0.01)}")"
        printf "%-22s %9s  %-26s %8s %9.1f %9s\n" "" "" "wc -l" "$wc_wall" "$(awk "BEGIN{print $wc_rss/1024}")" \
            "$(awk "BEGIN{printf \"%.0f\", $size / ($wc_wall > 0 ? $wc_wall : 0.01)}")"
    done
done

# An upload of 2,000 results to the fake server, both sides at 30 calls per 2 s.
upload_cases=2000
rate="30/2s"
"$work/generate" upload-junit "$upload_cases" "$work/upload.xml"
fake_out="$work/fake.out"
"$fake" --token bench-token --project-id 1 --rate-limit "$rate" --seed-set "Bench=$upload_cases" >"$fake_out" &
fake_pid=$!
trap 'kill $fake_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "^set Bench=" "$fake_out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/^listening on 127.0.0.1://p' "$fake_out")
set_id=$(sed -n 's/^set Bench=//p' "$fake_out")
rm -rf "$work/upload-state"
start=$(date +%s.%N)
PRACTITEST_TOKEN=bench-token "$ptupload" upload --quiet --api-url "http://127.0.0.1:$port" --project-id 1 \
    --set-id "$set_id" --rate-limit "$rate" --state "$work/upload-state/journal.json" "$work/upload.xml" >"$work/upload.out"
end=$(date +%s.%N)
kill -TERM $fake_pid && wait $fake_pid 2>/dev/null || true
calls=$(sed -n 's/^  \([0-9]*\) calls (\([0-9]*\) answered 429).*/\1/p' "$work/upload.out")
refused=$(sed -n 's/^  \([0-9]*\) calls (\([0-9]*\) answered 429).*/\2/p' "$work/upload.out")
pages=$(( (upload_cases + 99) / 100 ))
batches=$(( (upload_cases + 19) / 20 ))
minimum=$(( pages + batches ))
# The least time $minimum calls take at 30 per 2 s: a new window every 30 calls.
window_bound=$(( (minimum - 1) / 30 * 2 ))
wall=$(awk "BEGIN{printf \"%.2f\", $end - $start}")
echo
printf "%-34s %10s %10s %8s\n" "upload of $upload_cases results at $rate" "measured" "minimum" "ratio"
printf "%-34s %10s %10s %8s\n" "calls ($pages pages + $batches requests)" "$calls" "$minimum" "$(awk "BEGIN{printf \"%.2f\", $calls / $minimum}")x"
printf "%-34s %10s %10s %8s\n" "wall time (s)" "$wall" "$window_bound" "$(awk "BEGIN{printf \"%.2f\", $wall / $window_bound}")x"
printf "%-34s %10s %10s\n" "429 answers" "$refused" "0"
