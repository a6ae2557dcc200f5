// The subject model (principal/subject.hpp): one Subject per principal for the run, documents
// typed once and shared, one trust semantics, the SageMaker-trusting role index.
#include <doctest/doctest.h>

#include "eval/eval.hpp"
#include "input/document.hpp"
#include "principal/model.hpp"
#include "principal/subject.hpp"

using namespace sagelint;

namespace {

input::LoadedFile load(const std::string& path, const std::string& text) {
  return input::load_source(std::make_unique<input::SourceFile>(path, text));
}

const principal::FileLoader kNoFiles = [](const std::string& path, std::string& error) -> const input::LoadedFile* {
  error = path + ": not found";
  return nullptr;
};

const principal::Principal& find(const principal::PrincipalSet& set, std::string_view name) {
  for (const auto& p : set.principals()) {
    if (p.name == name) return p;
  }
  FAIL("no principal " << name);
  throw std::logic_error("unreachable");
}

bool admits(const std::string& trust_json, std::string_view service = "sagemaker.amazonaws.com") {
  input::LoadedFile f = load("trust.json", trust_json);
  REQUIRE(f.documents.size() == 1);
  const policy::Policy trust = policy::build_policy(*f.documents[0].root, input::KindHint::Trust);
  return principal::trust_admits(trust, service);
}

std::string trust(const std::string& statements) {
  return R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}";
}

// Two roles and a user sharing one customer managed policy; a role with a group-less boundary.
const char* kTemplate = R"(Resources:
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: shared
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - {Sid: Pass, Effect: Allow, Action: iam:PassRole, Resource: 'arn:aws:iam::*:role/team-a-*'}
          - {Effect: Allow, Action: sagemaker:CreateTrainingJob, Resource: '*', Condition: {StringEquals: {'aws:ResourceTag/owner': me}}}
  TeamA1:
    Type: AWS::IAM::Role
    Properties:
      RoleName: team-a-1
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{Effect: Allow, Principal: {Service: SageMaker.amazonaws.com}, Action: 'sts:*'}]
      ManagedPolicyArns: [!Ref Shared]
  TeamB1:
    Type: AWS::IAM::Role
    Properties:
      RoleName: team-b-1
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{Effect: Allow, Principal: {Service: sagemaker.amazonaws.com}, Action: sts:AssumeRole}]
      ManagedPolicyArns: [!Ref Shared]
  TeamA2:
    Type: AWS::IAM::Role
    Properties:
      RoleName: team-a-2
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]
      ManagedPolicyArns: [!Ref Shared, arn:aws:iam::123456789012:policy/not-in-the-input]
  Dev:
    Type: AWS::IAM::User
    Properties:
      UserName: dev
      ManagedPolicyArns: [!Ref Shared]
      Policies:
        - PolicyName: own
          PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Deny, Action: 's3:*', Resource: '*'}]}
)";

}  // namespace

