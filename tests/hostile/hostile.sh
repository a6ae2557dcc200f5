#!/usr/bin/env bash
# Hostile input, one CTest per case: hostile.sh CASE SAGELINT WORKDIR SOURCE_DIR
# Inputs are generated into WORKDIR at test time (never committed: some are 100 MB). Each case
# asserts the exit code, the message, readable output, and no partial output file.
set -uo pipefail
CASE=$1 SAGELINT=$2 WORK=$3 SRC=$4
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
chmod -R u+rwx "$WORK" 2>/dev/null
rm -rf "$WORK"
mkdir -p "$WORK" && cd "$WORK" || exit 1
export LC_ALL=C.UTF-8
T=$((20 * ${SL_TIMEOUT_SCALE:-1}))  # bound of a direct run (sl() has its own)

OK_STATEMENT='[{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}]'

case_deep_nesting() {
  # Under a Statement key: JSON with no policy word at all is skipped unparsed (see case_not_iam).
  awk 'BEGIN { printf "{\"Statement\":"; for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; print "}" }' >arrays.json
  awk 'BEGIN { printf "{\"Statement\":"; for (i = 0; i < 100000; i++) printf "{\"a\":"; printf "1"; for (i = 0; i < 100000; i++) printf "}"; print "}" }' >objects.json
  # Unclosed, inside a real statement's Condition: the error must not wait for the end of file.
  awk 'BEGIN { printf "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":"; for (i = 0; i < 100000; i++) printf "{\"k\":"; print "" }' >unclosed.json
  for f in arrays objects unclosed; do
    sl "$f.json"
    expect_rc 1
    expect_out "^$f.json:1:[0-9]+: error: nesting deeper than 256 levels \[SL001 invalid-json\]"
    expect_readable
  done
  # Deep YAML, flow and block style, in a CloudFormation template.
  { printf 'AWSTemplateFormatVersion: "2010-09-09"\nResources: '; awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; print "" }'; } >flow.yaml
  { printf 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n'; awk 'BEGIN { for (i = 0; i < 2000; i++) printf "%*sk%d:\n", 2 * i + 2, "", i }'; } >block.yaml
  for f in flow block; do
    sl "$f.yaml"
    expect_rc 1
    expect_out "^$f.yaml:[0-9]+:[0-9]+: error: .*nested deeper than 256 levels"
  done
  # Deep TOML in the configuration is a configuration error (exit 2) naming the file.
  awk 'BEGIN { printf "x = "; for (i = 0; i < 100000; i++) printf "["; print "" }' >deep.toml
  policy ok.json "$OK_STATEMENT"
  timeout $T "$SAGELINT" --config deep.toml ok.json >out 2>err
  rc=$?
  check_run "--config deep.toml"
  expect_rc 2
  expect_err "deep.toml:1:[0-9]+: .*nested value depth"
}

case_huge_file() {
  local mb=100
  # 100 MB of line breaks before a policy without Version: a position past 2^26 lines is right.
  { head -c $((mb * 1000000)) /dev/zero | tr '\0' '\n'; printf '{"Statement": %s}\n' "$OK_STATEMENT"; } >lines.json
  SL_TIMEOUT=60 sl lines.json
  expect_rc 1
  expect_out "^lines.json:$((mb * 1000000 + 1)):1: warning: .*\[SL00[0-9] missing-version\]"
  # A 100 MB string value (a condition value) in a statement with a finding (a duplicate key):
  # the finding is reported, and neither findings nor messages copy the string.
  { printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
    "Condition": {"StringEquals": {"aws:PrincipalTag/team": "'; head -c $((mb * 1000000)) /dev/zero | tr '\0' 'A';
    printf '"}}, "Resource": "*"}]}\n'; } >string.json
  for format in text json; do
    SL_TIMEOUT=60 sl --format $format string.json
    expect_rc 1
    expect_format_ok $format
  done
  expect_out '"ruleName":"duplicate-key"'
  # 100 MB of unquoted text with no policy word: skipped before parsing.
  head -c $((mb * 1000000)) /dev/zero | tr '\0' 'x' >garbage.json
  SL_TIMEOUT=60 sl garbage.json
  expect_rc 0
  expect_err "^sagelint: warning: garbage.json: skipped: not IAM"
  # The same with a Statement key at its end: an error that quotes only the start of it.
  printf '\n"Statement": []\n' >>garbage.json
  SL_TIMEOUT=60 sl garbage.json
  expect_rc 1
  expect_out "^garbage.json:1:1: error: .*'x{10,80}\.\.\.'.*\[SL001 invalid-json\]"
  expect_readable
  # The same through standard input.
  SL_TIMEOUT=60 SL_STDIN=garbage.json sl --stdin-filename piped.json -
  expect_rc 1
  expect_out "^piped.json:1:1: error: .*\[SL001 invalid-json\]"
  # Over the 1 GiB limit (a sparse file: no disk used): refused with a message, exit 2, and the
  # other files are still linted.
  truncate -s 2G sparse.json
  policy ok.json "$OK_STATEMENT"
  sl sparse.json ok.json
  expect_rc 2
  expect_err "sparse.json: larger than 1 GiB"
  expect_err "1 file checked"
}

case_invalid_utf8() {
  printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get\xff\xfeObject","Resource":"*"}]}\n' >value.json
  printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Act\xc3\x28ion":"s3:GetObject","Resource":"*"}]}\n' >key.json
  printf '{"Version":"2012-10-17",\xff"Statement":[]}\n' >between.json
  printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get\xed\xa0\x80Object","Resource":"*"}]}\n' >surrogate.json
  printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:\xc0\xafObject","Resource":"*"}]}\n' >overlong.json
  printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject\xe2\x82' >truncated.json
  printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":s3:Get\xffObject,"Resource":"*"}]}\n' >unquoted.json
  printf '\xef\xbb\xbf\xef\xbb\xbf{"Version":"2012-10-17","Statement":[]}\n' >double-bom.json
  printf '\xff\xfe{\x00"\x00V\x00' >utf16.json
  for f in value key between surrogate overlong truncated; do
    sl "$f.json"
    expect_rc 1
    expect_out "^$f.json:1:[0-9]+: error: .*invalid UTF-8.*\[SL001 invalid-json\]"
  done
  for f in value key between surrogate overlong truncated unquoted double-bom utf16; do
    all_formats 1 "$f.json"
  done
}

case_nul_bytes() {
  printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get\0Object","Resource":"*"}]}\n' >in-string.json
  printf '\0\0\0{"Statement":[]}' >leading.json
  printf '{"Version":"2012-10-17","Statement":[]}\0' >trailing.json
  { head -c 1000000 /dev/zero; printf '{"Statement":[]}'; } >zeros.json
  for f in in-string leading trailing zeros; do
    sl "$f.json"
    expect_rc 1
    expect_out "^$f.json:1:[0-9]+: error: .*NUL byte.*\[SL001 invalid-json\]"
    all_formats 1 "$f.json"
  done
}

case_binary_files() {
  # Each ends with a Statement key, so the parser reads it (case_not_iam: binary files without).
  { cat "$SAGELINT"; printf '\n"Statement": []\n'; } >elf.json
  { gzip -n -c "$SRC/fixtures/seeds/000-s3-policy.json"; printf '\n"Statement": []\n'; } >gzip.json
  awk 'BEGIN { srand(42); for (i = 0; i < 200000; i++) printf "%c", int(rand() * 256); printf "\n\"Statement\": []\n" }' >random.json
  printf '\x7fELF"Statement": []' >del.json
  for f in elf gzip random del; do
    sl "$f.json"
    expect_rc 1
    expect_out "^$f.json:1:[0-9]+: error: .*\[SL001 invalid-json\]"
    all_formats 1 "$f.json"
  done
  # Binary files found by a directory walk are linted like any other *.json, one finding each.
  mkdir tree && cp elf.json gzip.json random.json tree/
  sl tree
  expect_rc 1
  [ "$(findings)" -eq 3 ] || fail "expected 3 findings for 3 binary files, got $(findings)"
}

case_numbers() {
  cat >numbers.json <<'EOF'
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::bucket",
      "Condition": {
        "NumericLessThan": {"s3:max-keys": 1e999999},
        "NumericGreaterThan": {"aws:MultiFactorAuthAge": -1e-999999},
        "NumericEquals": {"s3:signatureAge": [123456789012345678901234567890123456789, -0, 0.0e-0, 1E+400]},
        "DateGreaterThan": {"aws:CurrentTime": 99999999999999999999999},
        "DateLessThan": {"aws:EpochTime": -99999999999999999999999}
      }
    }
  ]
}
EOF
  for format in text json sarif; do
    sl --format $format numbers.json
    [ "$rc" -le 1 ] || fail "exit code $rc"
    expect_format_ok $format
  done
  echo '1e999999' >root-number.json
  sl root-number.json
  expect_rc 0
  expect_err "^sagelint: warning: root-number.json: skipped: not IAM"
  echo '[1e999999, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]' >root-array.json
  sl root-array.json
  expect_rc 1
  expect_out "^root-array.json:1:1: error: .*\[SL003 invalid-root\]"
  echo '{"Version": 1e400, "Statement": []}' >version.json
  sl version.json
  expect_rc 1
  expect_out "^version.json:1:13: error: .*found number.*invalid-version"
  printf '[lint]\nfail-on = 99999999999999999999999\n' >big-int.toml
  policy ok.json "$OK_STATEMENT"
  timeout $T "$SAGELINT" --config big-int.toml ok.json >out 2>err
  rc=$?
  check_run "--config big-int.toml"
  expect_rc 2
  expect_err "big-int.toml:2:"
}

