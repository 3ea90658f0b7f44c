use strict; use warnings;
use Test::More;
use Test2::API qw/run_subtest context/;
ok(1, 'before');
run_subtest('buffered subtest', sub {
    ok(1, 'inner pass');
    ok(0, 'inner fail');
    done_testing;
}, {buffered => 1});
run_subtest('buffered nested', sub {
    run_subtest('child', sub { ok(1, 'grandchild'); done_testing; }, {buffered => 1});
    done_testing;
}, {buffered => 1});
done_testing;
