// Containers: CloudFormation templates (YAML and JSON) and authorization dumps become located
// documents and entities, and the file-level rules run on those documents unchanged, with
// findings at the line and column inside the containing file.
#include <doctest/doctest.h>

#include "catalog/catalog.hpp"
#include "input/document.hpp"
#include "lint/linter.hpp"
#include "rules/table.hpp"

using namespace sagelint;
using input::Reference;

namespace {

input::LoadedFile load(const std::string& path, const std::string& text) {
  return input::load_source(std::make_unique<input::SourceFile>(path, text));
}

const input::Document* by_origin(const input::LoadedFile& f, std::string_view origin) {
  for (const auto& d : f.documents) {
    if (d.origin == origin) return &d;
  }
  return nullptr;
}

struct Lint {
  lint::Registry registry;
  lint::LintConfig config;
  lint::Linter linter;
  explicit Lint(std::vector<std::string> select) {
    std::string error;
    REQUIRE(lint::Registry::build(rules::rule_table(), rules::rule_metas(), registry, error));
    config.select = std::move(select);
    REQUIRE(lint::Linter::create(registry, config, catalog::Catalog::builtin(), linter, error));
  }
};

// Shaped like aws-samples/amazon-sagemaker-secure-mlops's env-iam.yaml: a Studio execution role
// with a Sub'd bucket ARN, a conditional policy, a customer managed policy attached by Ref and
// by its own Roles list, an AWS::IAM::Policy, and a user in a group.
const char* kTemplate = R"(AWSTemplateFormatVersion: 2010-09-09
Parameters:
  DataBucketName:
    Type: String
Conditions:
  UseCanvas: !Equals [!Ref AWS::Region, us-east-1]
Resources:
  SageMakerExecutionRole:
    Type: 'AWS::IAM::Role'
    Properties:
      RoleName: !Sub '${AWS::StackName}-sagemaker-execution'
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              Service: sagemaker.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Ref DataAccessPolicy
        - !Sub 'arn:${AWS::Partition}:iam::aws:policy/AmazonSageMakerFullAccess'
        - arn:aws:iam::aws:policy/AmazonSageMakerCanvasFullAccess
        - !If [UseCanvas, 'arn:aws:iam::aws:policy/AmazonSageMakerCanvasAIServicesAccess', !Ref AWS::NoValue]
        - !Ref ExtraPolicyArn
      Policies:
        - PolicyName: s3-data
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, s3:PutObject]
                Resource:
                  - !Sub 'arn:${AWS::Partition}:s3:::${DataBucketName}/*'
                  - !Join ['', ['arn:aws:s3:::', !Ref DataBucketName]]
              - !If
                - UseCanvas
                - Effect: Allow
                  Action: kendra:Query
                  Resource: '*'
                - !Ref AWS::NoValue
  DataAccessPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: ml-data-access
      Roles: [!Ref SageMakerExecutionRole]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: glue:GetTable
            Resource: '*'
  ExtraInline:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref SageMakerExecutionRole]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: logs:PutLogEvents
            Resource: '*'
  Analysts:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonSageMakerReadOnly]
  Analyst:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref Analysts, existing-group]
  DataBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref DataBucketName
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: !Sub 'arn:aws:s3:::${DataBucketName}/*'
            Condition:
              Bool:
                aws:SecureTransport: false
)";

}  // namespace

TEST_CASE("a YAML template gives one located document per policy, with origin and kind") {
  input::LoadedFile f = load("iam/env-iam.yaml", kTemplate);
  CHECK(f.format == input::Format::CloudFormation);
  REQUIRE(f.documents.size() == 5);
  const input::Document* trust = by_origin(f, "Resources/SageMakerExecutionRole/Properties/AssumeRolePolicyDocument");
  REQUIRE(trust != nullptr);
  CHECK(trust->kind_hint == input::KindHint::Trust);
  CHECK_FALSE(trust->fixable);
  const input::Document* inline_doc =
      by_origin(f, "Resources/SageMakerExecutionRole/Properties/Policies/0/PolicyDocument");
  REQUIRE(inline_doc != nullptr);
  CHECK(inline_doc->kind_hint == input::KindHint::Identity);
  const input::Document* bucket = by_origin(f, "Resources/DataBucketPolicy/Properties/PolicyDocument");
  REQUIRE(bucket != nullptr);
  CHECK(bucket->kind_hint == input::KindHint::Resource);

  // Intrinsics inside a policy are opaque strings in Fn::Sub syntax, spanning the whole tag.
  const input::JsonNode& statements = inline_doc->root->find("Statement")->value;
  const input::JsonNode& resources = statements.items[0].find("Resource")->value;
  CHECK(resources.items[0].is_string());
  CHECK(resources.items[0].opaque);
  CHECK(resources.items[0].text == "arn:aws:s3:::${DataBucketName}/*");
  CHECK(f.source->text().substr(resources.items[0].begin, 4) == "!Sub");
  CHECK(resources.items[1].text == "arn:aws:s3:::${DataBucketName}");
  CHECK(f.source->position(resources.items[1].begin).line == 33);
  CHECK(f.source->position(resources.items[1].begin).column == 21);
  // Fn::If is linted as its first branch that is not AWS::NoValue.
  const input::JsonNode& conditional = statements.items[1];
  REQUIRE(conditional.is_object());
  CHECK(conditional.find("Action")->value.text == "kendra:Query");
  CHECK(conditional.pointer() == "/Resources/SageMakerExecutionRole/Properties/Policies/0/PolicyDocument/Statement/1");
  CHECK(f.source->position(conditional.begin).line == 36);
}