case_long_strings() {
  local n=20000000
  awk -v n=$n 'BEGIN { printf "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:"; for (i = 0; i < n / 100; i++) printf "%0100d", 0; print "\",\"Resource\":\"*\"}]}" }' >action.json
  awk -v n=$n 'BEGIN { printf "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\""; for (i = 0; i < n / 100; i++) printf "%0100d", 0; print "\":1,\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}" }' >key.json
  awk -v n=$n 'BEGIN { printf "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/"; for (i = 0; i < n / 100; i++) printf "%0100d", 0; print "\":\"x\"}}}]}" }' >condition-key.json
  for f in action key condition-key; do
    for format in text json sarif github; do
      sl --format $format "$f.json"
      [ "$rc" -le 1 ] || fail "exit code $rc ($f, $format)"
      # A JSON pointer names a key whole (RFC 6901): one finding under a 20 MB key may carry it.
      expect_format_ok $format 5000 $((2 * n + 1000000))
    done
  done
  sl key.json
  expect_rc 1
  expect_out "^key.json:1:[0-9]+: error: .*'0{10,80}\.\.\.'"
  # 20 MB of escapes: every one unescapes, nothing is quadratic.
  awk -v n=$n 'BEGIN { printf "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\""; for (i = 0; i < n / 60; i++) printf "\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"; print "\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}" }' >escapes.json
  sl escapes.json
  [ "$rc" -le 1 ] || fail "exit code $rc (escapes)"
  expect_readable out 5000
}

# Apart from case_long_strings: ARN matching is the likeliest place for work that grows with
# the product of two lengths.
case_long_resource() {
  local n=20000000
  awk -v n=$n 'BEGIN { printf "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::"; for (i = 0; i < n / 100; i++) printf "%0100d", 0; print "\"}]}" }' >resource.json
  awk -v n=$n 'BEGIN { printf "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sagemaker:DescribeTrainingJob\",\"Resource\":\"arn:aws:sagemaker:us-east-1:123456789012:training-job/"; for (i = 0; i < n / 100; i++) printf "%0100d", 0; print "*\"}]}" }' >wildcard.json
  for f in resource wildcard; do
    for format in text json; do
      sl --format $format "$f.json"
      [ "$rc" -le 1 ] || fail "exit code $rc ($f, $format)"
      expect_format_ok $format 5000
    done
  done
}

