# harness.sh — sourced by the shell tests: a scratch folder removed on
# exit, and pass/fail counting that ends in "NAME: N passed, N failed".
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
passes=0
ok() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
finish() {
    echo "$1: $passes passed, $fails failed"
    [ "$fails" = 0 ]
}
