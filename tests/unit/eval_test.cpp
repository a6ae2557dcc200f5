// IAM request evaluation: hand cases taken from the IAM User Guide (each case names its page) and
// the seed 003 closed-network scenario (fixtures/seeds/003-scenario.md).
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "eval/eval.hpp"
#include "eval/guardrail.hpp"
#include "eval/match.hpp"
#include "input/json.hpp"
#include "policy/policy.hpp"

using namespace sagelint;
using eval::Decision;

namespace {

const std::filesystem::path kRoot = SAGELINT_SOURCE_DIR;

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Owns the texts and trees behind a PolicySet (results point into the trees).
class Principal {
 public:
  void identity(std::string name, std::string json) { add(std::move(name), std::move(json), false); }
  void boundary(std::string name, std::string json) { add(std::move(name), std::move(json), true); }
  // A policy node inside a tree parsed elsewhere (e.g. the managed policy bundle).
  void identity_node(std::string name, const input::JsonNode& node) {
    policies_.push_back(std::make_unique<policy::Policy>(policy::build_policy(node)));
    set_.add_identity(std::move(name), *policies_.back());
  }

  eval::Result eval(std::string action, std::string resource, eval::Context context = {}) const {
    eval::Request r{std::move(action), std::move(resource), std::move(context)};
    const eval::Result result = eval::evaluate(set_, r);
    CHECK(eval::decide(set_, r) == result.decision);  // the short-cut agrees with the full walk
    return result;
  }
  Decision decide(std::string action, std::string resource, eval::Context context = {}) const {
    return eval(std::move(action), std::move(resource), std::move(context)).decision;
  }
  const eval::PolicySet& set() const { return set_; }

 private:
  void add(std::string name, std::string json, bool boundary) {
    texts_.push_back(std::make_unique<std::string>(std::move(json)));
    trees_.push_back(input::parse_json(*texts_.back()));
    REQUIRE_MESSAGE(trees_.back().root != nullptr, trees_.back().error.message);
    policies_.push_back(std::make_unique<policy::Policy>(policy::build_policy(*trees_.back().root)));
    if (boundary) {
      set_.add_boundary(std::move(name), *policies_.back());
    } else {
      set_.add_identity(std::move(name), *policies_.back());
    }
  }

  std::vector<std::unique_ptr<std::string>> texts_;
  std::vector<input::JsonParseResult> trees_;
  std::vector<std::unique_ptr<policy::Policy>> policies_;
  eval::PolicySet set_;
};

eval::Context ctx(std::initializer_list<std::pair<std::string, std::string>> kv) {
  eval::Context c;
  for (const auto& [k, v] : kv) c.set(k, v);
  return c;
}

eval::Context multi(std::string key, std::vector<std::string> values) {
  eval::Context c;
  c.set(key, std::move(values));
  return c;
}

std::string one_statement(std::string_view effect, std::string_view action, std::string_view resource,
                          std::string_view condition) {
  std::string s = R"({"Version": "2012-10-17", "Statement": [{"Effect": ")";
  s += effect;
  s += R"(", "Action": ")";
  s += action;
  s += R"(", "Resource": ")";
  s += resource;
  s += '"';
  if (!condition.empty()) {
    s += R"(, "Condition": )";
    s += condition;
  }
  s += "}]}";
  return s;
}

// One Allow statement with the given condition: does the condition hold for `context`?
bool holds(std::string_view condition, eval::Context context) {
  Principal p;
  p.identity("p", one_statement("Allow", "s3:GetObject", "*", condition));
  return p.decide("s3:GetObject", "arn:aws:s3:::b/k", std::move(context)) == Decision::Allow;
}

}  // namespace

// ---- Matching primitives -------------------------------------------------------------------

TEST_CASE("wildcards, ARN segments, numbers, dates and addresses") {
  using namespace eval::detail;
  auto glob = [](std::string_view s) { return compile_template(s, true, false).flat; };
  CHECK(glob_match(glob("*"), "", false));
  CHECK(glob_match(glob("a*b?d"), "aXXbcd", false));
  CHECK_FALSE(glob_match(glob("a*b?d"), "aXXbd", false));
  CHECK(glob_match(glob("héllo?"), "héllo€", false));  // '?' is one character, not one byte
  CHECK(glob_match(glob("ABC"), "abc", true));
  CHECK_FALSE(glob_match(glob("ABC"), "abc", false));
  // reference_policies_elements_condition_operators.html, "Amazon Resource Name (ARN) condition
  // operators": the first '*' may only cover the region segment.
  const std::string request = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt";
  CHECK_FALSE(arn_match(glob("arn:aws:someservice:*:111122223333:finance/*"), request));
  CHECK(glob_match(glob("arn:aws:someservice:*:111122223333:finance/*"), request, false));
  CHECK(arn_match(glob("arn:aws:logs:*:*:log-group:/aws/*"), "arn:aws:logs:us-east-1:1:log-group:/aws/x:log-stream:y"));
  CHECK(arn_match(glob("arn:aws:sagemaker:*"), "arn:aws:sagemaker:us-east-1:1:training-job/x"));
  CHECK_FALSE(arn_match(glob("arn:aws:iam::*:user/Bob"), "arn:aws:iam::1:user/bob"));

  CHECK(parse_number("10") == 10.0);
  CHECK(parse_number("-2.5") == -2.5);
  CHECK_FALSE(parse_number("10x").has_value());
  CHECK_FALSE(parse_number("").has_value());
  CHECK(parse_date("2020-01-01T00:00:01Z") == 1577836801000);
  CHECK(parse_date("2020-01-01T09:00:01+09:00") == 1577836801000);
  CHECK(parse_date("2020-01-01") == 1577836800000);
  CHECK(parse_date("1577836801") == 1577836801000);  // epoch seconds
  CHECK_FALSE(parse_date("2020-02-30").has_value());
  CHECK(format_date(1577836801000) == "2020-01-01T00:00:01Z");
  auto ip = [](std::string_view s) { return *parse_ip(s, true); };
  CHECK(ip_in(ip("203.0.113.0/24"), ip("203.0.113.255")));
  CHECK_FALSE(ip_in(ip("203.0.113.0/24"), ip("203.0.114.0")));
  CHECK(ip_in(ip("2001:DB8:1234:5678::/64"), ip("2001:db8:1234:5678:ffff::1")));
  CHECK_FALSE(ip_in(ip("2001:DB8:1234:5678::/64"), ip("203.0.113.1")));
  CHECK(ip_in(ip("::ffff:10.0.0.0/120"), ip("::ffff:10.0.0.7")));
  CHECK(ip_in(ip("10.1.2.3"), ip("10.1.2.3")));  // no prefix: /32
  CHECK_FALSE(parse_ip("10.1.2", true).has_value());
  CHECK_FALSE(parse_ip("1::2::3", true).has_value());
  CHECK(format_ip(ip("2001:db8::1")) == "2001:db8:0:0:0:0:0:1");
}

