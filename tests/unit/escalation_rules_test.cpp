// The SageMaker privilege-escalation access rules (SL503-SL505) with their options, which the
// fixture harness (--no-config) cannot set: approved-roles, report-named-roles, and the
// subject that may do everything anyway (read from the statements), and SL502 on a PassRole Deny
// that never applies.
#include <doctest/doctest.h>
#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalog/catalog.hpp"
#include "input/document.hpp"
#include "lint/linter.hpp"
#include "principal/model.hpp"
#include "rules/table.hpp"

using namespace sagelint;

namespace {

const std::filesystem::path kRoot = SAGELINT_SOURCE_DIR;

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const principal::FileLoader kNoFiles = [](const std::string&, std::string& error) -> const input::LoadedFile* {
  error = "no files here";
  return nullptr;
};

struct Run {
  lint::Registry registry;
  lint::LintConfig config;
  lint::Linter linter;

  Run(const std::string& rule, toml::table options = {}) {
    std::string error;
    REQUIRE_MESSAGE(lint::Registry::build(rules::rule_table(), rules::rule_metas(), registry, error), error);
    config.select = {rule};
    config.rule_options[rule] = lint::options_from_toml(options);
    REQUIRE_MESSAGE(lint::Linter::create(registry, config, catalog::Catalog::builtin(), linter, error), error);
  }

  // Every finding's message: the file phase, then the principal phase.
  std::vector<std::string> lint(const std::string& path, const std::string& text) {
    input::LoadedFile file = input::load_source(std::make_unique<input::SourceFile>(path, text));
    std::vector<std::string> out;
    for (const auto& f : linter.lint(file).findings) out.push_back(f.message);
    auto set = principal::PrincipalSet::build({&file}, {}, nullptr, kNoFiles, principal::AwsManagedPolicies::builtin());
    for (const auto& report : linter.lint_principals(set)) {
      for (const auto& f : report.findings) out.push_back(f.message);
    }
    return out;
  }
};

toml::table strings(std::string_view key, std::initializer_list<std::string_view> values) {
  toml::array list;
  for (auto v : values) list.push_back(std::string(v));
  return toml::table{{key, list}};
}

std::string full_access() {
  return read(kRoot / "fixtures/rules/sagemaker-passrole-code-execution/invalid/AmazonSageMakerFullAccess.json");
}

// A user who may pass one named role to SageMaker and start training jobs; the role it names is
// defined next to it with AdministratorAccess.
const char* kNamedRoleTemplate = R"(Resources:
  PowerfulRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: PowerfulRole
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{Effect: Allow, Principal: {Service: sagemaker.amazonaws.com}, Action: sts:AssumeRole}]
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
  Trainer:
    Type: AWS::IAM::User
    Properties:
      UserName: trainer
      Policies:
        - PolicyName: train
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - {Effect: Allow, Action: sagemaker:CreateTrainingJob, Resource: '*'}
              - Effect: Allow
                Action: iam:PassRole
                Resource: arn:aws:iam::111122223333:role/PowerfulRole
                Condition: {StringEquals: {iam:PassedToService: sagemaker.amazonaws.com}}
)";

}  // namespace

TEST_CASE("SL503: approved-roles that cover every role silence AmazonSageMakerFullAccess") {
  Run plain("sagemaker-passrole-code-execution");
  CHECK(plain.lint("p.json", full_access()).size() == 1);
  Run approved("sagemaker-passrole-code-execution", strings("approved-roles", {"arn:aws:iam::*:role/*"}));
  CHECK(approved.lint("p.json", full_access()).empty());
}

TEST_CASE("SL503: approved-roles naming one role still leave the wildcard grant reported") {
  Run run("sagemaker-passrole-code-execution",
          strings("approved-roles", {"arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole"}));
  const auto messages = run.lint("p.json", full_access());
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].find("can pass a role outside 'approved-roles' to SageMaker") != std::string::npos);
  CHECK(messages[0].find("'arn:aws:iam::111122223333:role/sagelint-any-role'") != std::string::npos);
}

