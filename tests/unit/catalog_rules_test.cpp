// The catalog-backed action and condition rules (SL101-SL103, SL401-SL411) run end to end: real
// seed text in, findings and --fix output compared.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalog/catalog.hpp"
#include "cli/fix.hpp"
#include "input/document.hpp"
#include "lint/linter.hpp"
#include "rules/support/conditions.hpp"
#include "rules/support/service_principals.hpp"
#include "rules/table.hpp"
#include "text/text.hpp"

using namespace sagelint;

namespace {

const std::filesystem::path kRoot = SAGELINT_SOURCE_DIR;

struct Run {
  lint::Registry registry;
  lint::LintConfig config;
  lint::Linter linter;
  lint::FileReport report;
};

void lint_text(Run& run, const std::string& text, std::vector<std::string> select) {
  std::string error;
  REQUIRE_MESSAGE(lint::Registry::build(rules::rule_table(), rules::rule_metas(), run.registry, error), error);
  run.config.select = std::move(select);
  REQUIRE_MESSAGE(lint::Linter::create(run.registry, run.config, catalog::Catalog::builtin(), run.linter, error),
                  error);
  auto file = input::load_source(std::make_unique<input::SourceFile>("p.json", text));
  run.report = run.linter.lint(file);
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The seed with its unquoted placeholder (a JSON error that hides every other finding) quoted.
std::string seed_with_quoted_placeholder(const char* name) {
  std::string text = read(kRoot / "fixtures/seeds" / name);
  const std::string placeholder = "<execution-role-arn>";
  const size_t at = text.find(placeholder);
  REQUIRE(at != std::string::npos);
  text.replace(at, placeholder.size(), "\"" + placeholder + "\"");
  return text;
}

std::vector<std::string> messages(const Run& run) {
  std::vector<std::string> out;
  for (const auto& f : run.report.findings) out.push_back(f.message);
  return out;
}

bool any_contains(const std::vector<std::string>& all, std::string_view part) {
  return std::any_of(all.begin(), all.end(), [&](const std::string& m) { return m.find(part) != std::string::npos; });
}

std::string fixed(const std::string& text, const Run& run, size_t& applied) {
  return cli::apply_fixes(text, run.report.findings, applied);
}

}  // namespace

TEST_CASE("unknown-action: both HyperPod seed typos are found with their suggestions") {
  Run a;
  lint_text(a, seed_with_quoted_placeholder("000-cluster-admin-eks.json"), {"unknown-action"});
  REQUIRE(a.report.findings.size() == 1);
  CHECK(a.report.findings[0].severity == lint::Severity::Error);
  CHECK(a.report.findings[0].start.line == 15);
  CHECK(any_contains(messages(a), "'sagemaker:DescribeCluterNode': did you mean 'sagemaker:DescribeClusterNode'?"));

  Run b;
  lint_text(b, seed_with_quoted_placeholder("001-cluster-admin-eks.json"), {"unknown-action"});
  REQUIRE(b.report.findings.size() == 2);
  CHECK(any_contains(messages(b), "'sagemaker:DescribeCluterNode': did you mean 'sagemaker:DescribeClusterNode'?"));
  CHECK(any_contains(messages(b), "'sagemaker:DeleteClusterNodes': did you mean 'sagemaker:BatchDeleteClusterNodes'?"));
  for (const auto& f : b.report.findings) CHECK(f.severity == lint::Severity::Error);
}

TEST_CASE("unknown-action: --fix corrects the typos and the result lints clean") {
  const std::string text = seed_with_quoted_placeholder("001-cluster-admin-eks.json");
  Run run;
  lint_text(run, text, {"unknown-action"});
  size_t applied = 0;
  const std::string out = fixed(text, run, applied);
  CHECK(applied == 2);
  CHECK(out.find("\"sagemaker:DescribeClusterNode\"") != std::string::npos);
  CHECK(out.find("\"sagemaker:BatchDeleteClusterNodes\"") != std::string::npos);
  CHECK(out.find("Cluter") == std::string::npos);
  CHECK(out.size() == text.size() + 1 + 5);  // only the two names changed
  Run again;
  lint_text(again, out, {"unknown-action"});
  CHECK(again.report.findings.empty());
}

TEST_CASE("unknown-action: names are case-insensitive, and a name close to nothing is a warning") {
  Run run;
  lint_text(run,
            R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*",
                "Action": ["sagemaker:describeclusternode", "SAGEMAKER:ListClusters", "sagemaker:TotallyNewThing"]}]})",
            {"unknown-action"});
  REQUIRE(run.report.findings.size() == 1);
  const auto& f = run.report.findings[0];
  CHECK(f.severity == lint::Severity::Warning);
  CHECK(f.fixes.empty());
  CHECK(f.message.find("data of " + std::string(catalog::Catalog::builtin().data_date())) != std::string::npos);
}

