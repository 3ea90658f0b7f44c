#!/usr/bin/env bash
# Regenerates the `swift test` console outputs under generated/ from SamplePackage/, with the
# toolchain on PATH. The tests are meant to fail, skip and crash: exit codes are ignored.
#
#   Fixtures/swift-test/regenerate.sh            # scratch builds under /tmp
#   SCRATCH=/tmp/elsewhere Fixtures/swift-test/regenerate.sh
#
# Outputs (stdout and stderr together, as a CI log has them):
#   plain.txt                  swift test
#   parallel.txt               swift test --parallel
#   verbose.txt                swift test --verbose (Swift Testing's verbose lines)
#   xunit.xml, xunit-swift-testing.xml, xunit-run.txt
#                              swift test --parallel --xunit-output (SwiftPM writes XCTest's XUnit
#                              file only in parallel runs), and the console output of that run
#   crash-xctest.txt           an XCTest test force-unwraps nil (SAMPLE_CRASH=xctest)
#   crash-xctest-parallel.txt  the same with --parallel
#   crash-swift-testing.txt    a Swift Testing test calls fatalError (SAMPLE_CRASH=swift-testing)
#   build-failure.txt          a compiler error (-DSAMPLE_BUILD_ERROR), no test runs
#   toolchain.txt              swift --version
#
# Test order and the moment of a crash vary between runs: after regenerating, update the counts in
# `GeneratedOutput.all` (Tests/TestReportsTests/SwiftTestOutputParserTests.swift).
set -u
here="$(cd "$(dirname "$0")" && pwd)"
package="$here/SamplePackage"
out="$here/generated"
scratch="${SCRATCH:-/tmp/ptu-swift-test-sample}"
mkdir -p "$out"
cd "$package"

run() { # run <output file> <command...>: the command's stdout and stderr into the file
    local file="$1"
    shift
    echo "+ $* > generated/$file" >&2
    "$@" >"$out/$file" 2>&1
}

swift --version >"$out/toolchain.txt" 2>&1
swift build --build-tests --scratch-path "$scratch" >/dev/null 2>&1 || true

run plain.txt swift test --scratch-path "$scratch"
run parallel.txt swift test --scratch-path "$scratch" --parallel
run verbose.txt swift test --scratch-path "$scratch" --verbose
rm -f "$out"/xunit*.xml
run xunit-run.txt swift test --scratch-path "$scratch" --parallel --xunit-output "$out/xunit.xml"
run crash-xctest.txt env SAMPLE_CRASH=xctest swift test --scratch-path "$scratch"
run crash-xctest-parallel.txt env SAMPLE_CRASH=xctest swift test --scratch-path "$scratch" --parallel
run crash-swift-testing.txt env SAMPLE_CRASH=swift-testing swift test --scratch-path "$scratch"
run build-failure.txt swift test --scratch-path "$scratch-broken" -Xswiftc -DSAMPLE_BUILD_ERROR

ls -l "$out" >&2
