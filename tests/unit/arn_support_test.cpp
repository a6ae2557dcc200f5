// ARN helpers of the resource rules: splitting, IAM wildcard matching against ARN formats,
// placeholder recognition and source offsets.
#include "rules/support/arn.hpp"
#include "rules/support/arn_glob.hpp"
#include "rules/support/arn_placeholders.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "input/json.hpp"

using namespace sagelint::rules;

namespace {

constexpr std::string_view kBucket = "arn:${Partition}:s3:::${BucketName}";
constexpr std::string_view kObject = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
constexpr std::string_view kCluster = "arn:${Partition}:sagemaker:${Region}:${Account}:cluster/${ClusterId}";
constexpr std::string_view kRole = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
constexpr std::string_view kFunction = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}";

std::string_view placeholder_text(std::string_view text, const arn::Placeholder& p) {
  return text.substr(p.begin, p.end - p.begin);
}

}  // namespace

TEST_CASE("split keeps policy variables whole and the resource part intact") {
  arn::Parts p = arn::split("arn:aws:sagemaker:us-east-1:${aws:PrincipalAccount}:cluster/x:y");
  REQUIRE(p.count == 6);
  CHECK(p.field[arn::kAccount] == "${aws:PrincipalAccount}");
  CHECK(p.field[arn::kResource] == "cluster/x:y");
  CHECK(p.at[arn::kRegion] == 18);
  CHECK(arn::split("arn:aws:ecr:*").count == 4);
  CHECK(arn::split("arn:aws:s3:::").field[arn::kResource].empty());
}

TEST_CASE("fits_format tells bucket ARNs from object ARNs") {
  CHECK(arn::fits_format("arn:aws:s3:::my-bucket", kBucket));
  CHECK_FALSE(arn::fits_format("arn:aws:s3:::my-bucket", kObject));
  CHECK(arn::fits_format("arn:aws:s3:::my-bucket/*", kObject));
  CHECK_FALSE(arn::fits_format("arn:aws:s3:::my-bucket/*", kBucket));
  // A '*' in the bucket part may stand for a bucket or for bucket/key.
  CHECK(arn::fits_format("arn:aws:s3:::*", kBucket));
  CHECK(arn::fits_format("arn:aws:s3:::*", kObject));
  CHECK(arn::fits_format("arn:aws:s3:::sagemaker-*", kObject));
  CHECK_FALSE(arn::fits_format("arn:aws:s3:::*/CodeDeploy/*", kBucket));
}

TEST_CASE("fits_format honours wildcards, variables and the special variables") {
  CHECK(arn::fits_format("arn:aws:sagemaker:*:*:cluster/*", kCluster));
  CHECK(arn::fits_format("arn:aws:sagemaker:us-east-?:111122223333:cluster/abc", kCluster));
  CHECK(arn::fits_format("arn:*:sagemaker:*:*:*", kCluster));
  // IAM lets a '*' run across fields; field by field it stays in the Region or account.
  CHECK(arn::fits_format("arn:aws:sagemaker:*:*:training-job/*", kCluster));
  CHECK_FALSE(arn::fits_format_by_field("arn:aws:sagemaker:*:*:training-job/*", kCluster));
  CHECK_FALSE(arn::fits_format("arn:aws:sagemaker:us-east-1:111122223333:training-job/*", kCluster));
  CHECK(arn::fits_format("arn:aws:secretsmanager:*:*:sqlworkbench!*",
                         "arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}"));
  CHECK_FALSE(arn::fits_format("arn:aws:sagemaker::111122223333:cluster/*", kCluster));  // no Region
  CHECK(arn::fits_format("arn:aws:iam::*:role/${aws:username}", kRole));
  CHECK(arn::fits_format("arn:aws:iam::${aws:PrincipalAccount}:role/service-role/*", kRole));
  CHECK_FALSE(arn::fits_format_by_field("arn:aws:iam::*:user/*", kRole));
  // ${*} is a literal '*': it still names some role.
  CHECK(arn::fits_format("arn:aws:iam::111122223333:role/a${*}b", kRole));
  // Resource names may hold colons (a qualified Lambda function, an AWS Backup RDS snapshot).
  CHECK(arn::fits_format("arn:aws:lambda:us-east-1:111122223333:function:f:*", kFunction));
  CHECK(arn::fits_format("arn:aws:rds:*:*:snapshot:awsbackup:*",
                         "arn:${Partition}:rds:${Region}:${Account}:snapshot:${SnapshotName}"));
  // An ARN with missing fields is matched as a whole string (a trailing '*' stands for the rest).
  CHECK(arn::fits_format("arn:aws:sagemaker:*", kCluster));
  // S3 object keys may hold colons.
  CHECK(arn::fits_format("arn:aws:s3:::b/data:2024/*", kObject));
  // Letters compare case-insensitively; the format literals stay literal.
  CHECK(arn::fits_format("arn:aws:sagemaker:*:*:Cluster/*", kCluster));
  CHECK_FALSE(arn::fits_format_by_field("arn:aws:sagemaker:*:*:clusters/*", kCluster));
  CHECK(arn::fits_format_by_field("arn:aws:rds:*:*:snapshot:awsbackup:*",
                                  "arn:${Partition}:rds:${Region}:${Account}:snapshot:${SnapshotName}"));
}