TEST_CASE("SL503: a named role is trusted by default; report-named-roles reports it when it may do more") {
  Run plain("sagemaker-passrole-code-execution");
  CHECK(plain.lint("iam.yaml", kNamedRoleTemplate).empty());

  Run named("sagemaker-passrole-code-execution", toml::table{{"report-named-roles", true}});
  const auto messages = named.lint("iam.yaml", kNamedRoleTemplate);
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].starts_with("user 'trainer' can pass role 'PowerfulRole' (defined in the same file) to SageMaker"));
  CHECK(messages[0].find("'iam:PassRole' on 'arn:aws:iam::111122223333:role/PowerfulRole'") != std::string::npos);
  CHECK(messages[0].find("then 'sagemaker:CreateTrainingJob'") != std::string::npos);
  CHECK(messages[0].find("role 'PowerfulRole' may '") != std::string::npos);
  CHECK(messages[0].find("which user 'trainer' may not") != std::string::npos);

  toml::table both = strings("approved-roles", {"arn:aws:iam::*:role/PowerfulRole"});
  both.insert("report-named-roles", true);
  Run approved("sagemaker-passrole-code-execution", std::move(both));
  CHECK(approved.lint("iam.yaml", kNamedRoleTemplate).empty());
}

TEST_CASE("SL503-SL505: a subject allowed every action gains nothing and is not reported") {
  // AdministratorAccess.
  const char* admin =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})";
  for (const char* rule : {"sagemaker-passrole-code-execution", "presigned-notebook-url-any-notebook",
                           "notebook-lifecycle-config-escalation"}) {
    Run run(rule);
    CHECK_MESSAGE(run.lint("admin.json", admin).empty(), rule);
  }
}