case_many_statements() {
  # 100k statements, each one fine apart from sharing a Sid with all the others: 99,999 findings.
  awk 'BEGIN { printf "{\"Version\":\"2012-10-17\",\"Statement\":["; for (i = 0; i < 100000; i++) printf "%s{\"Sid\":\"Same\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/%d\"}", (i ? "," : ""), i; print "]}" }' >dup-sids.json
  SL_TIMEOUT=60 sl --select duplicate-sid dup-sids.json
  expect_rc 1
  [ "$(findings)" -eq 99999 ] || fail "expected 99999 duplicate-sid findings, got $(findings)"
  expect_out "^dup-sids.json:1:[0-9]{7,}: error: duplicate Sid 'Same'"
  # All rules, 100k distinct statements over 100k lines; and 100k actions in one statement.
  awk 'BEGIN { print "{\"Version\":\"2012-10-17\",\"Statement\":["; for (i = 0; i < 100000; i++) printf "%s{\"Sid\":\"S%d\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"sagemaker:DescribeTrainingJob\"],\"Resource\":\"arn:aws:s3:::bucket-%d/*\"}\n", (i ? "," : ""), i, i; print "]}" }' >statements.json
  SL_TIMEOUT=60 sl --format sarif statements.json
  [ "$rc" -le 1 ] || fail "exit code $rc (statements)"
  expect_json out
  awk 'BEGIN { printf "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\",\"Action\":["; for (i = 0; i < 100000; i++) printf "%s\"s3:GetObject%d\"", (i ? "," : ""), i; print "]}]}" }' >actions.json
  SL_TIMEOUT=60 sl actions.json
  [ "$rc" -le 1 ] || fail "exit code $rc (actions)"
  expect_readable
}

case_many_roles() {
  # 500 SageMaker execution roles in one template, each allowed to pass any role and start training
  # jobs, each with 400 statements of its own and models of its own to delete: every role may pass
  # the 499 others, and each may do something the others may not. SL503 once compiled the passed
  # role's policies for each of the 250,000 pairs (49 s of CPU with half as many statements per
  # role); with one Subject per role and the search stopped at the three roles a finding names, it
  # takes seconds. The generous bound catches a return of the quadratic path, not a timing.
  awk 'BEGIN {
    printf "{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Resources\":{"
    for (i = 0; i < 500; i++) {
      printf "%s\n\"Role%d\":{\"Type\":\"AWS::IAM::Role\",\"Properties\":{\"RoleName\":\"exec-%d\",", (i ? "," : ""), i, i
      printf "\"AssumeRolePolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sagemaker.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]},"
      printf "\"Policies\":[{\"PolicyName\":\"run\",\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":["
      printf "{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\"},"
      printf "{\"Effect\":\"Allow\",\"Action\":\"sagemaker:CreateTrainingJob\",\"Resource\":\"*\"},"
      for (j = 0; j < 400; j++) printf "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::data-%d-%d/*\"},", i, j
      printf "{\"Effect\":\"Allow\",\"Action\":\"sagemaker:DeleteModel\",\"Resource\":\"arn:aws:sagemaker:*:*:model/team-%d-*\"}]}}]}}", i
    }
    print "}}" }' >roles.json
  SL_TIMEOUT=60 sl --select sagemaker-passrole-code-execution roles.json
  expect_rc 1
  [ "$(findings)" -eq 500 ] || fail "expected 500 findings (one per role), got $(findings)"
  # Each names the first three roles of the file it may pass that may do more than itself.
  expect_out "^roles.json:2:[0-9]+: warning: role 'exec-0' can pass roles it does not name .* among them role 'exec-1' .* role 'exec-2' .* role 'exec-3' defined in the same file"
  expect_out "^roles.json:3:[0-9]+: warning: role 'exec-1' can pass .* among them role 'exec-0' "
  expect_readable
}

case_symlink_loops() {
  mkdir -p tree/sub
  policy tree/ok.json "$OK_STATEMENT"
  policy tree/sub/ok.json "$OK_STATEMENT"
  ln -s . tree/self
  ln -s .. tree/sub/up
  ln -s loop-b.json tree/loop-a.json
  ln -s loop-a.json tree/loop-b.json
  ln -s missing.json tree/dangling.json
  sl tree
  expect_rc 0
  expect_err "directory loop"
  expect_err "loop-a.json: symbolic link loop, not followed"
  expect_err "2 files checked"
  # Named on the command line, a link loop is an error (exit 2); the rest is still linted.
  sl tree/loop-a.json tree/ok.json
  expect_rc 2
  expect_err "tree/loop-a.json: broken symbolic link or link loop"
  expect_err "1 file checked"
}

# The trust boundary: links in a linted tree that lead out of it are not followed, only regular
# files are read, and a quoted token says when it is cut.
case_trust_boundary() {
  local secret=AKIAFAKESECRETZZTOKEN0123456789abcdefSECRET
  mkdir -p outside tree/sub
  # With a policy key after it, so that it is parsed (a file with no policy word is skipped unread).
  printf '%s\n"Statement": []\n' "$secret" >outside/credentials.json
  policy tree/ok.json "$OK_STATEMENT"
  ln -s ../outside/credentials.json tree/leak.json
  ln -s ../outside tree/outdir
  ln -s "$WORK/outside/credentials.json" tree/sub/abs.json
  ln -s ../ok.json tree/sub/inside.json  # inside the tree: followed
  ln -s /proc/self/environ tree/environ.json
  mkfifo tree/pipe.json
  for format in text json sarif github; do
    sl --format $format tree
    expect_rc 0
    expect_format_ok $format
    ! grep -q SECRET out err || fail "secret bytes in the output ($format)"
  done
  expect_err "tree/leak.json: symbolic link to outside 'tree', not followed \(--follow-symlinks follows it\)"
  expect_err "tree/outdir: symbolic link to outside 'tree', not followed"
  expect_err "tree/sub/abs.json: symbolic link to outside 'tree', not followed"
  expect_err "tree/environ.json: symbolic link to outside"
  sl tree
  expect_err "2 files checked"
  # Named one by one through links that leave the current directory: errors, exit 2.
  (cd tree && timeout $T "$SAGELINT" --no-config --color never leak.json sub/abs.json outdir/credentials.json ok.json) >out 2>err
  rc=$?
  check_run "links named on the command line"
  expect_rc 2
  expect_err "^sagelint: error: leak.json: symbolic link to outside the current directory"
  expect_err "^sagelint: error: outdir/credentials.json: symbolic link to outside the current directory"
  expect_err "1 file checked"
  ! grep -q SECRET out err || fail "secret bytes in the output (named links)"
  # Opting in follows them, and the quoted token says it is cut.
  sl --follow-symlinks tree
  expect_rc 2  # /proc/self/environ is refused even then
  expect_err "tree/environ.json: a file of the kernel's /proc or /sys, not a regular file"
  expect_out "^tree/leak.json:1:1: error: unquoted text 'AKIAFAKESECRET[^']{20,30}\.\.\.' \(truncated: 40 of 43 characters\)"
  # Not regular files, also when named: refused at once (no hang on a FIFO without writer).
  sl tree/pipe.json /dev/null /proc/version
  expect_rc 2
  expect_err "tree/pipe.json: is a named pipe \(FIFO\), not a regular file"
  expect_err "/dev/null: not a regular file"
  expect_err "/proc/version: a file of the kernel's /proc or /sys"
  if [ -r /proc/kmsg ] && [ "$(id -u)" = 0 ]; then
    sl /proc/kmsg
    expect_rc 2
  fi
}

