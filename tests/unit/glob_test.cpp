#include <doctest/doctest.h>

#include "input/glob.hpp"

using sagelint::input::glob_match;

TEST_CASE("glob: a pattern without '/' matches the base name anywhere") {
  CHECK(glob_match("*.json", "policy.json"));
  CHECK(glob_match("*.json", "a/b/policy.json"));
  CHECK_FALSE(glob_match("*.json", "a/b/policy.yaml"));
  CHECK_FALSE(glob_match("*.json", "policy.json.bak"));
}

TEST_CASE("glob: '*' stays inside a segment, '**' crosses segments") {
  CHECK(glob_match("iam/*.json", "iam/role.json"));
  CHECK_FALSE(glob_match("iam/*.json", "iam/sub/role.json"));
  CHECK(glob_match("iam/**/*.json", "iam/sub/deeper/role.json"));
  CHECK(glob_match("iam/**/*.json", "iam/role.json"));  // "**/" also matches no segment
  CHECK(glob_match("**/*.json", "x.json"));
  CHECK(glob_match("legacy/**", "legacy/a/b.json"));
  CHECK_FALSE(glob_match("legacy/**", "other/legacy.json"));
}

TEST_CASE("glob: classes, '?', leading ./ and trailing /") {
  CHECK(glob_match("policy-[0-9].json", "policy-7.json"));
  CHECK_FALSE(glob_match("policy-[0-9].json", "policy-x.json"));
  CHECK(glob_match("policy-[!0-9].json", "policy-x.json"));
  CHECK(glob_match("p?.json", "p1.json"));
  CHECK_FALSE(glob_match("a?b", "a/b"));
  CHECK(glob_match("./iam/*.json", "iam/a.json"));
  CHECK(glob_match("build/", "build/x/y.json"));
  CHECK(glob_match("/iam/*.json", "iam/a.json"));
}