TEST_CASE("Region, account and partition shapes") {
  CHECK(arn::is_region_code("us-east-1"));
  CHECK(arn::is_region_code("us-gov-west-1"));
  CHECK(arn::is_region_code("eu-isoe-west-1"));
  CHECK(arn::is_region_code("ap-southeast-7"));
  CHECK_FALSE(arn::is_region_code("us-east1"));
  CHECK_FALSE(arn::is_region_code("region"));
  CHECK_FALSE(arn::is_region_code("US-EAST-1"));
  CHECK_FALSE(arn::is_region_code("us-east-1a"));
  CHECK(arn::is_account_pattern("111122223333"));
  CHECK(arn::is_account_pattern("*"));
  CHECK(arn::is_account_pattern("1111222233??"));
  CHECK_FALSE(arn::is_account_pattern("1111-2222-3333"));
  CHECK_FALSE(arn::is_account_pattern("11112222333"));
  CHECK(arn::is_known_partition("aws-us-gov"));
  CHECK(arn::is_known_partition("aws*"));
  CHECK_FALSE(arn::is_known_partition("amazon"));
  CHECK(arn::is_example_account("123456789012"));
  CHECK(arn::is_example_account("000000000000"));
  CHECK_FALSE(arn::is_example_account("381492775120"));
}

TEST_CASE("placeholders from the seed documents") {
  std::string_view slurm = "arn:aws:sagemaker:region:account-id:cluster/*";
  auto p = arn::find_placeholders(slurm);
  REQUIRE(p.size() == 2);
  CHECK(placeholder_text(slurm, p[0]) == "region");
  CHECK(p[0].field == arn::kRegion);
  CHECK(placeholder_text(slurm, p[1]) == "account-id");
  CHECK(p[1].field == arn::kAccount);

  std::string_view glue =
      "arn:aws:glue:ap-northeast-1:{アカウントID}:database/{パラメータで指定したGlueデータベース名}";
  p = arn::find_placeholders(glue);
  REQUIRE(p.size() == 2);
  CHECK(placeholder_text(glue, p[0]) == "{アカウントID}");
  CHECK(p[0].field == arn::kAccount);
  CHECK(p[0].non_latin1);
  CHECK(p[1].field == arn::kResource);

  std::string_view bare = "sagemaker-studio-何かしらのID/sharing/*";
  p = arn::find_placeholders(bare);
  REQUIRE(p.size() == 1);
  CHECK(placeholder_text(bare, p[0]) == "何かしらのID");

  std::string_view whole = "対象のバケット ARN";
  p = arn::find_placeholders(whole);
  REQUIRE(p.size() == 1);
  CHECK(p[0].begin == 0);
  CHECK(p[0].end == whole.size());

  CHECK(arn::find_placeholders("<execution-role-arn>").size() == 1);
  CHECK(arn::find_placeholders("arn:aws:iam::{{account-id}}:root").size() == 1);
  // Policy variables, real values and AWS-owned accounts are not placeholders.
  CHECK(arn::find_placeholders("arn:aws:sagemaker:*:*:user-profile/${sagemaker:DomainId}/*").empty());
  CHECK(arn::find_placeholders("arn:aws:iam::aws:policy/AmazonSageMakerFullAccess").empty());
  CHECK(arn::find_placeholders("arn:aws:s3:::my-bucket/*").empty());
  // Words describing an ARN only count where an ARN is expected.
  CHECK(arn::find_placeholders("your_KMS_key_ARN", true).size() == 1);
  CHECK(arn::find_placeholders("SourceInstanceARN").empty());
  CHECK(arn::find_placeholders("learning-bucket", true).empty());
}

TEST_CASE("variable_at names the part of the format a placeholder stands for") {
  std::string_view text = "arn:aws:s3:::{bucket}/*";
  bool whole = false;
  CHECK(arn::variable_at(text, 13, 21, kObject, &whole) == "BucketName");
  CHECK(whole);
  CHECK(arn::variable_at(text, 13, 21, kBucket).empty());
  std::string_view part = "arn:aws:s3:::sagemaker-ap-northeast-1-{account}";
  CHECK(arn::variable_at(part, 38, part.size(), kBucket, &whole) == "BucketName");
  CHECK_FALSE(whole);
}

TEST_CASE("first_forbidden_char uses IAM's character set") {
  CHECK(arn::first_forbidden_char("arn:aws:s3:::bücket") == std::string_view::npos);  // U+00FC is Latin-1
  CHECK(arn::first_forbidden_char("{アカウントID}") == 1);
  CHECK(arn::first_forbidden_char("a\x01") == 1);
}

TEST_CASE("source_offset maps unescaped text back to the file") {
  std::string source = R"({"Resource": "arn:aws:s3:::a\/b\u00e9c"})";
  auto parsed = sagelint::input::parse_json(source);
  REQUIRE(parsed.root);
  const auto& node = parsed.root->members[0].value;
  REQUIRE(node.text ==
          "arn:aws:s3:::a/b\xC3\xA9"
          "c");
  CHECK(source.substr(arn::source_offset(node, source, 0), 4) == "arn:");
  CHECK(source.substr(arn::source_offset(node, source, 14), 2) == "\\/");
  CHECK(source[arn::source_offset(node, source, 15)] == 'b');
  CHECK(source[arn::source_offset(node, source, 18)] == 'c');  // after the two bytes of U+00E9
}