# Forged output: values and file names with escape sequences, line breaks, workflow commands
# and bidirectional overrides reach text, github and stderr as visible escapes only.
case_forged_output() {
  mkdir tree
  local evil='s3:Get\u001b]0;pwned\u0007\u001b[2J\n::error file=x.json,line=1::forged\r\n::stop-commands::tok\u202eObject\u0085\u2066'
  printf '{"Version":"2012-10-17","Statement":[{"Sid":"A\\u200bB","Effect":"Allow","Action":"%s","Resource":"*"}]}\n' "$evil" >tree/values.json
  printf '{"Version":"2012-10-17","Statement":[]}\n' >"tree/$(printf 'name\nx.json:1:1: error: forged [SL001 invalid-json]\n::error::forged\e[31m\xe2\x80\xae.json')"
  printf '{"Version":"2012-10-17","Statement":[]}\n' >"tree/::warning::forged.json"
  printf 'not json \e[2J\xc2\x9b\n"Statement": []\n' >"tree/$(printf 'bad\x7f\xff.json')"  # a key: parsed, invalid
  for format in text github json sarif; do
    sl --format $format tree
    expect_rc 1
    case $format in
      text | github) expect_neutral out $format ;;
      *) expect_format_ok $format ;;
    esac
    expect_neutral err text
  done
  sl --format text tree
  expect_out "^tree/name\\\\nx.json:1:1: error: forged \[SL001 invalid-json\]\\\\n::error::forged\\\\u001B\[31m\\\\u202E.json:1:"
  expect_out "'s3:Get\\\\u001B\]0;pwned\\\\u0007\\\\u001B\[2J\\\\n::error file=x.json,line=1::forged\\\\r\\\\n::stop-commands::tok\\\\u202E\.\.\.' \(truncated"
  expect_out "Sid 'A\\\\u200BB' contains the non-ASCII character '\\\\u200B'"
  expect_out "^tree/bad\\\\u007F\\\\xFF.json:1:"
  # Named from inside the tree, a name that starts with "::" begins the line: its first ':' is escaped.
  (cd tree && timeout $T "$SAGELINT" --no-config --color never ::warning::forged.json) >out 2>err
  rc=$?
  check_run "file name starting with ::"
  expect_rc 1
  expect_neutral out text
  expect_out "^\\\\u003A:warning::forged.json:1:37: warning:"
  # Names in errors on stderr, also for the github format.
  sl --format github "$(printf 'missing\n::error::forged\e[2J.json')"
  expect_rc 2
  expect_neutral err text
  expect_err "^sagelint: error: missing\\\\n::error::forged\\\\u001B\[2J.json: no such file or directory"
}

# Amplification: Fn::Join writes its delimiter between every pair of items and Fn::Sub repeats a
# variable at each ${Name}. Before the rendering budget an 80 KB template asked for 800 MB.
case_amplification() {
  # 40 KB delimiter x 20,000 empty items: 800 MB if rendered.
  awk -v d="$(head -c 40000 /dev/zero | tr '\0' x)" 'BEGIN { printf "{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Resources\":{\"P\":{\"Type\":\"AWS::IAM::ManagedPolicy\",\"Properties\":{\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":{\"Fn::Join\":[\"%s\",[", d; for (i = 0; i < 20000; i++) printf "%s\"\"", (i ? "," : ""); print "]]}}]}}}}}" }' >join.json
  # 40 KB variable used 20,000 times in Fn::Sub, in YAML; and nested: Join of Subs.
  awk -v v="$(head -c 40000 /dev/zero | tr '\0' y)" 'BEGIN { printf "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: \"2012-10-17\"\n        Statement:\n          - Effect: Allow\n            Action: s3:GetObject\n            Resource: !Sub\n              - \"arn:aws:s3:::"; for (i = 0; i < 20000; i++) printf "${V}"; printf "\"\n              - V: %s\n", v }' >sub.yaml
  awk -v v="$(head -c 1000 /dev/zero | tr '\0' z)" 'BEGIN { printf "{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Resources\":{"; for (r = 0; r < 200; r++) { printf "%s\"P%d\":{\"Type\":\"AWS::IAM::ManagedPolicy\",\"Properties\":{\"ManagedPolicyArns\":[{\"Fn::Sub\":[\"arn:aws:iam::aws:policy/${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}\",{\"V\":\"%s\"}]}],\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}}}", (r ? "," : ""), r, v } print "}}" }' >many.json
  for f in join.json sub.yaml many.json; do
    for format in text json sarif github; do
      # 1 GB of address space is plenty for these files and far from what rendering asked for.
      if [ "${SL_TIMEOUT_SCALE:-1}" = 1 ]; then
        (ulimit -v 1000000 && timeout -k 5 $T "$SAGELINT" --no-config --color never --format $format "$f") >out 2>err
      else
        timeout -k 5 $((T * SL_TIMEOUT_SCALE)) "$SAGELINT" --no-config --color never --format $format "$f" >out 2>err
      fi
      rc=$?
      check_run "$f $format"
      [ "$rc" -le 1 ] || fail "exit code $rc ($f, $format)"
      expect_format_ok $format 5000
      expect_small out 2000000
    done
  done
  sl join.json
  expect_err "^sagelint: warning: join.json:1:[0-9]+: Fn::Join renders to more than 64 KiB \(or past the file's rendering budget\): its value is not computed and is treated as unknown"
  sl sub.yaml
  expect_err "^sagelint: warning: sub.yaml:11:23: Fn::Sub renders to more than 64 KiB"
  sl many.json
  [ "$(grep -c 'renders to more than' err)" -le 20 ] || fail "more than 20 budget notes for one file"
  # Under the budget nothing changes: a Join that renders a real ARN is still checked.
  printf '{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"P":{"Type":"AWS::IAM::ManagedPolicy","Properties":{"PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":{"Fn::Join":[":",["arn","aws","s3"]]}}]}}}}}\n' >small.json
  sl small.json
  expect_rc 1
  expect_out "^small.json:1:[0-9]+: error: .*\[SL20[0-9] invalid-arn\]"
  ! grep -q 'renders to more than' err || fail "note for a value under the budget"
}