TEST_CASE("a YAML template's entities: references as written, resolved later") {
  input::LoadedFile f = load("iam/env-iam.yaml", kTemplate);
  REQUIRE(f.entities.size() == 5);
  const input::Entity& role = f.entities[0];
  CHECK(role.kind == input::EntityKind::Role);
  CHECK(role.logical_id == "SageMakerExecutionRole");
  CHECK(role.name.empty());  // RoleName is computed
  CHECK(role.display_name() == "SageMakerExecutionRole");
  CHECK(f.source->position(role.anchor_begin).line == 8);
  CHECK(f.source->position(role.anchor_begin).column == 3);
  REQUIRE(role.managed.size() == 5);
  CHECK(role.managed[0].form == Reference::Form::LogicalId);
  CHECK(role.managed[0].text == "DataAccessPolicy");
  CHECK(role.managed[1].form == Reference::Form::Arn);
  CHECK(role.managed[1].text == "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess");
  CHECK(role.managed[2].form == Reference::Form::Arn);
  CHECK(role.managed[3].conditional);
  CHECK(role.managed[3].text == "arn:aws:iam::aws:policy/AmazonSageMakerCanvasAIServicesAccess");
  CHECK(role.managed[4].form == Reference::Form::Opaque);
  CHECK(role.managed[4].text == "${ExtraPolicyArn}");
  REQUIRE(role.inline_policies.size() == 1);
  CHECK(role.inline_policies[0].name == "s3-data");
  REQUIRE(role.trust.has_value());

  const input::Entity& managed = f.entities[1];
  CHECK(managed.kind == input::EntityKind::ManagedPolicy);
  CHECK(managed.name == "ml-data-access");
  REQUIRE(managed.roles.size() == 1);
  CHECK(managed.roles[0].form == Reference::Form::LogicalId);
  CHECK(f.entities[2].kind == input::EntityKind::InlinePolicy);
  const input::Entity& user = f.entities[4];
  CHECK(user.kind == input::EntityKind::User);
  REQUIRE(user.groups.size() == 2);
  CHECK(user.groups[0].form == Reference::Form::LogicalId);
  CHECK(user.groups[1].form == Reference::Form::Name);
}

TEST_CASE("file-level rules run on template documents: YAML positions, no fixes") {
  input::LoadedFile f = load("iam/env-iam.yaml", kTemplate);
  Lint l({"missing-version"});
  lint::FileReport r = l.linter.lint(f);
  // The trust policy and the bucket policy have no Version; a YAML mapping starts at its first key.
  REQUIRE(r.findings.size() == 2);
  CHECK(r.findings[0].start.line == 13);
  CHECK(r.findings[0].start.column == 9);
  CHECK(r.findings[0].pointer == "/Resources/SageMakerExecutionRole/Properties/AssumeRolePolicyDocument");
  CHECK(r.findings[0].fixes.empty());
  CHECK(r.findings[1].start.line == 75);
  CHECK(r.findings[1].start.column == 9);
}

TEST_CASE("a JSON template keeps fixes; a policy in a JSON string is parsed") {
  // Shaped like the JSON templates CloudFormation Designer writes.
  const std::string text = R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "NotebookRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Statement": [{"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}]
        },
        "Policies": [{"PolicyName": "p", "PolicyDocument": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}"}]
      }
    }
  }
}
)";
  input::LoadedFile f = load("cfn/notebook.json", text);
  CHECK(f.format == input::Format::CloudFormation);
  REQUIRE(f.documents.size() == 2);
  CHECK(f.documents[0].fixable);
  CHECK_FALSE(f.documents[1].fixable);
  REQUIRE(f.documents[1].root != nullptr);
  CHECK(f.source->position(f.documents[1].root->begin).line == 10);
  CHECK(f.source->position(f.documents[1].root->begin).column == 60);
  Lint l({"missing-version"});
  lint::FileReport r = l.linter.lint(f);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].start.line == 7);
  CHECK_FALSE(r.findings[0].fixes.empty());
}

