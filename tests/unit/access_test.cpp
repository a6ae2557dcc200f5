// Access-scope dispatch (lint/access.hpp): a standalone identity policy is judged on its own in
// the file phase; a file that defines principals, or that the manifest attaches, is judged only
// through its roles and users in the principal phase; groups are judged through their members.
#include <doctest/doctest.h>

#include "catalog/catalog.hpp"
#include "input/document.hpp"
#include "lint/access.hpp"
#include "lint/linter.hpp"
#include "principal/model.hpp"

using namespace sagelint;

namespace {

// Reports every subject it is asked about, at the first statement, naming it.
class NameSubject final : public lint::AccessRule {
 public:
  void check_access(lint::AccessContext& ctx) const override {
    if (ctx.principal() != nullptr) {
      ctx.report("principal " + ctx.principal()->name);
      return;
    }
    const auto& statements = ctx.policy()->statements;
    ctx.report("standalone policy", statements.empty() ? nullptr : statements.front().node);
  }
};

std::unique_ptr<lint::Rule> make_name_subject() { return std::make_unique<NameSubject>(); }

constexpr lint::RuleDefinition kDefinitions[] = {{"name-subject", &make_name_subject}};
constexpr lint::EmbeddedRuleToml kTomls[] = {{"name-subject.toml", R"(id = "SL999"
name = "name-subject"
severity = "note"
scope = "access"
summary = "Names the subject"
tags = ["test"]
precision = "high"
explanation = "For the dispatch test."
remediation = "None."
references = ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"]
)"}};

struct Lint {
  lint::Registry registry;
  lint::LintConfig config;
  lint::Linter linter;
  Lint() {
    std::string error;
    REQUIRE_MESSAGE(lint::Registry::build(kDefinitions, kTomls, registry, error), error);
    REQUIRE_MESSAGE(lint::Linter::create(registry, config, catalog::Catalog::builtin(), linter, error), error);
  }
};

input::LoadedFile load(const std::string& path, const std::string& text) {
  return input::load_source(std::make_unique<input::SourceFile>(path, text));
}

const principal::FileLoader kNoFiles = [](const std::string&, std::string& error) -> const input::LoadedFile* {
  error = "no files here";
  return nullptr;
};

const char* kPolicy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "sagemaker:CreateTrainingJob", "Resource": "*"}
  ]
})";

const char* kTemplate = R"(Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{Effect: Allow, Principal: {Service: sagemaker.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: train
          PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: sagemaker:CreateTrainingJob, Resource: '*'}]}
  Team:
    Type: AWS::IAM::Group
    Properties:
      GroupName: team
  Alice:
    Type: AWS::IAM::User
    Properties:
      UserName: alice
      Groups: [!Ref Team]
)";

}  // namespace

TEST_CASE("access rules judge a standalone identity policy at the statement") {
  Lint l;
  input::LoadedFile f = load("train.json", kPolicy);
  lint::FileReport r = l.linter.lint(f);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].message == "standalone policy");
  CHECK(r.findings[0].start.line == 4);
  CHECK(r.findings[0].start.column == 5);
  CHECK(r.findings[0].pointer == "/Statement/0");
}

TEST_CASE("a policy file the manifest attaches is judged only through its principal") {
  Lint l;
  input::LoadedFile f = load("train.json", kPolicy);
  CHECK(l.linter.lint(f, true).findings.empty());
}

TEST_CASE("trust and resource policies are not access subjects") {
  Lint l;
  input::LoadedFile f = load("trust.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}]})");
  CHECK(l.linter.lint(f).findings.empty());
}

TEST_CASE("a template's policies are judged through its roles and users, not alone") {
  Lint l;
  input::LoadedFile f = load("iam.yaml", kTemplate);
  CHECK(l.linter.lint(f).findings.empty());
  CHECK(l.linter.has_principal_rules());
  auto set = principal::PrincipalSet::build({&f}, {}, nullptr, kNoFiles, principal::AwsManagedPolicies::builtin());
  auto reports = l.linter.lint_principals(set);
  REQUIRE(reports.size() == 1);
  std::vector<std::string> messages;
  for (const auto& finding : reports[0].findings) messages.push_back(finding.message);
  // The group is not asked: alice is, and its policies would be among hers.
  CHECK(messages == std::vector<std::string>{"principal Role", "principal alice"});
  CHECK(reports[0].findings[0].start.line == 2);
}

TEST_CASE("a rule whose TOML scope disagrees with its class is rejected, not silently skipped") {
  // The same access rule, declared in its TOML as a principal or a document rule: the linter
  // would dispatch it to an entry point the class does not have.
  for (const char* scope : {"principal", "document"}) {
    const std::string toml = std::string(kTomls[0].text);
    const std::string wrong = toml.substr(0, toml.find("scope = ")) + "scope = \"" + scope + "\"" +
                              toml.substr(toml.find('\n', toml.find("scope = ")));
    const lint::EmbeddedRuleToml tomls[] = {{"name-subject.toml", wrong}};
    lint::Registry registry;
    std::string error;
    CHECK_FALSE(lint::Registry::build(kDefinitions, tomls, registry, error));
    CHECK(error == std::string("rule 'name-subject': rules/name-subject.toml says scope = \"") + scope +
                       "\" but its class has scope \"access\" (derive from " +
                       (std::string(scope) == "principal" ? "lint::PrincipalRule" : "lint::Rule") +
                       ", or change the TOML)");
  }
}
