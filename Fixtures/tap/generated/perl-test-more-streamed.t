use strict; use warnings;
use Test::More;
ok(1, 'first passes');
is(2 + 2, 5, 'arithmetic is wrong');
subtest 'streamed subtest' => sub {
    plan tests => 2;
    ok(1, 'inner one');
    subtest 'deeper' => sub { ok(1, 'deepest'); done_testing; };
};
TODO: {
    local $TODO = 'not implemented';
    ok(0, 'future feature');
}
SKIP: {
    skip 'no network', 1;
    ok(1, 'network call');
}
done_testing;