// ---- Evaluation logic ----------------------------------------------------------------------

// reference_policies_evaluation-logic_AccessPolicyLanguage_Interplay.html: AllowGetList and
// DenyReports.
TEST_CASE("explicit and implicit denies") {
  Principal p;
  p.identity("inline:Example", R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "AllowGetList", "Effect": "Allow", "Action": ["iam:Get*", "iam:List*"], "Resource": "*"},
    {"Sid": "DenyReports", "Effect": "Deny", "Action": "iam:*Report", "Resource": "*"}]})");
  const auto allowed = p.eval("iam:GetUser", "arn:aws:iam::111122223333:user/Bob");
  CHECK(allowed.decision == Decision::Allow);
  REQUIRE(allowed.allows.size() == 1);
  CHECK(allowed.allows[0].sid == "AllowGetList");
  CHECK(allowed.allows[0].policy == "inline:Example");
  CHECK(allowed.allows[0].index == 0);
  CHECK(allowed.allows[0].node->pointer() == "/Statement/0");
  CHECK(p.decide("iam:CreatePolicy", "*") == Decision::ImplicitDeny);
  const auto denied = p.eval("iam:GetOrganizationsAccessReport", "*");
  CHECK(denied.decision == Decision::ExplicitDeny);
  REQUIRE(denied.denies.size() == 1);
  CHECK(denied.denies[0].sid == "DenyReports");
  CHECK(denied.allows.size() == 1);  // every matching Allow is reported too
}

// reference_policies_elements_action.html: action names are case-insensitive; the IAM user name
// in a Resource ARN is case-sensitive (reference_policies_elements_resource.html).
TEST_CASE("actions ignore case, ARNs do not") {
  Principal p;
  p.identity("p", one_statement("Allow", "IAM:getuser", "arn:aws:iam::111122223333:user/Bob", ""));
  CHECK(p.decide("iam:GetUser", "arn:aws:iam::111122223333:user/Bob") == Decision::Allow);
  CHECK(p.decide("iam:GetUser", "arn:aws:iam::111122223333:user/bob") == Decision::ImplicitDeny);
  CHECK(p.decide("iam:GetUserPolicy", "arn:aws:iam::111122223333:user/Bob") == Decision::ImplicitDeny);
}

TEST_CASE("NotAction and NotResource") {
  Principal p;
  p.identity("p", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
    {"Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::open", "arn:aws:s3:::open/*"]}]})");
  CHECK(p.decide("sagemaker:ListModels", "*") == Decision::Allow);
  CHECK(p.decide("iam:ListRoles", "*") == Decision::ImplicitDeny);
  CHECK(p.decide("s3:GetObject", "arn:aws:s3:::open/x") == Decision::Allow);
  CHECK(p.decide("s3:GetObject", "arn:aws:s3:::secret/x") == Decision::ExplicitDeny);
}

// reference_policies_boundaries.html: the effective permissions are the intersection of the
// identity policies and the boundary; a Deny in either wins.
TEST_CASE("permissions boundary") {
  Principal p;
  p.identity("inline:all", one_statement("Allow", "*", "*", ""));
  p.boundary("boundary:s3", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
    {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]})");
  CHECK(p.decide("s3:GetObject", "arn:aws:s3:::b/k") == Decision::Allow);
  const auto r = p.eval("iam:CreateUser", "arn:aws:iam::1:user/x");
  CHECK(r.decision == Decision::ImplicitDeny);
  CHECK(r.denied_by_boundary);
  const auto d = p.eval("s3:DeleteBucket", "arn:aws:s3:::b");
  CHECK(d.decision == Decision::ExplicitDeny);
  REQUIRE(d.denies.size() == 1);
  CHECK(d.denies[0].boundary);
}

TEST_CASE("statements IAM would reject never apply") {
  Principal p;
  p.identity("p", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:*"},
    {"Effect": "allow", "Action": "s3:*", "Resource": "*"},
    {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": "x"}},
    {"Effect": "Allow", "Action": "s3", "Resource": "*"}]})");
  CHECK(p.decide("s3:GetObject", "arn:aws:s3:::b/k") == Decision::ImplicitDeny);
}

// ---- Condition operators -------------------------------------------------------------------
// reference_policies_elements_condition_operators.html unless a case says otherwise.