# No silent failure: write errors, links and loops as -o and --fix targets, the run's own
# report and baseline in the tree, thread creation failure.
case_silent_failures() {
  policy ok.json "$OK_STATEMENT"
  echo keep >victim.txt
  mkdir tree && cd tree || exit 1
  policy ok.json "$OK_STATEMENT"
  # -o through a link loop: an error, the links stay links.
  ln -s loop-b out-a && ln -s out-a loop-b
  sl -o out-a ok.json
  expect_rc 2
  expect_err "cannot write out-a: symbolic link loop"
  [ -L out-a ] && [ -L loop-b ] || fail "the link loop was replaced"
  # -o through a link that leads out of the current directory: an error, the target untouched.
  ln -s ../victim.txt report.txt
  sl -o report.txt ok.json
  expect_rc 2
  expect_err "cannot write report.txt: symbolic link to outside the current directory"
  [ "$(cat ../victim.txt)" = keep ] || fail "victim.txt was overwritten through a link"
  # -o naming a file to lint, or the baseline: usage errors, files intact.
  cp ok.json before.json
  sl -o ok.json ok.json
  expect_rc 2
  expect_err "--output ok.json is also a file to lint"
  cmp -s ok.json before.json || fail "ok.json was overwritten by the report"
  echo '{"version": 1, "findings": []}' >baseline.json
  sl --baseline baseline.json -o baseline.json ok.json
  expect_rc 2
  expect_err "--output baseline.json is the baseline file"
  # A report of an earlier run in the linted tree is not linted, and is replaced.
  for format in sarif json text github; do
    sl --format $format -o report.$format.json .
    expect_rc 0
    sl --format $format -o report.$format.json .
    expect_rc 0
    expect_no_out "report\."
  done
  sl .
  [ "$rc" -le 1 ] || fail "exit code $rc linting the tree with old reports"
  # ... but a file of the tree that is not a report is never overwritten by one found by the walk.
  cp before.json other.json
  sl -o other.json .
  expect_rc 2
  expect_err "would overwrite a file of the linted tree that is not a sagelint report"
  cmp -s other.json before.json || fail "other.json was overwritten"
  cd .. || exit 1
  # Write errors (a file size limit stands in for a full disk): an error, exit 2, old file kept.
  { printf '{"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*", "Sid": "'; head -c 3000 /dev/zero | tr '\0' A; printf '"}]}\n'; } >fix.json
  cp fix.json fix.orig
  (trap '' XFSZ; ulimit -f 2; timeout $T "$SAGELINT" --no-config --fix fix.json) >out 2>err
  rc=$?
  check_run "--fix over the file size limit"
  expect_rc 2
  expect_err "cannot write fix.json: File too large"
  cmp -s fix.json fix.orig || fail "fix.json changed by a failed --fix"
  echo previous >big-report.txt
  (trap '' XFSZ; ulimit -f 2; timeout $T "$SAGELINT" --no-config --format sarif -o big-report.txt fix.json) >out 2>err
  rc=$?
  check_run "-o over the file size limit"
  expect_rc 2
  expect_err "cannot write big-report.txt: File too large"
  [ "$(cat big-report.txt)" = previous ] || fail "big-report.txt changed by a failed run"
  # --fix through a link out of the tree (followed on request) is refused, the target kept.
  mkdir fixtree && ln -s ../fix.json fixtree/link.json
  (cd fixtree && timeout $T "$SAGELINT" --no-config --follow-symlinks --fix link.json) >out 2>err
  rc=$?
  check_run "--fix through a link"
  expect_rc 2
  expect_err "cannot write link.json: symbolic link to outside the current directory"
  cmp -s fix.json fix.orig || fail "fix.json changed through a link"
  # Threads that cannot start (a process limit, as a pids cgroup would impose): fewer workers,
  # the same report. RLIMIT_NPROC binds a user, not root: as root, run as nobody (as_user).
  mkdir many
  for i in $(seq 1 200); do printf '{"Statement": %s}\n' "$OK_STATEMENT" >"many/$i.json"; done
  timeout $T "$SAGELINT" --no-config -j 1 many >expected.txt 2>/dev/null
  chmod -R a+rX "$WORK"
  if [ "$(id -u)" = 0 ] && ! command -v setpriv >/dev/null; then
    note "root without setpriv: thread-limit part skipped"
  elif ! as_user test -x "$SAGELINT"; then
    note "$SAGELINT not executable as an unprivileged user: thread-limit part skipped"
  else
    as_user bash -c 'ulimit -u 12 && exec timeout '$T' "$0" --no-config -j 200 many' "$SAGELINT" >out 2>err
    rc=$?
    check_run "-j 200 under a process limit"
    expect_rc 1
    expect_err "could start only [0-9]+ of 200 worker threads"
    cmp -s out expected.txt || fail "output with fewer threads differs"
  fi
}

# UTF-16 and UTF-32 with a byte order mark: one clear error at 1:1, never wrong positions.
case_encodings() {
  local body='{"Version": "2012-10-17", "Statement": []}'
  local yaml=$'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n'
  for enc in UTF-16LE UTF-16BE UTF-32LE UTF-32BE; do
    local bom
    case $enc in UTF-16LE) bom='\xff\xfe' ;; UTF-16BE) bom='\xfe\xff' ;; UTF-32LE) bom='\xff\xfe\x00\x00' ;; UTF-32BE) bom='\x00\x00\xfe\xff' ;; esac
    { printf "$bom"; printf '%s' "$body" | iconv -f UTF-8 -t $enc; } >"$enc.json"
    { printf "$bom"; printf '%s' "$yaml" | iconv -f UTF-8 -t $enc; } >"$enc.yaml"
    for f in "$enc.json" "$enc.yaml"; do
      sl "$f"
      expect_rc 1
      expect_out "^$f:1:1: error: .*the file is ${enc:0:6} (little|big)-endian \(byte order mark [0-9A-F ]+\): sagelint reads UTF-8 only; re-encode it as UTF-8 \(for example iconv -f ${enc:0:6} -t UTF-8\)"
      all_formats 1 "$f"
    done
  done
  # A UTF-8 byte order mark is fine and not counted in columns.
  { printf '\xef\xbb\xbf'; printf '{"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]}\n'; } >utf8-bom.json
  sl utf8-bom.json
  expect_rc 1
  expect_out "^utf8-bom.json:1:52: error: .*invalid-effect"
}