TEST_CASE("SL503-SL505: 'allowed every action' is read from the statements, not from invented actions") {
  const char* rules_[] = {"sagemaker-passrole-code-execution", "presigned-notebook-url-any-notebook",
                          "notebook-lifecycle-config-escalation"};
  // Everything but S3 and kms:Decrypt: the role or notebook reached may hold exactly those.
  const char* not_action = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "NotAction": ["s3:*", "kms:Decrypt"], "Resource": "*"}]})";
  // Administrator with one Deny: the Deny may take away what the escalation gives back.
  const char* admin_with_deny = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::payroll/*"}]})";
  // Every action only under a condition.
  const char* conditional_admin = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "*", "Resource": "*",
     "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]})";
  // A NotAction naming only an action no service has leaves every real action: an administrator.
  const char* not_action_nothing = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "NotAction": "sagelint:NoSuchAction", "Resource": "*"}]})";
  // "*:*" on "*" is every action too.
  const char* star_colon_star = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "*:*", "Resource": "*"}]})";
  for (const char* rule : rules_) {
    Run run(rule);
    CHECK_MESSAGE(run.lint("not-action.json", not_action).size() == 1, rule);
    CHECK_MESSAGE(run.lint("admin-with-deny.json", admin_with_deny).size() == 1, rule);
    CHECK_MESSAGE(run.lint("conditional-admin.json", conditional_admin).size() == 1, rule);
    CHECK_MESSAGE(run.lint("not-action-nothing.json", not_action_nothing).empty(), rule);
    CHECK_MESSAGE(run.lint("star-colon-star.json", star_colon_star).empty(), rule);
  }
}

TEST_CASE("SL502: a PassRole Deny is called void only when its NotResource covers every role") {
  auto templ = [](std::string_view not_resource) {
    return std::string(R"({"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {
      "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
      "Policies": [{"PolicyName": "P", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
        {"Sid": "D", "Effect": "Deny", "Action": "iam:PassRole", "NotResource": ")") +
           std::string(not_resource) + R"(",
         "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}]}}]}}}})";
  };
  Run run("passrole-deny-missing");
  for (const char* every : {"arn:aws:iam::*:role/*", "*", "arn:aws:iam::*:*", "arn:*:iam::*:role*"}) {
    const auto found = run.lint("t.json", templ(every));
    REQUIRE_MESSAGE(found.size() == 1, every);
    CHECK_MESSAGE(found[0].find("never applies to 'iam:PassRole'") != std::string::npos, every);
  }
  for (const char* some : {"arn:aws:iam::*:role/ml-*", "arn:aws:iam::111122223333:role/*", "arn:aws:iam::*:role/?*x"}) {
    const auto found = run.lint("t.json", templ(some));
    REQUIRE_MESSAGE(found.size() == 1, some);
    CHECK_MESSAGE(found[0].find("never applies") == std::string::npos, some);
  }
}

TEST_CASE("SL504: an owner-tag condition scopes the presigned URL; a Deny on one tag value does not") {
  Run run("presigned-notebook-url-any-notebook");
  CHECK(run.lint("p.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Action": "sagemaker:CreatePresignedNotebookInstanceUrl", "Resource": "*",
    "Condition": {"StringEquals": {"aws:ResourceTag/owner": "${aws:username}"}}}]})")
            .empty());
  const auto messages = run.lint("p.json", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "sagemaker:*", "Resource": "*"},
    {"Effect": "Deny", "Action": "sagemaker:*", "Resource": "*",
     "Condition": {"StringEquals": {"sagemaker:ResourceTag/Project": "B"}}}]})");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].find("for a notebook without the tags its policies test ('sagemaker:ResourceTag/Project')") !=
        std::string::npos);
}

TEST_CASE("SL504: an owner-tag scope does not hold when the caller may tag other notebooks") {
  Run run("presigned-notebook-url-any-notebook");
  const auto messages = run.lint("p.json", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "sagemaker:CreatePresignedNotebookInstanceUrl", "Resource": "*",
     "Condition": {"StringEquals": {"aws:ResourceTag/owner": "${aws:username}"}}},
    {"Effect": "Allow", "Action": "sagemaker:AddTags", "Resource": "*"}]})");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].find("'sagemaker:AddTags' on 'arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/"
                         "sagelint-someone-elses-notebook' is allowed by statement 1 (line 4), so it can put the tags "
                         "its policies test ('aws:ResourceTag/owner') on someone else's notebook, and then "
                         "'sagemaker:CreatePresignedNotebookInstanceUrl'") != std::string::npos);
}

TEST_CASE("SL505: a configuration the caller may name so that the attach condition admits it still counts") {
  Run run("notebook-lifecycle-config-escalation");
  // The caller may only create configurations named my-*, and attach only approved-* ones.
  CHECK(run.lint("p.json", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "sagemaker:CreateNotebookInstanceLifecycleConfig",
     "Resource": "arn:aws:sagemaker:*:*:notebook-instance-lifecycle-config/my-*"},
    {"Effect": "Allow", "Action": "sagemaker:UpdateNotebookInstance", "Resource": "*",
     "Condition": {"ForAllValues:ArnLike": {"sagemaker:NotebookInstanceLifecycleConfigArns":
       "arn:aws:sagemaker:*:*:notebook-instance-lifecycle-config/approved-*"}}}]})")
            .empty());
  // Creating any name, it creates an approved-* one and attaches it.
  const auto messages = run.lint("p.json", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "sagemaker:CreateNotebookInstanceLifecycleConfig", "Resource": "*"},
    {"Effect": "Allow", "Action": "sagemaker:UpdateNotebookInstance", "Resource": "*",
     "Condition": {"ForAllValues:ArnLike": {"sagemaker:NotebookInstanceLifecycleConfigArns":
       "arn:aws:sagemaker:*:*:notebook-instance-lifecycle-config/approved-*"}}}]})");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].find("notebook-instance-lifecycle-config/approved-") != std::string::npos);
  CHECK(messages[0].find("(it attaches a new configuration to a stopped notebook)") != std::string::npos);
  CHECK(messages[0].find("the script runs when the notebook next starts") != std::string::npos);
}

TEST_CASE("a string-list option with items that are not strings is an error, not dropped") {
  lint::Registry registry;
  std::string error;
  REQUIRE(lint::Registry::build(rules::rule_table(), rules::rule_metas(), registry, error));
  lint::LintConfig config;
  toml::table options;
  toml::array roles;
  roles.push_back("arn:aws:iam::111122223333:role/Approved");
  roles.push_back(42);
  options.insert("approved-roles", std::move(roles));
  config.rule_options["sagemaker-passrole-code-execution"] = lint::options_from_toml(options);
  lint::Linter linter;
  CHECK_FALSE(lint::Linter::create(registry, config, catalog::Catalog::builtin(), linter, error));
  CHECK(error ==
        "options for sagemaker-passrole-code-execution: option 'approved-roles' takes a list of strings; item 2 is "
        "not a string");
}

TEST_CASE("options under a rule's id are refused with the name to use, not ignored") {
  lint::Registry registry;
  std::string error;
  REQUIRE(lint::Registry::build(rules::rule_table(), rules::rule_metas(), registry, error));
  lint::LintConfig config;
  lint::Options options;
  options.set("report-named-roles", false);
  config.rule_options["SL501"] = options;
  lint::Linter linter;
  CHECK_FALSE(lint::Linter::create(registry, config, catalog::Catalog::builtin(), linter, error));
  CHECK(error ==
        "options: [rules.SL501] names the rule by its id; options are set under its name, "
        "[rules.passrole-missing-passed-to-service]");
  // The same options under the name are taken.
  config.rule_options.clear();
  config.rule_options["passrole-missing-passed-to-service"] = options;
  CHECK_MESSAGE(lint::Linter::create(registry, config, catalog::Catalog::builtin(), linter, error), error);
}