TEST_CASE("String operators and a missing key") {
  const auto cond = R"({"StringEquals": {"aws:PrincipalTag/job-category": "iamuser-admin"}})";
  CHECK(holds(cond, ctx({{"aws:PrincipalTag/job-category", "iamuser-admin"}})));
  CHECK_FALSE(holds(cond, ctx({{"aws:PrincipalTag/job-category", "IAMUSER-ADMIN"}})));
  CHECK_FALSE(holds(cond, {}));  // "If a user without the tag attempts ... the condition returns false"
  CHECK(holds(R"({"StringEqualsIgnoreCase": {"aws:PrincipalTag/job-category": "iamuser-admin"}})",
              ctx({{"aws:PrincipalTag/job-category", "IAMUSER-Admin"}})));
  CHECK(holds(R"({"StringLike": {"s3:prefix": "home/*/a?c"}})", ctx({{"s3:prefix", "home/x/y/abc"}})));
  CHECK_FALSE(holds(R"({"StringEquals": {"s3:prefix": "home/*"}})", ctx({{"s3:prefix", "home/x"}})));
  // Condition key names are case-insensitive (reference_policies_elements_condition.html).
  CHECK(holds(R"({"StringEquals": {"AWS:PrincipalTag/Dept": "hr"}})", ctx({{"aws:principaltag/dept", "hr"}})));
}

// "Important": a negated operator is true when the key is missing; ...IfExists is true when the
// key is missing; everything else is false.
TEST_CASE("missing keys: negated operators and IfExists") {
  CHECK(holds(R"({"StringNotLike": {"aws:PrincipalTag/team": "a*"}})", {}));
  CHECK(holds(R"({"ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*:*:t"}})", {}));
  CHECK(holds(R"({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}})", {}));
  CHECK_FALSE(holds(R"({"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:*:t"}})", {}));
  CHECK_FALSE(holds(R"({"NumericLessThan": {"s3:max-keys": "10"}})", {}));
  CHECK(holds(R"({"NumericLessThanIfExists": {"s3:max-keys": "10"}})", {}));
  CHECK(holds(R"({"StringEqualsIfExists": {"ec2:InstanceType": "t2.micro"}})", {}));
  CHECK_FALSE(
      holds(R"({"StringEqualsIfExists": {"ec2:InstanceType": "t2.micro"}})", ctx({{"ec2:InstanceType", "m5.large"}})));
  // "If you are using an "Effect": "Deny" element with a negated condition operator like
  // StringNotEqualsIfExists, the request is still denied even if the tag is missing."
  Principal p;
  p.identity("p", one_statement("Allow", "ec2:*", "*", ""));
  p.identity("q", one_statement("Deny", "ec2:RunInstances", "*",
                                R"({"StringNotEqualsIfExists": {"aws:RequestTag/cost": "ok"}})"));
  CHECK(p.decide("ec2:RunInstances", "*") == Decision::ExplicitDeny);
}

// The RunInstance example of "...IfExists condition operators".
TEST_CASE("StringLikeIfExists example") {
  Principal p;
  p.identity("p", R"({"Version": "2012-10-17", "Statement": [{"Sid": "RunInstance", "Effect": "Allow",
    "Action": "ec2:RunInstances", "Resource": "*",
    "Condition": {"StringLikeIfExists": {"ec2:InstanceType": ["t1.*", "t2.*", "m3.*"]}}}]})");
  CHECK(p.decide("ec2:RunInstances", "arn:aws:ec2:us-east-1:1:image/ami-1") == Decision::Allow);
  CHECK(p.decide("ec2:RunInstances", "arn:aws:ec2:us-east-1:1:instance/*", ctx({{"ec2:InstanceType", "t2.micro"}})) ==
        Decision::Allow);
  CHECK(p.decide("ec2:RunInstances", "arn:aws:ec2:us-east-1:1:instance/*", ctx({{"ec2:InstanceType", "p3.2xlarge"}})) ==
        Decision::ImplicitDeny);
}

TEST_CASE("Numeric, Date, Bool, Binary and IP operators") {
  CHECK(holds(R"({"NumericLessThanEquals": {"s3:max-keys": "10"}})", ctx({{"s3:max-keys", "10"}})));
  CHECK_FALSE(holds(R"({"NumericLessThanEquals": {"s3:max-keys": "10"}})", ctx({{"s3:max-keys", "11"}})));
  CHECK(holds(R"({"NumericEquals": {"s3:max-keys": 10}})", ctx({{"s3:max-keys", "10.0"}})));
  CHECK_FALSE(holds(R"({"NumericEquals": {"s3:max-keys": "10"}})", ctx({{"s3:max-keys", "ten"}})));
  const auto issued = R"({"DateGreaterThan": {"aws:TokenIssueTime": "2020-01-01T00:00:01Z"}})";
  CHECK(holds(issued, ctx({{"aws:TokenIssueTime", "2020-06-01T00:00:00Z"}})));
  CHECK_FALSE(holds(issued, ctx({{"aws:TokenIssueTime", "2019-06-01T00:00:00Z"}})));
  CHECK_FALSE(holds(issued, {}));  // not present for long-term access keys
  CHECK(holds(R"({"DateLessThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}})",
              ctx({{"aws:CurrentTime", "1500000000"}})));  // epoch seconds against an ISO date
  CHECK(holds(R"({"Bool": {"aws:SecureTransport": "false"}})", ctx({{"aws:SecureTransport", "false"}})));
  CHECK(holds(R"({"Bool": {"aws:SecureTransport": false}})", ctx({{"aws:SecureTransport", "FALSE"}})));
  CHECK_FALSE(holds(R"({"Bool": {"aws:SecureTransport": "false"}})", ctx({{"aws:SecureTransport", "true"}})));
  CHECK(holds(R"({"BinaryEquals": {"aws:UserAgent": "QmluYXJ5VmFsdWVJbkJhc2U2NA=="}})",
              ctx({{"aws:UserAgent", "QmluYXJ5VmFsdWVJbkJhc2U2NA=="}})));
  const auto ips = R"({"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:DB8:1234:5678::/64"]}})";
  CHECK(holds(ips, ctx({{"aws:SourceIp", "203.0.113.7"}})));
  CHECK(holds(ips, ctx({{"aws:SourceIp", "2001:db8:1234:5678::9"}})));
  CHECK_FALSE(holds(ips, ctx({{"aws:SourceIp", "198.51.100.1"}})));
  CHECK_FALSE(holds(ips, {}));  // e.g. a request through a VPC endpoint
  CHECK(holds(R"({"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}})", ctx({{"aws:SourceIp", "2001:db8::1"}})));
}

TEST_CASE("Arn operators") {
  // The SQS example: ArnEquals on aws:SourceArn; ArnEquals and ArnLike behave identically.
  const auto eq = R"({"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-2:123456789012:TOPIC-*"}})";
  CHECK(holds(eq, ctx({{"aws:SourceArn", "arn:aws:sns:us-east-2:123456789012:TOPIC-1"}})));
  CHECK_FALSE(holds(eq, ctx({{"aws:SourceArn", "arn:aws:sns:us-east-2:123456789012:topic-1"}})));
  CHECK_FALSE(holds(eq, {}));
  // The SageMaker developer guide's "Enforce Encryption of Notebook Instance Storage Volume"
  // example writes ArnLike against "*key/volume-kms-key-12345": read as a whole-string pattern.
  CHECK(holds(R"({"ArnLike": {"sagemaker:VolumeKmsKey": "*key/volume-kms-key-12345"}})",
              ctx({{"sagemaker:VolumeKmsKey", "arn:aws:kms:us-west-2:111122223333:key/volume-kms-key-12345"}})));
  // A request value that is not an ARN compares with nothing, for the negated operator too.
  CHECK_FALSE(holds(R"({"ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*:*:t"}})", ctx({{"aws:SourceArn", "t"}})));
}

// "Condition operator to check existence of condition keys".
TEST_CASE("Null") {
  const auto no_token = R"({"Null": {"aws:TokenIssueTime": "true"}})";
  CHECK(holds(no_token, {}));
  CHECK_FALSE(holds(no_token, ctx({{"aws:TokenIssueTime", "2020-01-01T00:00:00Z"}})));
  CHECK(holds(R"({"Null": {"aws:TokenIssueTime": false}})", ctx({{"aws:TokenIssueTime", "2020-01-01T00:00:00Z"}})));
  CHECK(holds(R"({"Null": {"aws:TagKeys": "false"}})", multi("aws:TagKeys", {})));  // present, if empty
}

// reference_policies_condition-logic-multiple-context-keys-or-values.html.
TEST_CASE("values OR, keys and operators AND, negated values NOR") {
  const auto role = R"({"StringNotEquals": {"aws:PrincipalTag/role": ["audit", "security"]}})";
  CHECK_FALSE(holds(role, ctx({{"aws:PrincipalTag/role", "audit"}})));
  CHECK_FALSE(holds(role, ctx({{"aws:PrincipalTag/role", "security"}})));
  CHECK(holds(role, ctx({{"aws:PrincipalTag/role", "dev"}})));
  const auto both = R"({"StringEquals": {"aws:PrincipalTag/department": ["a", "b"], "aws:PrincipalTag/role": "x"},
                        "ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/r*"}})";
  eval::Context c = ctx({{"aws:PrincipalTag/department", "b"},
                         {"aws:PrincipalTag/role", "x"},
                         {"aws:PrincipalArn", "arn:aws:iam::1:role/r1"}});
  CHECK(holds(both, c));
  c.erase("aws:PrincipalTag/role");
  CHECK_FALSE(holds(both, c));
}

// reference_policies_multi-value-conditions.html (DynamoDB Thread table) and
// reference_policies_condition-single-vs-multi-valued-context-keys.html.
TEST_CASE("ForAllValues and ForAnyValue") {
  const auto all =
      R"({"ForAllValues:StringLike": {"dynamodb:requestedAttributes": ["PostDateTime", "Message", "Tags"]}})";
  CHECK(holds(all, multi("dynamodb:requestedAttributes", {"PostDateTime", "Message"})));
  CHECK_FALSE(holds(all, multi("dynamodb:requestedAttributes", {"PostDateTime", "UserName"})));
  CHECK(holds(all, multi("dynamodb:requestedAttributes", {})));  // empty data set: true
  CHECK(holds(all, {}));                                         // missing key: true
  const auto any = R"({"ForAnyValue:StringLike": {"dynamodb:requestedAttributes": ["ID", "PostDateTime"]}})";
  CHECK(holds(any, multi("dynamodb:requestedAttributes", {"UserName", "Message", "PostDateTime"})));
  CHECK_FALSE(holds(any, multi("dynamodb:requestedAttributes", {"UserName"})));
  CHECK_FALSE(holds(any, multi("dynamodb:requestedAttributes", {})));  // empty data set: false
  CHECK_FALSE(holds(any, {}));
  CHECK_FALSE(holds(R"({"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "team"}})", {}));
  // reference_policies_condition_examples-multi-valued-context-keys.html, DenyRestrictedTags.
  const auto deny_tags = R"({"ForAllValues:StringNotLike": {"aws:TagKeys": "key1*"}})";
  CHECK_FALSE(holds(deny_tags, multi("aws:TagKeys", {"key1:legal"})));
  CHECK_FALSE(holds(deny_tags, multi("aws:TagKeys", {"key1:hr", "key1:personnel"})));
  CHECK(holds(deny_tags, multi("aws:TagKeys", {"key2:audit"})));
  CHECK(holds(deny_tags, {}));
  // A multivalued key compared without a set operator matches nothing.
  CHECK_FALSE(holds(R"({"StringEquals": {"aws:TagKeys": "team"}})", multi("aws:TagKeys", {"team"})));
  // A single-valued key with a set operator is compared as a set of one.
  CHECK(holds(R"({"ForAnyValue:StringEquals": {"aws:SourceVpce": "vpce-1"}})", ctx({{"aws:SourceVpce", "vpce-1"}})));
}

// reference_policies_variables.html.
TEST_CASE("policy variables") {
  Principal p;
  p.identity("home", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::BUCKET-NAME",
     "Condition": {"StringLike": {"s3:prefix": ["", "home/", "home/${aws:username}/"]}}},
    {"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::BUCKET-NAME/home/${aws:username}",
                                                      "arn:aws:s3:::BUCKET-NAME/home/${aws:username}/*"]}]})");
  const auto david = ctx({{"aws:username", "David"}});
  CHECK(p.decide("s3:GetObject", "arn:aws:s3:::BUCKET-NAME/home/David/notes.txt", david) == Decision::Allow);
  CHECK(p.decide("s3:GetObject", "arn:aws:s3:::BUCKET-NAME/home/Adele/notes.txt", david) == Decision::ImplicitDeny);
  CHECK(p.decide("s3:GetObject", "arn:aws:s3:::BUCKET-NAME/home/David/notes.txt") == Decision::ImplicitDeny);
  eval::Context listing = david;
  listing.set("s3:prefix", "home/David/");
  CHECK(p.decide("s3:ListBucket", "arn:aws:s3:::BUCKET-NAME", listing) == Decision::Allow);
  listing.set("s3:prefix", "home/Adele/");
  CHECK(p.decide("s3:ListBucket", "arn:aws:s3:::BUCKET-NAME", listing) == Decision::ImplicitDeny);

  // "Specifying default values" and "Special characters".
  CHECK(holds(R"({"StringEquals": {"s3:prefix": "${aws:userid, 'anonymous'}"}})", ctx({{"s3:prefix", "anonymous"}})));
  CHECK(holds(R"({"StringEquals": {"s3:prefix": "a${*}b${?}${$}"}})", ctx({{"s3:prefix", "a*b?$"}})));
  CHECK_FALSE(holds(R"({"StringLike": {"s3:prefix": "a${*}"}})", ctx({{"s3:prefix", "ab"}})));
  // A variable's value is literal text: a '*' in it is no wildcard.
  CHECK_FALSE(holds(R"({"StringLike": {"s3:prefix": "${aws:username}"}})",
                    ctx({{"s3:prefix", "abc"}, {"aws:username", "a*"}})));
  // A missing variable never matches, for negated operators neither ...
  CHECK_FALSE(holds(R"({"StringNotEquals": {"s3:prefix": "${aws:username}"}})", ctx({{"s3:prefix", "x"}})));
  CHECK_FALSE(holds(R"({"StringNotLike": {"s3:prefix": "home/${aws:username}/*"}})", ctx({{"s3:prefix", "home/x/y"}})));
  // ... unless no value of it could make the two equal.
  CHECK(holds(R"({"StringNotEquals": {"s3:prefix": "home/${aws:username}"}})", ctx({{"s3:prefix", "abc"}})));
  CHECK(holds(R"({"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:user/${aws:username}"}})",
              ctx({{"aws:PrincipalArn", "arn:aws:iam::999999999999:role/ml-admin"}})));
  // A multivalued key cannot be a variable (single-vs-multi-valued page, "Key points").
  eval::Context tags = multi("aws:TagKeys", {"a"});
  tags.set("s3:prefix", "a");
  CHECK_FALSE(holds(R"({"StringEquals": {"s3:prefix": "${aws:TagKeys}"}})", tags));
  // Without Version 2012-10-17, ${...} is literal text ("Introduction" note).
  Principal old;
  old.identity("old", R"({"Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::b/${aws:username}"}]})");
  CHECK(old.decide("s3:GetObject", "arn:aws:s3:::b/${aws:username}", david) == Decision::Allow);
  CHECK(old.decide("s3:GetObject", "arn:aws:s3:::b/David", david) == Decision::ImplicitDeny);
  // A NotResource pattern whose variable cannot be resolved keeps the statement from applying.
  Principal nr;
  nr.identity("nr", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
    {"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::b/${aws:username}/*"}]})");
  CHECK(nr.decide("s3:GetObject", "arn:aws:s3:::b/other/x", david) == Decision::ExplicitDeny);
  CHECK(nr.decide("s3:GetObject", "arn:aws:s3:::b/David/x", david) == Decision::Allow);
  CHECK(nr.decide("s3:GetObject", "arn:aws:s3:::b/other/x") == Decision::Allow);
  // ... unless no value of the variable could make the pattern cover the resource.
  CHECK(nr.decide("s3:GetObject", "arn:aws:s3:::c/other/x") == Decision::ExplicitDeny);
}

// SageMaker developer guide, "Amazon SageMaker Identity-Based Policy Examples":
// "Restrict Training to a Specific VPC" and "Enforce Disabling Internet Access and Root Access".
TEST_CASE("SageMaker developer guide examples") {
  Principal vpc;
  vpc.identity("p", R"({"Version": "2012-10-17", "Statement": [{"Sid": "AllowFromVpc", "Effect": "Allow",
    "Action": ["sagemaker:CreateTrainingJob", "sagemaker:CreateHyperParameterTuningJob"], "Resource": "*",
    "Condition": {"ForAllValues:StringEquals": {"sagemaker:VpcSubnets": ["subnet-a1234"],
                                                "sagemaker:VpcSecurityGroupIds": ["sg12345", "sg-67890"]},
                  "Null": {"sagemaker:VpcSubnets": "false", "sagemaker:VpcSecurityGroupIds": "false"}}}]})");
  const std::string job = "arn:aws:sagemaker:us-east-1:111122223333:training-job/j";
  eval::Context c;
  c.set("sagemaker:VpcSubnets", std::vector<std::string>{"subnet-a1234"});
  c.set("sagemaker:VpcSecurityGroupIds", std::vector<std::string>{"sg-67890"});
  CHECK(vpc.decide("sagemaker:CreateTrainingJob", job, c) == Decision::Allow);
  c.set("sagemaker:VpcSubnets", std::vector<std::string>{"subnet-a1234", "subnet-other"});
  CHECK(vpc.decide("sagemaker:CreateTrainingJob", job, c) == Decision::ImplicitDeny);
  c.erase("sagemaker:VpcSubnets");  // without the Null check ForAllValues would allow this
  CHECK(vpc.decide("sagemaker:CreateTrainingJob", job, c) == Decision::ImplicitDeny);

  Principal nbi;
  nbi.identity("p", R"({"Version": "2012-10-17", "Statement": [{"Sid": "LockDownCreateNotebookInstance",
    "Effect": "Allow", "Action": ["sagemaker:CreateNotebookInstance"], "Resource": "*",
    "Condition": {"StringEquals": {"sagemaker:DirectInternetAccess": "Disabled", "sagemaker:RootAccess": "Disabled"},
                  "Null": {"sagemaker:VpcSubnets": "false", "sagemaker:VpcSecurityGroupIds": "false"}}}]})");
  eval::Context n = ctx({{"sagemaker:DirectInternetAccess", "Disabled"}, {"sagemaker:RootAccess", "Disabled"}});
  n.set("sagemaker:VpcSubnets", std::vector<std::string>{"subnet-1"});
  n.set("sagemaker:VpcSecurityGroupIds", std::vector<std::string>{"sg-1"});
  const std::string nb = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/n";
  CHECK(nbi.decide("sagemaker:CreateNotebookInstance", nb, n) == Decision::Allow);
  n.set("sagemaker:DirectInternetAccess", "Enabled");
  CHECK(nbi.decide("sagemaker:CreateNotebookInstance", nb, n) == Decision::ImplicitDeny);
}

// The cases of tests/oracle/deviations.mjs, where @cloud-copilot/iam-simulate answers otherwise
// (tests/oracle/README.md says why sagelint answers this way).
TEST_CASE("known deviations from the reference simulator") {
  auto one = [](std::string statement_fields, eval::Context context, std::string action = "s3:GetObject",
                std::string resource = "arn:aws:s3:::bucket/key") {
    Principal p;
    p.identity("p", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ")" + action + "\", " +
                        statement_fields + "}]}");
    return p.decide(action, resource, std::move(context));
  };
  CHECK(one(R"("Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "198.51.100.7"}})",
            ctx({{"aws:SourceIp", "2001:db8::1"}})) == Decision::Allow);
  CHECK(one(R"("Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}})",
            ctx({{"aws:CurrentTime", "1700000000"}})) == Decision::ImplicitDeny);
  CHECK(one(R"("Resource": "*", "Condition": {"ArnLike": {"sagemaker:VolumeKmsKey": "*key/volume-kms-key-12345"}})",
            ctx({{"sagemaker:VolumeKmsKey", "arn:aws:kms:us-west-2:111122223333:key/volume-kms-key-12345"}}),
            "sagemaker:CreateNotebookInstance",
            "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb") == Decision::Allow);
  CHECK(one(R"("Resource": "arn:aws:S3:::bucket/*")", {}) == Decision::ImplicitDeny);
  CHECK(one(R"("Resource": "arn:aws:sagemaker:us-east-1:111122223333:training-*/job")", {},
            "sagemaker:DescribeTrainingJob",
            "arn:aws:sagemaker:us-east-1:111122223333:training-job/job") == Decision::Allow);
  CHECK(one(R"("Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "x${aws:username}"}})",
            ctx({{"aws:PrincipalTag/team", "x"}, {"aws:username", ""}})) == Decision::Allow);
  CHECK(
      one(R"("Resource": "*", "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:user/${aws:username}"}})",
          ctx({{"aws:PrincipalArn", "arn:aws:iam::111122223333:role/ml"}})) == Decision::Allow);
  CHECK(one(R"("Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "home/${aws:username}"}})",
            ctx({{"aws:PrincipalTag/team", "abc"}})) == Decision::Allow);
  Principal nr;
  nr.identity("p", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
    {"Effect": "Deny", "Action": "s3:GetObject", "NotResource": "arn:aws:iam::111122223333:user/${aws:username}"},
    {"Effect": "Deny", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::other/${aws:username}/*"}]})");
  const auto r = nr.eval("s3:GetObject", "arn:aws:s3:::bucket/key");
  CHECK(r.decision == Decision::ExplicitDeny);
  CHECK(r.denies.size() == 2);
}

// ---- Seed 003: closed-network SageMaker notebook guardrails --------------------------------

namespace {

struct Seed003 {
  std::string bundle_text = read_file(kRoot / "data/aws-managed-policies.json");
  input::JsonParseResult bundle = input::parse_json(bundle_text);

  const input::JsonNode& managed(std::string_view name) const {
    REQUIRE(bundle.root != nullptr);
    const auto* policies = bundle.root->find("policies");
    REQUIRE(policies != nullptr);
    const auto* p = policies->value.find(name);
    REQUIRE(p != nullptr);
    const auto* doc = p->value.find("document");
    REQUIRE(doc != nullptr);
    return doc->value;
  }

  // The execution role IFSM-SageMaker-Role (003-scenario.md, "Principals").
  void role(Principal& p, bool with_pass_role_guard = true) const {
    p.identity_node("AmazonSageMakerFullAccess", managed("AmazonSageMakerFullAccess"));
    p.identity("RestrictInternetAccess", read_file(kRoot / "fixtures/seeds/003-restrict-internet-access.json"));
    if (with_pass_role_guard) {
      p.identity("RestrictPassRole", read_file(kRoot / "fixtures/seeds/003-restrict-pass-role.json"));
    }
  }
};

const std::string kJob = "arn:aws:sagemaker:ap-northeast-1:000000000000:training-job/job-1";
const std::string kAdmin = "arn:aws:iam::000000000000:role/Admin";

}  // namespace

TEST_CASE("seed 003: network isolation") {
  Seed003 seed;
  Principal p;
  seed.role(p);
  const auto off = p.eval("sagemaker:CreateTrainingJob", kJob, ctx({{"sagemaker:NetworkIsolation", "false"}}));
  CHECK(off.decision == Decision::ExplicitDeny);
  REQUIRE(off.denies.size() == 1);
  CHECK(off.denies[0].policy == "RestrictInternetAccess");
  CHECK(off.denies[0].index == 0);
  REQUIRE_FALSE(off.allows.empty());
  CHECK(off.allows[0].policy == "AmazonSageMakerFullAccess");
  CHECK(off.allows[0].sid == "AllowAllNonAdminSageMakerActions");
  CHECK(p.decide("sagemaker:CreateTrainingJob", kJob, ctx({{"sagemaker:NetworkIsolation", "true"}})) ==
        Decision::Allow);
  // The engine does not decide whether SageMaker puts sagemaker:NetworkIsolation in the context of a
  // request that omits EnableNetworkIsolation: the caller does. Absent, the Deny (Null false) skips.
  CHECK(p.decide("sagemaker:CreateTrainingJob", kJob) == Decision::Allow);
  // Statement 2: DirectInternetAccess Enabled; statement 1: a subnet outside the two.
  CHECK(p.decide("sagemaker:CreateNotebookInstance",
                 "arn:aws:sagemaker:ap-northeast-1:000000000000:notebook-instance/n",
                 ctx({{"sagemaker:DirectInternetAccess", "Enabled"}})) == Decision::ExplicitDeny);
  CHECK(p.decide("sagemaker:CreateTrainingJob", kJob,
                 multi("sagemaker:VpcSubnets", {"subnet-xxxxxxxxxxxxxxxxx", "subnet-zzz"})) == Decision::ExplicitDeny);
  CHECK(p.decide("sagemaker:CreateTrainingJob", kJob,
                 multi("sagemaker:VpcSubnets", {"subnet-xxxxxxxxxxxxxxxxx", "subnet-yyyyyyyyyyyyyyyyy"})) ==
        Decision::Allow);
  // Statement 3: through an unlisted endpoint, denied; through the public endpoint (no
  // aws:SourceVpce), not (003-scenario.md row 5).
  CHECK(p.decide("sagemaker:ListModels", "*", ctx({{"aws:SourceVpce", "vpce-other"}})) == Decision::ExplicitDeny);
  CHECK(p.decide("sagemaker:ListModels", "*", ctx({{"aws:SourceVpce", "vpce-xxxxxxxxxxxxxxxxx"}})) == Decision::Allow);
  CHECK(p.decide("sagemaker:ListModels", "*") == Decision::Allow);
}

TEST_CASE("seed 003: PassRole") {
  Seed003 seed;
  Principal p;
  seed.role(p);
  const auto to_sm = ctx({{"iam:PassedToService", "sagemaker.amazonaws.com"}});
  const auto admin = p.eval("iam:PassRole", kAdmin, to_sm);
  CHECK(admin.decision == Decision::ExplicitDeny);
  REQUIRE(admin.denies.size() == 1);
  CHECK(admin.denies[0].policy == "RestrictPassRole");
  CHECK(p.decide("iam:PassRole", "arn:aws:iam::000000000000:role/IFSM-SageMaker-Role", to_sm) == Decision::Allow);
  // Row 2: a role matching *AmazonSageMaker* to glue.amazonaws.com is allowed.
  const auto glue = p.eval("iam:PassRole", "arn:aws:iam::000000000000:role/AmazonSageMaker-ExecutionRole-x",
                           ctx({{"iam:PassedToService", "glue.amazonaws.com"}}));
  CHECK(glue.decision == Decision::Allow);
  REQUIRE(glue.allows.size() == 1);
  CHECK(glue.allows[0].sid == "AllowPassRoleForSageMakerRoles");

  Principal unguarded;
  seed.role(unguarded, false);
  const auto open = unguarded.eval("iam:PassRole", kAdmin, to_sm);
  CHECK(open.decision == Decision::Allow);
  REQUIRE(open.allows.size() == 1);
  CHECK(open.allows[0].policy == "AmazonSageMakerFullAccess");
  CHECK(open.allows[0].sid == "AllowPassRoleToSageMaker");
}

TEST_CASE("seed 003: guardrail questions") {
  Seed003 seed;
  Principal p;
  seed.role(p);

  // "Can the role create a training job without network isolation?"
  eval::Question isolation;
  isolation.actions = {"sagemaker:CreateTrainingJob"};
  isolation.resources = {kJob};
  isolation.fixed.set("sagemaker:NetworkIsolation", "false");
  auto answer = eval::find_allowed(p.set(), isolation);
  CHECK_FALSE(answer.allowed());
  CHECK(answer.complete);
  CHECK(answer.contexts > 1);
  CHECK(answer.contexts < 500);

  // With the key's presence left open, the missing-key request gets through (row 3).
  isolation.fixed.clear();
  answer = eval::find_allowed(p.set(), isolation);
  REQUIRE(answer.allowed());
  const eval::Counterexample& ce = answer.counterexamples[0];
  CHECK(ce.request.context.find("sagemaker:NetworkIsolation") == nullptr);
  REQUIRE_FALSE(ce.allowed_by.empty());
  CHECK(ce.allowed_by[0].policy == "AmazonSageMakerFullAccess");
  bool named = false;
  for (const auto& d : ce.unmet_denies) {
    if (d.statement.policy == "RestrictInternetAccess" && d.statement.index == 0) {
      named = true;
      REQUIRE_FALSE(d.conditions.empty());
      CHECK(d.conditions[0].op->key == "Null");
    }
  }
  CHECK(named);
  const eval::Result check = eval::evaluate(p.set(), ce.request);  // the counterexample is real
  CHECK(check.decision == Decision::Allow);

  // "Can it pass an arbitrary role to SageMaker?" No; to another service, an AmazonSageMaker* role: yes.
  eval::Question pass;
  pass.actions = {"iam:PassRole"};
  pass.resources = {kAdmin};
  pass.fixed.set("iam:PassedToService", "sagemaker.amazonaws.com");
  CHECK_FALSE(eval::find_allowed(p.set(), pass).allowed());
  pass.resources = {"arn:aws:iam::000000000000:role/AmazonSageMaker-ExecutionRole-x"};
  pass.fixed.clear();
  const auto other = eval::find_allowed(p.set(), pass);
  REQUIRE(other.allowed());
  const auto* service = other.counterexamples[0].request.context.find("iam:PassedToService");
  REQUIRE(service != nullptr);
  REQUIRE(service->size() == 1);
  CHECK((*service)[0] != "sagemaker.amazonaws.com");

  // Action patterns expand through the catalog.
  eval::Question create;
  create.actions = {"sagemaker:CreateTrainingJob*"};
  create.resources = {kJob};
  create.fixed.set("sagemaker:NetworkIsolation", "false");
  CHECK_FALSE(eval::find_allowed(p.set(), create).allowed());
}

TEST_CASE("guardrail domains: set operators, numbers, absent keys") {
  Principal p;
  p.identity("p", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "sagemaker:CreateTrainingJob", "Resource": "*"},
    {"Effect": "Deny", "Action": "sagemaker:CreateTrainingJob", "Resource": "*",
     "Condition": {"ForAnyValue:StringNotLike": {"sagemaker:InstanceTypes": "ml.c5.*"}}},
    {"Effect": "Deny", "Action": "sagemaker:CreateTrainingJob", "Resource": "*",
     "Condition": {"NumericGreaterThan": {"sagemaker:MaxRuntimeInSeconds": "3600"}}}]})");
  eval::Question q;
  q.actions = {"sagemaker:CreateTrainingJob"};
  q.resources = {kJob};
  q.absent = {"sagemaker:InstanceTypes"};
  q.fixed.set("sagemaker:MaxRuntimeInSeconds", "3601");
  CHECK_FALSE(eval::find_allowed(p.set(), q).allowed());
  q.fixed.set("sagemaker:MaxRuntimeInSeconds", "3600");
  CHECK(eval::find_allowed(p.set(), q).allowed());
  // Instance types free: a set of c5 types only, or no key at all, gets through; a mixed set does not.
  q.absent.clear();
  eval::GuardrailOptions all;
  all.max_counterexamples = 100;
  const auto answer = eval::find_allowed(p.set(), q, all);
  REQUIRE(answer.allowed());
  for (const auto& ce : answer.counterexamples) {
    const auto* types = ce.request.context.find("sagemaker:InstanceTypes");
    if (types == nullptr) continue;
    for (const auto& t : *types) CHECK(t.starts_with("ml.c5."));
  }
  CHECK(eval::find_allowed(p.set(), q, all).contexts == 2);        // absent and {} and {ml.c5.*} merge
  CHECK_FALSE(eval::find_allowed(p.set(), q, {1, 100}).complete);  // the cap cut it short
}

// Timing is measured by bench/eval_bench.cpp; this only guards against a gross regression.
TEST_CASE("a 20-policy principal evaluates quickly") {
  Seed003 seed;
  Principal p;
  seed.role(p);
  const char* names[] = {"AmazonS3FullAccess",          "AmazonEC2ReadOnlyAccess",
                         "CloudWatchLogsFullAccess",    "AmazonSageMakerReadOnly",
                         "IAMReadOnlyAccess",           "AWSLambda_ReadOnlyAccess",
                         "AmazonECS_FullAccess",        "AmazonDynamoDBReadOnlyAccess",
                         "AmazonSQSFullAccess",         "AmazonSNSReadOnlyAccess",
                         "AWSGlueConsoleFullAccess",    "AmazonAthenaFullAccess",
                         "AmazonKinesisReadOnlyAccess", "AWSCloudFormationReadOnlyAccess",
                         "AmazonRDSReadOnlyAccess",     "AWSKeyManagementServicePowerUser",
                         "AmazonVPCReadOnlyAccess"};
  for (const char* n : names) p.identity_node(n, seed.managed(n));
  CHECK(p.set().identity_count() == 20);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 1000; ++i) {
    (void)eval::decide(p.set(), {"sagemaker:CreateTrainingJob", kJob, ctx({{"sagemaker:NetworkIsolation", "false"}})});
  }
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  CHECK(us.count() < 1000 * 1000);  // under 1 ms a request even in a debug build
}
