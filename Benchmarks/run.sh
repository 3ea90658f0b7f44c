#!/usr/bin/env bash
# Speed and memory of `ptupload parse` against libxml2's own streaming reader, on generated
# reports. Prints a table; the targets are in Benchmarks/README.md.
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
ptupload=$(swift build -c release --show-bin-path)/ptupload
[ "$work/generate" -nt Benchmarks/GenerateReports.swift ] || swiftc -O Benchmarks/GenerateReports.swift -o "$work/generate"

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
