# Helpers for the hostile-input tests (sourced by hostile.sh). Every run of sagelint is
# time-bounded and checked for the failures no input may cause: a hang, a crash (death by a
# signal), an internal error, or a sanitizer report.

fail() {
  echo "FAIL [$CASE]: $*" >&2
  for f in out err; do
    if [ -s "$f" ]; then
      echo "--- $f (first 20 lines):" >&2
      head -n 20 "$f" | cut -c1-400 >&2
    fi
  done
  exit 1
}

note() { echo "[$CASE] $*"; }

# sl ARGS...: runs sagelint (no configuration) with stdout in ./out and stderr in ./err, and
# sets $rc. SL_TIMEOUT bounds the run (seconds), times SL_TIMEOUT_SCALE (sanitizer builds are
# slower); SL_STDIN names a file for standard input.
sl() {
  local limit=$((${SL_TIMEOUT:-20} * ${SL_TIMEOUT_SCALE:-1}))
  local stdin=${SL_STDIN:-/dev/null}
  timeout -k 5 "$limit" "$SAGELINT" --no-config --color never "$@" <"$stdin" >out 2>err
  rc=$?
  check_run "$*"
}

check_run() {
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then fail "hang: no result in time ($1)"; fi
  if [ "$rc" -ge 128 ]; then fail "killed by signal $((rc - 128)) ($1)"; fi
  if grep -q "internal error" err; then fail "internal error ($1)"; fi
  if grep -qE "AddressSanitizer|LeakSanitizer|runtime error:" err; then fail "sanitizer report ($1)"; fi
}

expect_rc() {
  [ "$rc" -eq "$1" ] || fail "exit code $rc, expected $1"
}

# expect_out REGEX / expect_err REGEX: an extended regular expression that must match a line.
expect_out() { grep -qE -- "$1" out || fail "stdout does not match /$1/"; }
expect_err() { grep -qE -- "$1" err || fail "stderr does not match /$1/"; }
expect_no_out() { ! grep -qE -- "$1" out || fail "stdout unexpectedly matches /$1/"; }

# Output must be valid UTF-8 (it is shown in terminals, parsed as JSON, uploaded as SARIF)
# and every line short enough to read: messages quote input, they must not copy it whole.
expect_readable() {
  local f=${1:-out} max=${2:-2000}
  iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 || fail "$f is not valid UTF-8"
  if LC_ALL=C grep -q $'[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]' "$f"; then fail "$f contains raw control characters"; fi
  local longest
  longest=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$f")
  [ "$longest" -le "$max" ] || fail "$f has a line of $longest bytes (limit $max)"
}

# Text meant for people and line parsers (text, github, stderr): also no C1 control, no
# bidirectional or invisible format character, no line separator, no invalid UTF-8, and no
# line that is a GitHub workflow command unless the github format wrote it.
expect_neutral() {
  local f=${1:-out} format=${2:-text}
  expect_readable "$f" "${3:-2000}"
  if LC_ALL=C grep -qE $'\xc2[\x80-\x9f]|\xe2\x80[\x8b-\x8f\xa8-\xae]|\xe2\x81[\xa0-\xaf]|\xef\xbb\xbf' "$f"; then
    fail "$f contains a raw C1, bidirectional or invisible character"
  fi
  if [ "$format" = github ]; then
    if grep -vE '^::(error|warning|notice) file=[^,:]*,line=[0-9]+,col=[0-9]+,endLine=[0-9]+,endColumn=[0-9]+,title=SL[0-9]{3} [a-z0-9-]+::' "$f" | grep -q '^::'; then
      fail "$f has a workflow command github did not write: $(grep '^::' "$f" | head -2)"
    fi
  elif grep -q '^::' "$f"; then
    fail "$f has a line that GitHub would read as a workflow command"
  fi
}

expect_json() {
  local f=${1:-out}
  if command -v jq >/dev/null; then
    jq empty "$f" >/dev/null 2>&1 || fail "$f is not valid JSON"
  elif command -v python3 >/dev/null; then
    python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$f" || fail "$f is not valid JSON"
  fi
}

# JSON and SARIF hold long lines by design (SARIF's rule descriptors): bound their size instead.
expect_small() {
  local f=${1:-out} max=${2:-4000000} size
  size=$(wc -c <"$f")
  [ "$size" -le "$max" ] || fail "$f is $size bytes (limit $max): is input copied into the report?"
}

# One format's output: text and github line by line, json and sarif as JSON of bounded size.
# expect_format_ok FORMAT [LONGEST_TEXT_LINE] [LARGEST_JSON_REPORT]
expect_format_ok() {
  case $1 in
    json | sarif) expect_readable out 100000000; expect_json out; expect_small out "${3:-4000000}" ;;
    *) expect_readable out "${2:-2000}" ;;
  esac
}

# Every format on the same input: text, json, sarif and github all readable, JSON ones valid.
all_formats() {
  local expected=$1
  shift
  for format in text json sarif github; do
    sl --format "$format" "$@"
    expect_rc "$expected"
    expect_format_ok "$format"
  done
}

# The number of findings in text output.
findings() { grep -cE ':[0-9]+:[0-9]+: (error|warning|note): ' out || true; }

policy() {  # policy FILE STATEMENTS_JSON
  printf '{\n  "Version": "2012-10-17",\n  "Statement": %s\n}\n' "$2" >"$1"
}