TEST_CASE("trusted_by: one semantics for 'may this service assume the role?'") {
  const std::string assume = R"("Action": "sts:AssumeRole")";
  const std::string sagemaker = R"("Principal": {"Service": "sagemaker.amazonaws.com"})";
  CHECK(admits(trust(R"({"Effect": "Allow", )" + sagemaker + ", " + assume + "}")));
  // Service principals compare case-insensitively; a list names several.
  CHECK(admits(
      trust(R"({"Effect": "Allow", "Principal": {"Service": ["ec2.amazonaws.com", "SAGEMAKER.amazonaws.com"]}, )" +
            assume + "}")));
  // The bare wildcard is everyone, the service included.
  CHECK(admits(trust(R"({"Effect": "Allow", "Principal": "*", )" + assume + "}")));
  // Action patterns and NotAction that leaves sts:AssumeRole.
  CHECK(admits(trust(R"({"Effect": "Allow", )" + sagemaker + R"(, "Action": "sts:Assume*"})")));
  CHECK(admits(trust(R"({"Effect": "Allow", )" + sagemaker + R"(, "NotAction": "sts:TagSession"})")));
  CHECK_FALSE(admits(trust(R"({"Effect": "Allow", )" + sagemaker + R"(, "NotAction": "sts:AssumeRole"})")));
  CHECK_FALSE(admits(trust(R"({"Effect": "Allow", )" + sagemaker + R"(, "Action": "sts:TagSession"})")));
  // Conditions on the Allow (confused-deputy keys) are met by the service acting for the account.
  CHECK(admits(trust(R"({"Effect": "Allow", )" + sagemaker + ", " + assume +
                     R"(, "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}})")));
  // Another service, NotPrincipal, AWS account principals: not the service.
  CHECK_FALSE(admits(trust(R"({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, )" + assume + "}")));
  CHECK_FALSE(
      admits(trust(R"({"Effect": "Allow", "NotPrincipal": {"Service": "ec2.amazonaws.com"}, )" + assume + "}")));
  CHECK_FALSE(
      admits(trust(R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, )" + assume + "}")));
  // An unconditional Deny for the service or "*" wins; a conditional one does not decide.
  const std::string allow = R"({"Effect": "Allow", )" + sagemaker + ", " + assume + "}";
  CHECK_FALSE(admits(trust(allow + R"(, {"Effect": "Deny", "Principal": "*", )" + assume + "}")));
  CHECK_FALSE(admits(trust(allow + R"(, {"Effect": "Deny", )" + sagemaker + R"(, "Action": "sts:*"})")));
  CHECK(admits(trust(allow + R"(, {"Effect": "Deny", "Principal": "*", )" + assume +
                     R"(, "Condition": {"Bool": {"aws:SecureTransport": "false"}}})")));
  CHECK(
      admits(trust(allow + R"(, {"Effect": "Deny", "Principal": {"Service": "ec2.amazonaws.com"}, )" + assume + "}")));
}

TEST_CASE("Subjects: one Subject per principal, each document typed once and shared") {
  input::LoadedFile f = load("iam.yaml", kTemplate);
  const auto set =
      principal::PrincipalSet::build({&f}, {}, nullptr, kNoFiles, principal::AwsManagedPolicies::builtin());
  const principal::Subjects subjects(set);
  const principal::Subject& a1 = subjects.of(find(set, "team-a-1"));
  CHECK(&subjects.of(find(set, "team-a-1")) == &a1);
  const principal::Subject& b1 = subjects.of(find(set, "team-b-1"));
  const principal::Subject& dev = subjects.of(find(set, "dev"));
  REQUIRE(a1.policies().size() == 1);
  // The shared managed policy: one typed Policy behind every subject it is attached to.
  CHECK(a1.policies()[0].policy == b1.policies()[0].policy);
  CHECK(dev.policies()[1].policy == a1.policies()[0].policy);
  // shared + dev's inline policy + two trust policies.
  CHECK(subjects.typed_count() == 4);

  CHECK(a1.principal() == &find(set, "team-a-1"));
  CHECK(a1.complete());
  CHECK(a1.trusted_by("sagemaker.amazonaws.com"));
  CHECK_FALSE(dev.trusted_by("sagemaker.amazonaws.com"));  // a user has no trust policy

  // The evaluator is compiled once and answers with the subject's policy names.
  const eval::PolicySet* set_a1 = a1.evaluator();
  REQUIRE(set_a1 != nullptr);
  CHECK(a1.evaluator() == set_a1);
  const eval::Result r = eval::evaluate(*set_a1, {"iam:PassRole", "arn:aws:iam::123456789012:role/team-a-9", {}});
  CHECK(r.decision == eval::Decision::Allow);
  REQUIRE(r.allows.size() == 1);
  CHECK(a1.describe(r.allows[0]) == "statement 'Pass' of 'shared' (iam.yaml:9)");

  // What the identity policies name.
  CHECK(a1.may_grant("iam:PassRole"));
  CHECK_FALSE(a1.may_grant("iam:CreateRole"));
  CHECK(a1.patterns_for("iam:PassRole") == std::vector<std::string_view>{"arn:aws:iam::*:role/team-a-*"});
  CHECK(a1.resource_tag_keys() == std::vector<std::string>{"aws:ResourceTag/owner"});
  CHECK(a1.condition_values("AWS:RESOURCETAG/OWNER") == std::vector<std::string_view>{"me"});
  CHECK(a1.reads_key("aws:resourcetag/owner"));
  CHECK_FALSE(a1.reads_key("aws:PrincipalAccount"));
  CHECK(dev.statements().size() == 3);
  CHECK(dev.keys_with_prefix("aws:ResourceTag/") == std::vector<std::string>{"aws:ResourceTag/owner"});
}

TEST_CASE("a subject with a policy sagelint cannot see has typed statements but no evaluator") {
  input::LoadedFile f = load("iam.yaml", kTemplate);
  const auto set =
      principal::PrincipalSet::build({&f}, {}, nullptr, kNoFiles, principal::AwsManagedPolicies::builtin());
  const principal::Subjects subjects(set);
  const principal::Subject& a2 = subjects.of(find(set, "team-a-2"));
  CHECK_FALSE(a2.complete());
  CHECK(a2.evaluator() == nullptr);
  CHECK(a2.may_grant("iam:PassRole"));  // what is known is still read
  CHECK_FALSE(a2.trusted_by("sagemaker.amazonaws.com"));
}

TEST_CASE("a standalone policy is a subject of its own") {
  input::LoadedFile f = load("p.json", R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Run", "Effect": "Allow", "Action": "sagemaker:CreateTrainingJob", "Resource": "*"}]})");
  const policy::Policy policy = policy::build_policy(*f.documents[0].root, input::KindHint::Identity);
  const principal::Subject subject(f.documents[0], policy);
  CHECK(subject.principal() == nullptr);
  CHECK(subject.complete());
  CHECK_FALSE(subject.trusted_by("sagemaker.amazonaws.com"));
  const eval::Result r = eval::evaluate(*subject.evaluator(), {"sagemaker:CreateTrainingJob", "*", {}});
  REQUIRE(r.allows.size() == 1);
  CHECK(subject.describe(r.allows[0]) == "statement 'Run' (line 2)");
}

TEST_CASE("trusting_roles: the roles of a file a service may assume, narrowed by name prefix") {
  input::LoadedFile f = load("iam.yaml", kTemplate);
  input::LoadedFile other = load("other.yaml", R"(Resources:
  TeamA3:
    Type: AWS::IAM::Role
    Properties:
      RoleName: team-a-3
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{Effect: Allow, Principal: {Service: sagemaker.amazonaws.com}, Action: sts:AssumeRole}]
)");
  const auto set =
      principal::PrincipalSet::build({&f, &other}, {}, nullptr, kNoFiles, principal::AwsManagedPolicies::builtin());
  const principal::Subjects subjects(set);
  auto names = [](const std::vector<const principal::Principal*>& roles) {
    std::vector<std::string> out;
    for (const auto* r : roles) out.push_back(r->name);
    return out;
  };
  const std::string& source = find(set, "team-a-1").scope;
  // team-a-2 trusts ec2 only; team-a-3 is in another file.
  CHECK(names(subjects.trusting_roles(source, "sagemaker.amazonaws.com")) ==
        std::vector<std::string>{"team-a-1", "team-b-1"});
  const std::vector<std::string_view> team_a{"team-a-"};
  CHECK(names(subjects.trusting_roles(source, "sagemaker.amazonaws.com", &team_a)) ==
        std::vector<std::string>{"team-a-1"});
  // Overlapping prefixes give each role once, in the model's order.
  const std::vector<std::string_view> both{"team-b", "team-", ""};
  CHECK(names(subjects.trusting_roles(source, "sagemaker.amazonaws.com", &both)) ==
        std::vector<std::string>{"team-a-1", "team-b-1"});
  const std::vector<std::string_view> none{"ops-"};
  CHECK(subjects.trusting_roles(source, "sagemaker.amazonaws.com", &none).empty());
  CHECK(subjects.trusting_roles(source, "ec2.amazonaws.com").size() == 1);
  CHECK(names(subjects.trusting_roles(find(set, "team-a-3").scope, "sagemaker.amazonaws.com")) ==
        std::vector<std::string>{"team-a-3"});
}