TEST_CASE("YAML that is not a template is skipped; a broken template is reported") {
  input::LoadedFile workflow =
      load(".github/workflows/ci.yml", "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n");
  CHECK(workflow.format == input::Format::Skipped);
  CHECK(workflow.documents.empty());
  CHECK_FALSE(workflow.skip_reason.empty());

  input::LoadedFile broken =
      load("t.template", "AWSTemplateFormatVersion: 2010-09-09\nResources:\n  R:\n Type: x\n  - y\n");
  CHECK(broken.format == input::Format::CloudFormation);
  REQUIRE(broken.documents.size() == 1);
  REQUIRE(broken.documents[0].error != nullptr);
  Lint l({"invalid-json"});
  lint::FileReport r = l.linter.lint(broken);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].message.starts_with("invalid YAML"));

  // A .template that holds JSON is read as JSON.
  input::LoadedFile json = load("t.template", "{\"Resources\": {\"R\": {\"Type\": \"AWS::SQS::Queue\"}}}");
  CHECK(json.format == input::Format::CloudFormation);
  CHECK(json.documents.empty());
}

TEST_CASE("an authorization dump: objects and URL-encoded strings, findings at the string") {
  // Shaped like `aws iam get-account-authorization-details` output; the trust policy is
  // URL-encoded as the IAM API returns it, and has no Version.
  const std::string text = R"({
    "UserDetailList": [
        {
            "UserName": "ml-analyst",
            "Arn": "arn:aws:iam::111122223333:user/ml-analyst",
            "UserPolicyList": [],
            "GroupList": ["DataScientists"],
            "AttachedManagedPolicies": [
                {"PolicyName": "AmazonSageMakerReadOnly", "PolicyArn": "arn:aws:iam::aws:policy/AmazonSageMakerReadOnly"}
            ]
        }
    ],
    "GroupDetailList": [{"GroupName": "DataScientists", "GroupPolicyList": [], "AttachedManagedPolicies": []}],
    "RoleDetailList": [
        {
            "RoleName": "SageMakerExecutionRole",
            "Arn": "arn:aws:iam::111122223333:role/service-role/SageMakerExecutionRole",
            "AssumeRolePolicyDocument": "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22sagemaker.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D",
            "RolePolicyList": [
                {"PolicyName": "s3", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}
            ],
            "AttachedManagedPolicies": [
                {"PolicyName": "ml-data", "PolicyArn": "arn:aws:iam::111122223333:policy/ml-data"}
            ]
        }
    ],
    "Policies": [
        {
            "PolicyName": "ml-data",
            "Arn": "arn:aws:iam::111122223333:policy/ml-data",
            "DefaultVersionId": "v2",
            "PolicyVersionList": [
                {"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "glue:GetTable", "Resource": "*"}]}, "VersionId": "v2", "IsDefaultVersion": true},
                {"Document": {"Statement": []}, "VersionId": "v1", "IsDefaultVersion": false}
            ]
        },
        {
            "PolicyName": "AmazonSageMakerReadOnly",
            "Arn": "arn:aws:iam::aws:policy/AmazonSageMakerReadOnly",
            "DefaultVersionId": "v1",
            "PolicyVersionList": [{"Document": {"Statement": []}, "VersionId": "v1", "IsDefaultVersion": true}]
        }
    ]
}
)";
  input::LoadedFile f = load("account.json", text);
  CHECK(f.format == input::Format::AuthorizationDetails);
  // Trust (encoded), inline, the default version of the customer managed policy; not v1, not
  // the AWS managed policy.
  REQUIRE(f.documents.size() == 3);
  const input::Document& trust = f.documents[0];
  CHECK(trust.origin == "RoleDetailList/0/AssumeRolePolicyDocument");
  CHECK(trust.kind_hint == input::KindHint::Trust);
  CHECK_FALSE(trust.fixable);
  REQUIRE(trust.root != nullptr);
  CHECK(trust.root->find("Statement") != nullptr);
  CHECK(f.source->position(trust.root->begin).line == 18);
  CHECK(f.source->position(trust.root->begin).column == 41);
  REQUIRE(f.entities.size() == 5);
  CHECK(f.entities[0].kind == input::EntityKind::Role);
  CHECK(f.entities[0].name == "SageMakerExecutionRole");
  CHECK(f.source->position(f.entities[0].anchor_begin).line == 16);
  CHECK(f.entities[2].kind == input::EntityKind::Group);
  CHECK(f.entities[3].kind == input::EntityKind::ManagedPolicy);
  CHECK(f.entities[4].aws_managed);

  Lint l({"missing-version"});
  lint::FileReport r = l.linter.lint(f);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].start.line == 18);
  CHECK(r.findings[0].start.column == 41);
  CHECK(r.findings[0].pointer == "/RoleDetailList/0/AssumeRolePolicyDocument");
  CHECK(r.findings[0].fixes.empty());
}