# The hostile repository: one tree with every case above, as a pull request could make it, run
# through every output format. No byte of the secret outside the tree, no raw control
# character, no forged line, exit status 1 (findings), the -o report inside the tree written.
case_hostile_repository() {
  local secret=SECRETSECRET0123456789abcdefghij
  mkdir -p home repo/policies repo/templates
  printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"%s","Resource":"*"}]}\n' "$secret" >home/credentials.json
  cd repo || exit 1
  ln -s ../../home/credentials.json policies/leak.json
  ln -s ../home policies/home-dir
  ln -s /proc/self/environ policies/environ.json
  ln -s loop2.json policies/loop1.json && ln -s loop1.json policies/loop2.json
  mkfifo policies/pipe.json
  printf '{"Version":"2012-10-17","Statement":[{"Sid":"X\\u202eY","Effect":"allow","Action":"s3:Get\\u001b[2J\\n::error::forged","Resource":"*"}]}\n' >policies/values.json
  printf '{"Version":"2012-10-17","Statement":[]}\n' >"policies/$(printf 'n\nx.json:1:1: error: forged\e]0;t\a')"
  printf '{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"P":{"Type":"AWS::IAM::ManagedPolicy","Properties":{"PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":{"Fn::Sub":["${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}${V}",{"V":"%s"}]}}]}}}}}\n' \
    "$(head -c 8000 /dev/zero | tr '\0' v)" >templates/amplify.json
  { printf '\xff\xfe'; printf '{"Version": "2012-10-17", "Statement": []}' | iconv -f UTF-8 -t UTF-16LE; } >policies/utf16.json
  for format in text json sarif github; do
    sl --format $format -o report.$format.json .
    expect_rc 1
    [ -s report.$format.json ] || fail "no $format report written"
    cp report.$format.json out
    cp report.$format.json ../first.$format
    case $format in
      text | github) expect_neutral out $format ;;
      *) expect_format_ok $format ;;
    esac
    expect_neutral err text
    ! grep -q SECRET out err || fail "secret bytes in the $format output"
    # Again with the report in the tree: it is not linted, and the result is the same.
    sl --format $format -o report.$format.json .
    expect_rc 1
    cmp -s report.$format.json ../first.$format || fail "$format report differs when the previous report is in the tree"
  done
  expect_err "policies/leak.json: symbolic link to outside '.', not followed"
  expect_err "Fn::Sub renders to more than 64 KiB"
  grep -q "utf16.json:1:1: error: the file is UTF-16" report.text.json || fail "no UTF-16 error"
  # A full disk, where a tmpfs can be mounted here: the report is not written, exit 2, old kept.
  mkdir full
  if mount -t tmpfs -o size=64k tmpfs full 2>/dev/null; then
    trap 'umount "'"$PWD"'/full" 2>/dev/null' EXIT  # also when a check fails
    echo previous >full/report.txt
    head -c 60000 /dev/zero >full/filler 2>/dev/null
    sl --format sarif -o full/report.txt .
    local full_rc=$rc
    local kept
    kept=$(cat full/report.txt)
    umount full
    rc=$full_rc
    expect_rc 2
    expect_err "cannot write full/report.txt: No space left on device"
    [ "$kept" = previous ] || fail "full/report.txt changed on a full disk"
  else
    note "SKIP part: cannot mount a tmpfs here (not permitted); the full-disk case is covered by a file size limit in silent-failures"
  fi
}

# Permission checks need a user the kernel checks: as root, drop to nobody with setpriv.
as_user() {
  if [ "$(id -u)" != 0 ]; then
    "$@"
  else
    setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
  fi
}

case_unreadable() {
  if [ "$(id -u)" = 0 ] && ! command -v setpriv >/dev/null; then echo "SKIP: root without setpriv"; exit 77; fi
  if ! as_user test -x "$SAGELINT"; then echo "SKIP: $SAGELINT not executable as an unprivileged user"; exit 77; fi
  chmod 755 "$WORK"
  mkdir -p tree/locked tree/unsearchable
  policy tree/a-ok.json "$OK_STATEMENT"
  policy tree/secret.json "$OK_STATEMENT"
  policy tree/locked/inside.json "$OK_STATEMENT"
  policy tree/unsearchable/hidden.json "$OK_STATEMENT"
  chmod 000 tree/secret.json tree/locked
  chmod 644 tree/a-ok.json
  chmod 755 tree
  chmod 444 tree/unsearchable  # may list the names, may not open them
  as_user timeout $T "$SAGELINT" --no-config tree >out 2>err
  rc=$?
  check_run "unreadable tree"
  expect_rc 2
  expect_err "tree/secret.json: Permission denied"
  expect_err "tree/locked: cannot read directory: Permission denied"
  expect_err "tree/unsearchable/hidden.json: Permission denied"
  expect_err "1 file checked"
  # An output file in a directory we may not write: exit 2, previous report untouched.
  mkdir ro && echo previous >ro/report.txt && chmod 555 ro && chmod 644 ro/report.txt
  as_user timeout $T "$SAGELINT" --no-config -o ro/report.txt tree/a-ok.json >out 2>err
  rc=$?
  check_run "read-only output directory"
  expect_rc 2
  expect_err "cannot write ro/report.txt: Permission denied"
  [ "$(cat ro/report.txt)" = previous ] || fail "ro/report.txt was changed"
  chmod -R u+rwx tree ro
}

case_vanishing_files() {
  # The report of file 000 is larger than a pipe holds: with stdout a FIFO nobody reads yet,
  # sagelint blocks writing it, and its workers (-j 2: a window of 80 files) cannot reach
  # file 100. Files 100-299 are deleted then, deterministically "mid-run".
  mkdir tree
  awk 'BEGIN { printf "{\"Version\":\"2012-10-17\",\"Statement\":["; for (i = 0; i < 3000; i++) printf "%s{\"Sid\":\"Same\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", (i ? "," : ""); print "]}" }' >tree/000.json
  for i in $(seq 1 299); do printf '{"Statement": %s}\n' "$OK_STATEMENT" >"tree/$(printf %03d "$i").json"; done
  mkfifo pipe
  timeout -k 5 $((3 * T)) "$SAGELINT" --no-config -j 2 tree >pipe 2>err &
  local pid=$!
  exec 3<pipe
  local first
  IFS= read -r -u 3 first || fail "no output from sagelint"
  rm -f tree/1[0-9][0-9].json tree/2[0-9][0-9].json
  { printf '%s\n' "$first"; cat <&3; } >out
  exec 3<&-
  wait $pid
  rc=$?
  check_run "vanishing files"
  expect_rc 2
  expect_err "tree/100.json: No such file or directory"
  expect_err "tree/299.json: No such file or directory"
  expect_err "100 files checked"
  # Findings of the files that were read, in file order.
  expect_out "^tree/099.json:1:1: warning: .*missing-version"
  expect_no_out "^tree/1[0-9][0-9].json"
  grep -oE '^tree/[0-9]{3}.json' out | uniq | sort -c || fail "output not in file order"
}

