#!/usr/bin/env bash
# A short, bounded libFuzzer run of every fuzz target (CI). Builds the targets with clang,
# ASan and UBSan, seeds each from fixtures/ (plus the crashes already fixed, fixtures/fuzz/,
# and the minimised corpus of the long runs, fuzz/corpus/<target>/),
# and fails on the first crash, leak, timeout or out-of-memory, leaving the reproducer in
# $BUILD_DIR/fuzz-artifacts/. Longer runs: see fuzz/README.md.
#
#   scripts/fuzz-smoke.sh                  # every target, FUZZ_SECONDS (25) each
#   FUZZ_SECONDS=600 scripts/fuzz-smoke.sh fuzz_cfn
#
# Reuses build-asan when scripts/sanitize.sh built the fuzz targets there (clang); otherwise
# configures build-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${FUZZ_SECONDS:-25}
targets=("$@")
((${#targets[@]})) || targets=(fuzz_policy fuzz_config fuzz_cfn fuzz_authz fuzz_hcl fuzz_plan fuzz_markdown fuzz_template fuzz_lsp)

probe=$(mktemp -d)
if ! command -v clang++ >/dev/null ||
   ! echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' |
     clang++ -x c++ -fsanitize=address,undefined,fuzzer - -o "$probe/p" 2>/dev/null; then
  rm -rf "$probe"
  echo "fuzz-smoke: clang++ with libFuzzer not available (apt-get install clang libclang-rt-14-dev): skipped" >&2
  exit 0
fi
rm -rf "$probe"

build=${BUILD_DIR:-}
if [ -z "$build" ]; then
  build=build-fuzz
  if grep -qs '^SAGELINT_FUZZ:BOOL=ON' build-asan/CMakeCache.txt; then build=build-asan; fi
fi
if [ ! -f "$build/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DSAGELINT_SANITIZE=ON -DSAGELINT_FUZZ=ON -DSAGELINT_TESTS=OFF >/dev/null
fi
cmake --build "$build" --target "${targets[@]}"

# Seeds: what each target reads, gathered from the fixtures (copied, under flattened names
# since fixtures in different folders share names).
list_seeds() {
  set +e  # runs in the pipeline's subshell: a folder without matches is not an error
  case $1 in
    fuzz_policy) find fixtures/seeds fixtures/rules fixtures/fuzz/policy -type f -name '*.json' ;;
    fuzz_config) find fixtures -type f -name '*.toml' ;;
    fuzz_cfn)
      find fixtures -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.template' \)
      grep -rl --include='*.json' '"AWSTemplateFormatVersion"\|"AWS::IAM::\|"AWS::Serverless::\|"provider"' fixtures
      find fixtures/fuzz/cfn -type f 2>/dev/null ;;
    fuzz_authz)
      grep -rl --include='*.json' 'RoleDetailList\|UserDetailList\|GroupDetailList' fixtures
      find fixtures/fuzz/authz -type f 2>/dev/null ;;
    fuzz_hcl)
      find fixtures -type f -name '*.tf'
      find fixtures/fuzz/hcl -type f 2>/dev/null ;;
    fuzz_plan)
      grep -rl --include='*.json' '"format_version"' fixtures
      find fixtures/fuzz/plan -type f 2>/dev/null ;;
    fuzz_markdown)
      find fixtures -type f \( -name '*.md' -o -name '*.mdx' \)
      find fixtures/fuzz/markdown -type f 2>/dev/null ;;
    fuzz_template)
      find fixtures -type f \( -name '*.tpl' -o -name '*.j2' \)
      grep -rl --include='*.json' '%{' fixtures
      find fixtures/fuzz/template -type f 2>/dev/null ;;
    fuzz_lsp) find fixtures/fuzz/lsp -type f 2>/dev/null ;;  # sessions of their own; the rest below
  esac
  find "fuzz/corpus/$1" -type f 2>/dev/null
  true
}

seed_dir() {
  local dir="$build/fuzz-seeds/$1"
  rm -rf "$dir" && mkdir -p "$dir"
  list_seeds "$1" | while read -r f; do cp "$f" "$dir/$(echo "$f" | tr / _)"; done
  # fuzz_lsp reads editor sessions: the seeds and some rule fixtures, each opened, changed,
  # fixed and closed as the scripted client of integration:lsp-server does.
  if [ "$1" = fuzz_lsp ]; then
    python3 fuzz/lsp_seeds.py "$dir" fixtures/seeds/* fixtures/inputs/sam/* $(find fixtures/inputs/terraform -name '*.tf' | sort | head -5) \
      $(find fixtures/rules -path '*/invalid/*' -type f \( -name '*.json' -o -name '*.yaml' \) | sort | awk 'NR % 8 == 1')
  fi
  echo "$dir"
}

dict_for() {
  case $1 in
    fuzz_policy) echo fuzz/dict/policy.dict ;;
    fuzz_config) echo fuzz/dict/config.dict ;;
    fuzz_cfn) echo fuzz/dict/cfn.dict ;;
    fuzz_authz) echo fuzz/dict/authz.dict ;;
    fuzz_hcl) echo fuzz/dict/hcl.dict ;;
    fuzz_plan) echo fuzz/dict/plan.dict ;;
    fuzz_markdown) echo fuzz/dict/markdown.dict ;;
    fuzz_template) echo fuzz/dict/template.dict ;;
    fuzz_lsp) echo fuzz/dict/lsp.dict ;;
  esac
}

status=0
mkdir -p "$build/fuzz-artifacts"
for target in "${targets[@]}"; do
  seeds=$(seed_dir "$target")
  corpus="$build/fuzz-corpus/$target"  # grows across local runs; CI starts empty
  mkdir -p "$corpus"
  log="$build/fuzz-artifacts/$target.log"
  echo "fuzz-smoke: $target for ${seconds} s ($(find "$seeds" -type f | wc -l) seeds)" >&2
  # -timeout: a single input taking seconds is a bug (quadratic work), not bad luck.
  if ! "$build/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -dict="$(dict_for "$target")" -print_final_stats=1 \
      -artifact_prefix="$build/fuzz-artifacts/$target-" "$corpus" "$seeds" >"$log" 2>&1; then
    status=1
    echo "fuzz-smoke: $target FAILED; last lines of $log:" >&2
    grep -E 'ERROR|SUMMARY|Test unit written|#[0-9]+ +0x' "$log" | head -30 >&2
    echo "fuzz-smoke: reproduce with $build/fuzz/$target <artifact>; once fixed, add the input to" \
         "fixtures/fuzz/<kind>/ (see fuzz/README.md)" >&2
  else
    grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$log" | tr '\n' ' ' | sed "s/^/fuzz-smoke: $target: /" >&2
    echo >&2
  fi
done
exit $status
