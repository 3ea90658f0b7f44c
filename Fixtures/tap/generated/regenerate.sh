#!/bin/sh
# Regenerates the TAP fixtures of this folder with the producers installed here: node's test runner
# (node 20), Perl's Test::More (streamed subtests) and Test2 (buffered subtests). Their exit status
# is not checked: the scripts have failing tests on purpose. Diagnostics go to the same file, as in
# a CI log. Durations and node's absolute paths change from run to run.
set -u
cd "$(dirname "$0")"
node --test --test-reporter=tap node-test-runner.test.mjs > node-test-runner.tap
perl perl-test-more-streamed.t > perl-test-more-streamed.tap 2>&1
perl perl-test2-buffered.t > perl-test2-buffered.tap 2>&1
exit 0
