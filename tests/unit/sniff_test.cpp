// Telling IAM from application files: the cheap text pre-check, the shape check on the parsed
// tree, and what load_source does with each.
#include <doctest/doctest.h>

#include "input/document.hpp"
#include "input/sniff.hpp"

using namespace sagelint::input;

namespace {

LoadedFile load(std::string path, std::string text) {
  return load_source(std::make_unique<SourceFile>(std::move(path), std::move(text)));
}

bool shaped(std::string_view json) {
  JsonParseResult r = parse_json(json);
  REQUIRE(r.root != nullptr);
  return has_policy_shape(*r.root);
}

}  // namespace

TEST_CASE("the text pre-check needs a policy word, case-insensitively and as a whole word") {
  CHECK(may_hold_iam(R"({"Statement": []})"));
  CHECK(may_hold_iam(R"({"STATEMENT": []})"));
  CHECK(may_hold_iam(R"({"effect": "Allow"})"));
  CHECK(may_hold_iam(R"({"NotAction": "s3:*"})"));
  CHECK(may_hold_iam(R"({"Version": "2012-10-17"})"));
  CHECK(may_hold_iam(R"({"Resources": {"R": {"Type": "AWS::S3::Bucket"}}})"));
  CHECK(may_hold_iam(R"({"UserDetailList": []})"));
  CHECK(may_hold_iam(R"({"format_version": "1.2"})"));
  CHECK(may_hold_iam("\xFF\xFE{\0"));  // UTF-16: the parser explains
  CHECK_FALSE(may_hold_iam(R"({"name": "app", "version": "1.0.0", "scripts": {}})"));
  CHECK_FALSE(may_hold_iam(R"({"editor.codeActionsOnSave": {}, "statements": 3, "effects": 1})"));
  CHECK_FALSE(may_hold_iam(""));
  CHECK_FALSE(may_hold_iam("Statemen"));
}

TEST_CASE("policy shape: the element's key with what a policy holds there") {
  CHECK(shaped(R"({"Version": "2012-10-17", "Statement": []})"));
  CHECK(shaped(R"({"statement": [{"effect": "Allow"}]})"));  // mistyped case still lints
  CHECK(shaped(R"([{"Effect": "Allow", "Resource": "*"}])"));
  CHECK(shaped(R"({"Action": ["s3:GetObject"]})"));
  CHECK(shaped(R"({"version": "2008-10-17"})"));
  CHECK(shaped(R"({"config": {"policy": {"Statement": {"Effect": "Deny"}}}})"));  // anywhere
  CHECK(shaped(R"("{\"Version\": \"2012-10-17\", \"Statement\": []}")"));         // encoded as a string
  CHECK_FALSE(shaped(R"({"dependencies": {"effect": "^3.4.0"}})"));
  CHECK(shaped(R"({"name": "x", "version": "2012-10-17"})"));  // a policy date is shape enough
  CHECK_FALSE(shaped(R"({"query": {"statement": "SELECT 1", "action": "run"}})"));
  CHECK_FALSE(shaped(R"({"effect": "fade", "duration": 3})"));
  CHECK_FALSE(shaped("1e999"));
}

TEST_CASE("text that does not parse is a broken policy only when a policy element is a key") {
  CHECK(broken_json_looks_like_policy("{\"Statement\": [,]}"));
  CHECK(broken_json_looks_like_policy("{ Effect : Allow }"));
  CHECK(
      broken_json_looks_like_policy("{\xE2\x80\x9C"
                                    "Action\xE2\x80\x9D: 1}"));  // curly quotes
  CHECK(broken_json_looks_like_policy("{ // comment\n \"Version\": \"2012-10-17\" }"));
  CHECK_FALSE(broken_json_looks_like_policy("{ // save\n \"editor.codeActionsOnSave\": {}, }"));
  CHECK_FALSE(broken_json_looks_like_policy("{ \"action\" }"));
}

TEST_CASE("load_source skips what is not IAM and says why") {
  LoadedFile pkg = load("package.json", R"({"name": "app", "dependencies": {"effect": "^3"}})");
  CHECK(pkg.format == Format::Skipped);
  CHECK(pkg.documents.empty());
  CHECK(pkg.skip_reason.starts_with("not IAM"));

  LoadedFile settings = load(".vscode/settings.json", "{\n  // c\n  \"editor.codeActionsOnSave\": {},\n}\n");
  CHECK(settings.format == Format::Skipped);

  LoadedFile ts = load("src/stack.ts", R"({"Statement": []})");
  CHECK(ts.format == Format::Skipped);
  CHECK(ts.skip_reason == "not a format sagelint reads (.ts)");

  LoadedFile py = load("app.PY", "import boto3\n");
  CHECK(py.skip_reason == "not a format sagelint reads (.py)");

  LoadedFile policy = load("p.json", R"({"Version": "2012-10-17", "Statement": []})");
  CHECK(policy.format == Format::Policy);
  CHECK(policy.documents.size() == 1);

  // A broken policy is still a policy: reported as invalid JSON, never skipped.
  LoadedFile broken = load("p.json", "{\"Version\": \"2012-10-17\", \"Statement\": [}");
  CHECK(broken.format == Format::Policy);
  REQUIRE(broken.documents.size() == 1);
  CHECK(broken.documents[0].error != nullptr);
}