case_unwritable_output() {
  policy ok.json "$OK_STATEMENT"
  echo previous >report.txt
  sl -o missing-dir/report.txt ok.json
  expect_rc 2
  expect_err "cannot write missing-dir/report.txt: No such file or directory"
  sl -o report.txt/inner ok.json
  expect_rc 2
  expect_err "cannot write report.txt/inner: Not a directory"
  mkdir adir
  sl -o adir ok.json
  expect_rc 2
  expect_err "cannot write adir: is a directory"
  # A usage or configuration error leaves an existing report alone.
  sl -o report.txt --select no-such-rule ok.json
  expect_rc 2
  [ "$(cat report.txt)" = previous ] || fail "report.txt was changed by a failed run"
  # Standard output on a full disk: the report is lost, so the run fails.
  sl ok.json >/dev/full
  timeout $T "$SAGELINT" --no-config --format json ok.json >/dev/full 2>err
  rc=$?
  check_run "stdout on /dev/full"
  expect_rc 2
  expect_err "cannot write standard output: No space left on device"
  # Not a regular file: written directly, never replaced by a rename.
  mkfifo out.fifo
  cat out.fifo >from-fifo.txt &
  sl --format json -o out.fifo ok.json
  wait
  expect_rc 0
  [ -p out.fifo ] || fail "out.fifo was replaced"
  expect_json from-fifo.txt
  # A symbolic link is written through, and stays a link.
  ln -s real-report.json link.json
  sl --format json -o link.json ok.json
  expect_rc 0
  [ -L link.json ] || fail "link.json is no longer a symbolic link"
  expect_json real-report.json
  # Killed mid-run: the previous report stays whole and no temporary file is left behind.
  awk 'BEGIN { printf "{\"Version\":\"2012-10-17\",\"Statement\":["; for (i = 0; i < 100000; i++) printf "%s{\"Sid\":\"Same\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", (i ? "," : ""); print "]}" }' >slow.json
  for i in $(seq 1 20); do cp slow.json "slow-$i.json"; done
  "$SAGELINT" --no-config -j 1 --format sarif -o report.txt slow*.json 2>err &
  local pid=$!
  for _ in $(seq 1 500); do
    compgen -G '.report.txt.sagelint-*' >/dev/null && break
    sleep 0.01
  done
  compgen -G '.report.txt.sagelint-*' >/dev/null || fail "no temporary output file seen"
  kill -TERM $pid
  wait $pid
  rc=$?
  [ "$rc" -eq 143 ] || fail "exit code $rc after SIGTERM, expected 143"
  [ "$(cat report.txt)" = previous ] || fail "report.txt changed by an interrupted run"
  ! compgen -G '.report.txt.sagelint-*' >/dev/null || fail "temporary file left behind: $(ls -a)"
}

case_determinism() {
  local inputs=("$SRC/fixtures/seeds" "$SRC/fixtures/rules")
  [ -d "$SRC/fixtures/scenarios" ] && inputs+=("$SRC/fixtures/scenarios")
  cd "$SRC" || exit 1
  local rel=()
  for d in "${inputs[@]}"; do rel+=("${d#"$SRC"/}"); done
  # Files named one by one, in reverse order, must give the same report as the directories.
  mapfile -t files < <(find "${rel[@]}" -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' -o -name '*.template' \) |
                       LC_ALL=C sort -r)
  for format in text json sarif github; do
    LC_ALL=C timeout $((3 * T)) "$SAGELINT" --no-config --color never --format $format -j 1 "${rel[@]}" >"$WORK/base.$format" 2>/dev/null
    for variant in "-j 2" "-j 7" "-j 2 reversed" "-j 1 C.UTF-8" "-j 2 tr_TR.UTF-8"; do
      local jobs=${variant#-j } locale=C args=("${rel[@]}")
      jobs=${jobs%% *}
      case $variant in *reversed*) args=("${files[@]}") ;; *C.UTF-8*) locale=C.UTF-8 ;; *tr_TR*) locale=tr_TR.UTF-8 ;; esac
      LC_ALL=$locale LANG=$locale timeout $((3 * T)) "$SAGELINT" --no-config --color never --format $format -j "$jobs" "${args[@]}" >"$WORK/variant" 2>/dev/null
      cmp -s "$WORK/base.$format" "$WORK/variant" || fail "$format output differs with $variant: $(diff "$WORK/base.$format" "$WORK/variant" | head -5)"
    done
  done
  [ -s "$WORK/base.text" ] || fail "no findings at all on the fixtures"
}