TEST_CASE("unknown-action: a loose suggestion is only a warning when the service evidently lags the data") {
  Run run;
  lint_text(run,
            R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*",
                "Action": ["budgets:CreateBudget", "budgets:DescribeBudgets", "budgets:ViewBudgt"]}]})",
            {"unknown-action"});
  REQUIRE(run.report.findings.size() == 3);
  for (const auto& f : run.report.findings) {
    CAPTURE(f.message);
    // A one-letter slip stays an error; a partial name next to a name unknown to the data does not.
    const bool slip = f.message.find("ViewBudgt") != std::string::npos;
    CHECK(f.severity == (slip ? lint::Severity::Error : lint::Severity::Warning));
  }
}

TEST_CASE("unknown-service and action-wildcard-matches-nothing") {
  Run run;
  lint_text(run,
            R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Resource": "*",
                "Action": ["sagemakr:CreateCluster", "sagemaker:*ClusterNode*", "sagemaker:Describe*Clusters",
                           "elastic-inference:Connect"]}]})",
            {"unknown-service", "action-wildcard-matches-nothing"});
  const auto all = messages(run);
  REQUIRE(all.size() == 3);
  CHECK(any_contains(all, "did you mean 'sagemaker'?"));
  CHECK(any_contains(all, "'sagemaker:Describe*Clusters' matches no action"));
  CHECK(any_contains(all, "this Deny blocks nothing"));
  CHECK(any_contains(all, "service prefix 'elastic-inference'"));
}

TEST_CASE("unknown-condition-operator: each part of the operator is repaired") {
  Run run;
  lint_text(run,
            R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
                "Condition": {"StringEqual": {"iam:PassedToService": "sagemaker.amazonaws.com"},
                              "ForAnyValues:StringLike": {"aws:TagKeys": "team*"},
                              "stringEqualsIfExist": {"aws:RequestedRegion": "us-east-1"},
                              "Bool": {"aws:SecureTransport": "true"}}}]})",
            {"unknown-condition-operator"});
  const auto all = messages(run);
  REQUIRE(all.size() == 3);
  CHECK(any_contains(all, "'StringEqual': did you mean 'StringEquals'?"));
  CHECK(any_contains(all, "'ForAnyValues:StringLike': did you mean 'ForAnyValue:StringLike'?"));
  CHECK(any_contains(all, "'stringEqualsIfExist': did you mean 'StringEqualsIfExists'?"));
}

TEST_CASE("unknown-condition-key: case differences are fine, typos are errors with a fix") {
  const std::string text =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
          "Condition": {"StringEquals": {"iam:passedToService": "sagemaker.amazonaws.com", "AWS:SourceIP": "x",
                                         "aws:SoruceVpce": "vpce-1", "accounts.google.com:aud": "app"}}}]})";
  Run run;
  lint_text(run, text, {"unknown-condition-key"});
  REQUIRE(run.report.findings.size() == 1);
  CHECK(run.report.findings[0].severity == lint::Severity::Error);
  size_t applied = 0;
  CHECK(fixed(text, run, applied).find("\"aws:SourceVpce\": \"vpce-1\"") != std::string::npos);
  CHECK(applied == 1);
}

