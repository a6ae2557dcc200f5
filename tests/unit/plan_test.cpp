// Terraform plans (`terraform show -json`): which resources are read, the policies' ranges inside
// their JSON-encoded strings, and the principals with their attachments.
#include <doctest/doctest.h>

#include "input/document.hpp"

using namespace sagelint::input;

namespace {

LoadedFile load(std::string text) { return load_source(std::make_unique<SourceFile>("plan.json", std::move(text))); }

std::string_view slice(const LoadedFile& f, const JsonNode& n) {
  return f.source->text().substr(n.begin, n.end - n.begin);
}

const Entity* entity(const LoadedFile& f, std::string_view address) {
  for (const auto& e : f.entities) {
    if (e.logical_id == address) return &e;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a plan's policy strings are parsed in place: every node has its range in the plan") {
  const std::string text =
      R"({"format_version":"1.2","planned_values":{"root_module":{"resources":[)"
      R"({"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","values":{"name":"p",)"
      R"("policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get\u004fbject\",\"Resource\":\"*\"}]}"}}]}}})";
  LoadedFile f = load(text);
  CHECK(f.format == Format::TerraformPlan);
  REQUIRE(f.documents.size() == 1);
  const Document& d = f.documents[0];
  CHECK(d.label == "aws_iam_policy.p");
  CHECK(d.kind_hint == KindHint::Identity);
  CHECK_FALSE(d.fixable);
  REQUIRE(d.root != nullptr);
  CHECK(d.root->is_object());
  const JsonNode& st = d.root->find("Statement")->value.items.at(0);
  const JsonNode& action = st.find("Action")->value;
  CHECK(action.text == "s3:GetObject");
  // The string token starts at the quote of its \" and ends after the closing \".
  CHECK(slice(f, action) == R"("s3:Get\u004fbject\")");
  const JsonMember* effect = st.find("Effect");
  CHECK(f.source->text().substr(effect->key_begin, effect->key_end - effect->key_begin) == R"(\"Effect\")");
  CHECK(slice(f, *d.root).starts_with(R"({\"Version\")"));
  CHECK(slice(f, *d.root).ends_with("}]}"));
  REQUIRE(f.entities.size() == 1);
  CHECK(f.entities[0].kind == EntityKind::ManagedPolicy);
  CHECK(f.entities[0].document == std::optional<size_t>(0));
}

TEST_CASE("roles, inline policies and attachments of a plan, references resolved through the configuration") {
  const std::string text = R"({
  "format_version": "1.2",
  "planned_values": {"root_module": {
    "resources": [
      {"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "values": {
        "name": "training",
        "assume_role_policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sagemaker.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}",
        "inline_policy": [{"name": "logs", "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\",\"Resource\":\"*\"}]}"}],
        "managed_policy_arns": ["arn:aws:iam::aws:policy/AmazonSageMakerReadOnly"]}},
      {"address": "data.aws_iam_policy_document.d", "mode": "data", "type": "aws_iam_policy_document", "values": {
        "json": "{\"Statement\":[]}"}},
      {"address": "aws_organizations_policy.tags", "mode": "managed", "type": "aws_organizations_policy", "values": {
        "type": "TAG_POLICY", "content": "{\"tags\":{}}"}}
    ],
    "child_modules": [{"address": "module.m", "resources": [
      {"address": "module.m.aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy", "values": {
        "name": "p", "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"}},
      {"address": "module.m.aws_iam_role_policy_attachment.a", "mode": "managed",
       "type": "aws_iam_role_policy_attachment", "values": {"role": "training"}},
      {"address": "module.m.aws_iam_role_policy_attachment.b", "mode": "managed",
       "type": "aws_iam_role_policy_attachment", "values": {"role": "training", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}}
    ]}]
  }},
  "configuration": {"root_module": {"module_calls": {"m": {"module": {"resources": [
    {"address": "aws_iam_role_policy_attachment.a", "expressions": {
      "policy_arn": {"references": ["aws_iam_policy.p.arn", "aws_iam_policy.p"]}}}
  ]}}}}}
})";
  LoadedFile f = load(text);
  CHECK(f.format == Format::TerraformPlan);
  // Trust, inline, the module's policy; not the data source nor the tag policy.
  REQUIRE(f.documents.size() == 3);
  CHECK(f.documents[0].kind_hint == KindHint::Trust);
  CHECK(f.documents[1].label == "aws_iam_role.r inline policy 'logs'");
  CHECK(f.documents[2].label == "module.m.aws_iam_policy.p");
  const Entity* role = entity(f, "aws_iam_role.r");
  REQUIRE(role != nullptr);
  CHECK(role->name == "training");
  CHECK(role->trust == std::optional<size_t>(0));
  REQUIRE(role->inline_policies.size() == 1);
  CHECK(role->inline_policies[0].name == "logs");
  // managed_policy_arns, then the literal ARN of attachment b (by the role's name).
  REQUIRE(role->managed.size() == 2);
  CHECK(role->managed[1].text == "arn:aws:iam::aws:policy/ReadOnlyAccess");
  // Attachment a: policy_arn is unknown until apply; the configuration says it is module.m's policy.
  const Entity* policy = entity(f, "module.m.aws_iam_policy.p");
  REQUIRE(policy != nullptr);
  REQUIRE(policy->roles.size() == 1);
  CHECK(policy->roles[0].form == Reference::Form::Name);
  CHECK(policy->roles[0].text == "training");
}

TEST_CASE(
    "state (values) and a plan with only resource_changes are read; other JSON with format_version is not a plan") {
  LoadedFile state = load(
      R"({"format_version":"1.0","values":{"root_module":{"resources":[{"address":"aws_sqs_queue.q","mode":"managed",)"
      R"("type":"aws_sqs_queue","values":{"policy":"{\"Statement\":[]}"}}]}}})");
  CHECK(state.format == Format::TerraformPlan);
  REQUIRE(state.documents.size() == 1);
  CHECK(state.documents[0].kind_hint == KindHint::Resource);
  LoadedFile changes = load(
      R"({"format_version":"1.2","resource_changes":[{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy",)"
      R"("change":{"actions":["create"],"after":{"policy":"{\"Statement\":[]}"}}}]})");
  REQUIRE(changes.documents.size() == 1);
  CHECK(changes.documents[0].label == "aws_iam_policy.p");
  LoadedFile other = load(R"({"format_version":"1.0","Statement":"x"})");
  CHECK(other.format != Format::TerraformPlan);
}