case_many_files() {
  # The walk feeds the workers as it goes (issue 12): output and log must still come in sorted
  # path order, byte-identical for any -j. Names chosen so that walking each directory in name
  # order is not the sorted order ("a.json" < "a/..." < "a0.json", "x-1/..." < "x.json").
  local d n
  for d in a a/b a/b.d x-1 x-1/deep/er z; do mkdir -p "tree/$d"; done
  for n in $(seq 0 599); do
    for d in . a a/b x-1/deep/er; do
      case $((n % 4)) in
        0) printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]}\n' ;;
        1) printf '{"Statement": %s}\n' "$OK_STATEMENT" ;;
        2) printf '{"Version": "2012-10-17", "Statement": %s}\n' "$OK_STATEMENT" ;;
        3) printf 'name: not a template\n' ;;
      esac >"tree/$d/p$n.$([ $((n % 4)) = 3 ] && echo yaml || echo json)"
    done
  done
  policy tree/a.json "$OK_STATEMENT"
  policy tree/a0.json "$OK_STATEMENT"
  policy tree/a/b.json "$OK_STATEMENT"
  policy tree/a/b.d/c.json "$OK_STATEMENT"
  policy tree/x.json "$OK_STATEMENT"
  policy tree/x-1/y.json "$OK_STATEMENT"
  ln -s /etc tree/a/outside       # a warning in the middle of the walk
  printf 'not json' >tree/z/broken.json  # not IAM: skipped, not counted
  local base
  for jobs in 1 2 8; do
    timeout -k 5 $((3 * T)) "$SAGELINT" --no-config --color never -v -j $jobs tree a.json tree/a >"out.$jobs" 2>"err.$jobs"
    rc=$?
    [ "$rc" -eq 2 ] || fail "-j $jobs: exit code $rc, expected 2 (a.json does not exist)"
  done
  cmp -s out.1 out.2 && cmp -s out.1 out.8 || fail "stdout differs between -j 1, 2 and 8: $(diff out.1 out.8 | head -5)"
  cmp -s err.1 err.2 && cmp -s err.1 err.8 || fail "stderr differs between -j 1, 2 and 8: $(diff err.1 err.8 | head -5)"
  mv out.1 out && mv err.1 err
  # Files in byte order of their paths, each once (tree/a is also under tree: reported once).
  grep -oE '^tree/[^:]+' out | uniq >order
  LC_ALL=C sort -c order || fail "stdout not in sorted path order"
  [ "$(sort order | uniq -d | wc -l)" -eq 0 ] || fail "a file reported twice"
  find tree -name '*.json' ! -path 'tree/z/*' -exec grep -l GetObjekt {} + | LC_ALL=C sort >expected
  grep -E 'SL101' out | grep -oE '^tree/[^:]+' | uniq >got
  cmp -s expected got || fail "not every file with an unknown action is reported, in order: $(diff expected got | head -5)"
  expect_err "tree/a/outside: symbolic link to outside 'tree', not followed"
  expect_err "a.json: no such file or directory"
  expect_err "tree/a/b/p3.yaml: skipped"
  expect_err "problems .* in 1806 files checked"
  # The log too comes in path order: the skipped lines of -v are sorted like the files.
  grep -oE '^sagelint: info: tree/[^:]+: skipped' err | sed 's/^sagelint: info: //; s/: skipped$//' >skipped
  LC_ALL=C sort -c skipped || fail "log lines not in path order"
  [ "$(wc -l <skipped)" -eq 601 ] || fail "$(wc -l <skipped) skipped lines, expected 601 (600 YAML, broken.json)"
}

case_not_iam() {
  # Files without any policy word are skipped before parsing, whatever their bytes: named, one
  # warning line each and exit 0; found in a directory walk, nothing at all unless -v.
  gzip -n -c "$SRC/fixtures/seeds/000-s3-policy.json" >gzip.json
  printf '\x7fELF\0\0' >del.json
  head -c 1000000 /dev/zero >zeros.json
  printf '\xff\xfe\x00' | head -c 2 >/dev/null
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; print "" }' >deep.json
  for f in gzip del zeros deep; do
    sl "$f.json"
    expect_rc 0
    expect_err "^sagelint: warning: $f.json: skipped: not IAM"
    expect_readable err
    [ ! -s out ] || fail "stdout not empty for skipped $f.json"
  done
  mkdir tree && mv gzip.json del.json zeros.json deep.json tree/
  sl tree
  expect_rc 0
  expect_err "^sagelint: warning: tree: nothing linted: 4 file\(s\) found, none holds IAM"
  [ "$(grep -c skipped err)" -eq 0 ] || fail "a directory walk reported skipped files without -v"
  sl -v tree
  [ "$(grep -c 'skipped: not IAM' err)" -eq 4 ] || fail "-v does not say why each file was skipped"
}

# A 50 MB Terraform plan: 120,000 IAM policies, JSON-encoded in strings, in 120 modules; and a
# plan whose policy string is 20 MB of escapes.
case_huge_plan() {
  awk 'BEGIN {
    printf "{\"format_version\":\"1.2\",\"planned_values\":{\"root_module\":{\"resources\":[],\"child_modules\":["
    for (m = 0; m < 120; m++) {
      printf "%s{\"address\":\"module.m%d\",\"resources\":[", (m ? "," : ""), m
      for (i = 0; i < 1000; i++) {
        printf "%s{\"address\":\"module.m%d.aws_iam_policy.p%d\",\"mode\":\"managed\",\"type\":\"aws_iam_policy\",\"name\":\"p%d\",\"values\":{\"name\":\"p%d\",\"policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":[\\\"s3:GetObject\\\",\\\"s3:PutObject\\\",\\\"s3:ListBucket\\\"],\\\"Resource\\\":[\\\"arn:aws:s3:::bucket-%d-%d\\\",\\\"arn:aws:s3:::bucket-%d-%d/*\\\"],\\\"Condition\\\":{\\\"StringEquals\\\":{\\\"aws:PrincipalTag/team\\\":\\\"data-science-%d\\\"}}}]}\"}}", (i ? "," : ""), m, i, i, i, m, i, m, i, i
      }
      printf "]}"
    }
    print "]}}}"
  }' >plan.json
  local size
  size=$(wc -c <plan.json)
  [ "$size" -gt 50000000 ] || fail "plan.json is only $size bytes"
  # Bounded generously: about 6 s of CPU, but the 2-core test machine is shared.
  SL_TIMEOUT=300 sl --format json plan.json
  [ "$rc" -le 1 ] || fail "exit code $rc"
  expect_format_ok json 5000 100000000
  [ ! -s err ] || fail "messages on stderr for a well-formed plan"
  awk 'BEGIN { printf "{\"format_version\":\"1.2\",\"values\":{\"root_module\":{\"resources\":[{\"address\":\"aws_iam_policy.p\",\"mode\":\"managed\",\"type\":\"aws_iam_policy\",\"values\":{\"policy\":\"{\\\"Statement\\\":[{\\\"Sid\\\":\\\""; for (i = 0; i < 2000000; i++) printf "\\\\u00e9"; print "\\\"}]}\"}}]}}}" }' >escapes.json
  SL_TIMEOUT=300 sl escapes.json
  [ "$rc" -le 1 ] || fail "exit code $rc (escapes)"
  expect_out "^escapes.json:1:[0-9]+: error: aws_iam_policy.p: .*\[SL013 invalid-sid\]"
  expect_readable out 5000
}

fn="case_${CASE//-/_}"
declare -F "$fn" >/dev/null || { echo "unknown case $CASE" >&2; exit 2; }
"$fn"
echo "PASS [$CASE]"