TEST_CASE("unknown-condition-key: iam:PassedToReception points at iam:PassedToService, as a warning") {
  Run run;
  lint_text(run,
            R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*",
                "Condition": {"StringEquals": {"iam:PassedToReception": "sagemaker.amazonaws.com"}}}]})",
            {"unknown-condition-key"});
  REQUIRE(run.report.findings.size() == 1);
  CHECK(run.report.findings[0].severity == lint::Severity::Warning);
  CHECK(run.report.findings[0].fixes.empty());
  CHECK(any_contains(messages(run), "similar known keys: 'iam:PassedToService'"));
  CHECK(any_contains(messages(run), "this Deny never applies (the guardrail never fires)"));
}

TEST_CASE("condition-key-not-supported: cross-service keys, wildcards expanded, conservative elsewhere") {
  Run run;
  lint_text(run,
            R"({"Version": "2012-10-17", "Statement": [
                {"Effect": "Deny", "Action": "sagemaker:Create*", "Resource": "*",
                 "Condition": {"Bool": {"sagemaker:NetworkIsolation": "false"}}},
                {"Effect": "Deny", "Action": "sagemaker:ListTrainingJobs", "Resource": "*",
                 "Condition": {"StringEquals": {"s3:prefix": "home/"}}},
                {"Effect": "Deny", "NotAction": "sagemaker:ListTrainingJobs", "Resource": "*",
                 "Condition": {"StringEquals": {"s3:prefix": "home/"}}},
                {"Effect": "Deny", "Action": "*", "Resource": "*",
                 "Condition": {"StringEquals": {"s3:prefix": "home/"}}},
                {"Effect": "Deny", "Action": "sagemaker:ListTrainingJobs", "Resource": "*",
                 "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1", "ec2:SourceInstanceArn": "x"}}}]})",
            {"condition-key-not-supported"});
  REQUIRE(run.report.findings.size() == 1);
  CHECK(run.report.findings[0].pointer == "/Statement/1/Condition/StringEquals/s3:prefix");
  CHECK(any_contains(messages(run), "this Deny never applies (the guardrail never fires)"));
}

TEST_CASE("set operators: single-valued, multivalued and the vacuous ForAllValues") {
  Run run;
  lint_text(run,
            R"({"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "sagemaker:CreateTrainingJob", "Resource": "*",
                 "Condition": {"ForAllValues:StringEquals": {"sagemaker:VpcSubnets": ["subnet-1"],
                                                             "aws:SourceVpce": "vpce-1"},
                               "StringEquals": {"sagemaker:VpcSecurityGroupIds": "sg-1"},
                               "ForAllValues:StringLike": {"aws:TagKeys": "team*"}}}]})",
            {"set-operator-on-single-valued-key", "multivalued-key-without-set-operator",
             "for-all-values-without-null-check"});
  const auto all = messages(run);
  REQUIRE(all.size() == 3);
  CHECK(any_contains(all, "on 'aws:SourceVpce', which has at most one value per request"));
  CHECK(any_contains(all, "'sagemaker:VpcSecurityGroupIds' can carry several values"));
  CHECK(any_contains(all, "on 'sagemaker:VpcSubnets' is also true when the request carries no value"));
}

TEST_CASE("type, value and Null checks") {
  Run run;
  lint_text(run,
            R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "sagemaker:*", "Resource": "*",
                "Condition": {"StringEquals": {"aws:SecureTransport": "false"},
                              "IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "10.0.0.0/33", "2001:db8::/32"]},
                              "DateGreaterThan": {"aws:CurrentTime": ["2026-01-31T00:00:00Z", "yesterday"]},
                              "NullIfExists": {"sagemaker:VpcSubnets": "true"},
                              "ArnLike": {"aws:PrincipalArn": ["arn:aws:iam::*:role/x", "*role/x", "my-role"]}}}]})",
            {"condition-operator-type-mismatch", "invalid-condition-value", "null-with-if-exists"});
  const auto all = messages(run);
  REQUIRE(all.size() == 5);
  CHECK(any_contains(all, "'StringEquals' is a string operator, but 'aws:SecureTransport' is a Bool key"));
  CHECK(any_contains(all, "value '10.0.0.0/33'"));
  CHECK(any_contains(all, "value 'yesterday'"));
  CHECK(any_contains(all, "value 'my-role'"));
  CHECK(any_contains(all, "'NullIfExists'"));
}

TEST_CASE("non-string-condition-value and legacy-condition-key fixes") {
  const std::string text =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "sagemaker:CreateTrainingJob",
          "Resource": "*", "Condition": {"Null": {"sagemaker:VolumeKmsKey": true}}}]})";
  Run run;
  lint_text(run, text, {"non-string-condition-value", "legacy-condition-key"});
  REQUIRE(run.report.findings.size() == 2);
  size_t applied = 0;
  const std::string out = fixed(text, run, applied);
  CHECK(applied == 2);
  CHECK(out.find(R"("Null": {"sagemaker:VolumeKmsKeyArn": "true"})") != std::string::npos);
}

TEST_CASE("condition support: value syntax and absent-key results") {
  using rules::OperatorFamily;
  using rules::value_problem;
  CHECK(value_problem(OperatorFamily::Date, "2026").empty());
  CHECK(value_problem(OperatorFamily::Date, "2026-09-26T04:46:59.905Z").empty());
  CHECK(value_problem(OperatorFamily::Date, "2026-09-26T04:46:59+09:00").empty());
  CHECK(value_problem(OperatorFamily::Date, "1758000000").empty());
  CHECK_FALSE(value_problem(OperatorFamily::Date, "2026-13-01").empty());
  CHECK(value_problem(OperatorFamily::IpAddress, "::1").empty());
  CHECK(value_problem(OperatorFamily::IpAddress, "::ffff:192.0.2.1/128").empty());
  CHECK_FALSE(value_problem(OperatorFamily::IpAddress, "256.0.0.1").empty());
  CHECK_FALSE(value_problem(OperatorFamily::IpAddress, "1:2:3:4:5:6:7:8:9").empty());
  CHECK(value_problem(OperatorFamily::Numeric, "-3.5").empty());
  CHECK_FALSE(value_problem(OperatorFamily::Numeric, "3h").empty());
  CHECK(value_problem(OperatorFamily::Bool, "TRUE").empty());
  CHECK(value_problem(OperatorFamily::Bool, "${aws:MultiFactorAuthPresent}").empty());
  CHECK(rules::is_identity_provider_key("token.actions.githubusercontent.com:sub"));
  CHECK_FALSE(rules::is_identity_provider_key("aws:SourceVpce"));
  CHECK(rules::find_legacy_key("SageMaker:volumekmskey")->replacement == "sagemaker:VolumeKmsKeyArn");
  CHECK(rules::find_legacy_key("sagemaker:VolumeKmsKeyArn") == nullptr);
}

TEST_CASE("service principals: known names, wrong case, near misses and pattern reach") {
  const auto& known = rules::ServicePrincipals::of(catalog::Catalog::builtin());
  CHECK(known.contains("sagemaker.amazonaws.com"));
  CHECK(known.contains("ecs-tasks.amazonaws.com"));  // from AWS managed policies, not a prefix
  CHECK_FALSE(known.contains("SageMaker.amazonaws.com"));
  REQUIRE(known.other_case("SageMaker.amazonaws.com") != nullptr);
  CHECK(*known.other_case("SageMaker.amazonaws.com") == "sagemaker.amazonaws.com");
  CHECK(known.other_case("sagemaker.amazonaws.com") == nullptr);
  auto near = known.near("sagemarker.amazonaws.com");
  REQUIRE(near.size() == 1);
  CHECK(near.front() == "sagemaker.amazonaws.com");
  CHECK(known.near("sagemaker.amazonaws.com").empty());
  CHECK(known.count_matching("*.amazonaws.com") >= rules::kBroadServicePattern);
  CHECK(known.count_matching("?*") == known.all().size());
  CHECK(known.count_matching("ec2.amazonaws.com*") == 2);  // and ec2.amazonaws.com.cn
  CHECK(known.count_matching("sagemaker.amazonaws.com") == 1);
  CHECK(known.count_matching("SageMaker.amazonaws.com") == 0);  // StringLike is case-sensitive
  CHECK(text::like_match("a*c?", "abxcd"));
  CHECK_FALSE(text::like_match("a*c?", "abxc"));
}
