// YAML into the located tree: values resolved as CloudFormation reads them, short-form tags as
// the long form, and every range an exact byte range of the YAML text.
#include <doctest/doctest.h>

#include "input/source.hpp"
#include "input/yaml.hpp"

using namespace sagelint::input;

namespace {

std::string_view slice(std::string_view text, const JsonNode& n) { return text.substr(n.begin, n.end - n.begin); }

const JsonNode& at(const JsonNode& n, std::string_view key) {
  const JsonMember* m = n.find(key);
  REQUIRE_MESSAGE(m != nullptr, key);
  return m->value;
}

}  // namespace

TEST_CASE("a CloudFormation role in YAML keeps the byte range of every token") {
  // From aws/sagemaker-hyperpod-cluster-setup's slurm IAM role template (shortened).
  const std::string text =
      "Resources:\n"
      "  AmazonSagemakerClusterExecutionRole:\n"
      "    Type: AWS::IAM::Role\n"
      "    Properties:\n"
      "      AssumeRolePolicyDocument:\n"
      "        Version: 2012-10-17\n"
      "        Statement:\n"
      "          - Effect: Allow\n"
      "            Principal:\n"
      "              Service:\n"
      "                - sagemaker.amazonaws.com\n"
      "            Action:\n"
      "              - sts:AssumeRole\n"
      "      RoleName: !Sub ${ResourceNamePrefix}ExecRole\n"
      "      MaxSessionDuration: 3600\n"
      "      Tags: [{Key: Purpose, Value: 'true'}]\n";
  JsonParseResult r = parse_yaml(text);
  REQUIRE(r.root);
  const JsonNode& props = at(at(at(*r.root, "Resources"), "AmazonSagemakerClusterExecutionRole"), "Properties");
  const JsonNode& trust = at(props, "AssumeRolePolicyDocument");
  CHECK(trust.is_object());
  // An unquoted date-like Version is a string, as CloudFormation reads it.
  const JsonNode& version = at(trust, "Version");
  CHECK(version.type == JsonType::String);
  CHECK(version.text == "2012-10-17");
  CHECK(slice(text, version) == "2012-10-17");
  const JsonNode& action = at(at(trust, "Statement").items[0], "Action").items[0];
  CHECK(action.text == "sts:AssumeRole");
  SourceFile source("t.yaml", text);
  CHECK(source.position(action.begin).line == 13);
  CHECK(source.position(action.begin).column == 17);
  CHECK(action.pointer() ==
        "/Resources/AmazonSagemakerClusterExecutionRole/Properties/AssumeRolePolicyDocument/"
        "Statement/0/Action/0");
  // Keys keep their own ranges.
  const JsonMember* effect = at(trust, "Statement").items[0].find("Effect");
  REQUIRE(effect != nullptr);
  CHECK(text.substr(effect->key_begin, effect->key_end - effect->key_begin) == "Effect");
  // A short-form tag becomes {"Fn::Sub": ...}: the key spans the tag, the value the scalar.
  const JsonNode& name = at(props, "RoleName");
  REQUIRE(name.is_object());
  REQUIRE(name.members.size() == 1);
  CHECK(name.members[0].key == "Fn::Sub");
  CHECK(text.substr(name.members[0].key_begin, name.members[0].key_end - name.members[0].key_begin) == "!Sub");
  CHECK(slice(text, name.members[0].value) == "${ResourceNamePrefix}ExecRole");
  CHECK(slice(text, name) == "!Sub ${ResourceNamePrefix}ExecRole");
  // Plain numbers are numbers, quoted booleans strings; flow collections end at their bracket.
  CHECK(at(props, "MaxSessionDuration").type == JsonType::Number);
  const JsonNode& tags = at(props, "Tags");
  CHECK(slice(text, tags) == "[{Key: Purpose, Value: 'true'}]");
  CHECK(at(tags.items[0], "Value").type == JsonType::String);
  CHECK(slice(text, at(tags.items[0], "Value")) == "'true'");
}

TEST_CASE("offsets are bytes even after multi-byte characters; a BOM is skipped") {
  const std::string text =
      "\xEF\xBB\xBF"
      "Description: 対象のバケット\nResources:\n  B: {Type: 'AWS::S3::Bucket'}\n";
  JsonParseResult r = parse_yaml(text);
  REQUIRE(r.root);
  CHECK(r.has_bom);
  const JsonNode& type = at(at(at(*r.root, "Resources"), "B"), "Type");
  CHECK(slice(text, type) == "'AWS::S3::Bucket'");
  CHECK(slice(text, at(*r.root, "Description")) == "対象のバケット");
  SourceFile source("t.yaml", text);
  CHECK(source.position(type.begin).line == 3);
  CHECK(source.position(type.begin).column == 13);
}

TEST_CASE("tags on sequences, GetAtt and Ref, and resolution of plain scalars") {
  const std::string text =
      "A: !If [IsProd, !GetAtt Role.Arn, !Ref AWS::NoValue]\n"
      "B: !Join\n"
      "  - ''\n"
      "  - - 'arn:'\n"
      "    - !Ref AWS::Partition\n"
      "C: [~, null, true, False, 0x1F, -1.5e3, '12']\n"
      "D: |\n"
      "  {\"Version\": \"2012-10-17\"}\n"
      "\n"
      "E: x\n";
  JsonParseResult r = parse_yaml(text);
  REQUIRE(r.root);
  const JsonNode& a = at(*r.root, "A");
  CHECK(a.members[0].key == "Fn::If");
  CHECK(slice(text, a) == "!If [IsProd, !GetAtt Role.Arn, !Ref AWS::NoValue]");
  const JsonNode& args = a.members[0].value;
  REQUIRE(args.items.size() == 3);
  CHECK(args.items[1].members[0].key == "Fn::GetAtt");
  CHECK(args.items[1].members[0].value.text == "Role.Arn");
  CHECK(args.items[2].members[0].key == "Ref");
  const JsonNode& b = at(*r.root, "B");
  CHECK(b.members[0].key == "Fn::Join");
  CHECK(b.members[0].value.items[1].items[1].members[0].value.text == "AWS::Partition");
  const JsonNode& c = at(*r.root, "C");
  CHECK(c.items[0].type == JsonType::Null);
  CHECK(c.items[1].type == JsonType::Null);
  CHECK((c.items[2].type == JsonType::Bool && c.items[2].boolean));
  CHECK((c.items[3].type == JsonType::Bool && !c.items[3].boolean));
  CHECK(c.items[4].type == JsonType::String);  // not a JSON number
  CHECK(c.items[5].type == JsonType::Number);
  CHECK(c.items[5].text == "-1.5e3");
  CHECK(c.items[6].type == JsonType::String);
  // A block scalar ends at its last character, not at the next key.
  const JsonNode& d = at(*r.root, "D");
  CHECK(d.text == "{\"Version\": \"2012-10-17\"}\n");
  CHECK(slice(text, d) == "|\n  {\"Version\": \"2012-10-17\"}");
}

TEST_CASE("YAML errors are positioned; aliases and a second document are refused") {
  const std::string bad = "Resources:\n  R:\n    Type: AWS::IAM::Role\n   Properties: x\n";
  JsonParseResult r = parse_yaml(bad);
  REQUIRE_FALSE(r.root);
  CHECK(r.error.message.starts_with("invalid YAML: "));
  SourceFile source("t.yaml", bad);
  CHECK(source.position(r.error.offset).line == 4);

  JsonParseResult alias = parse_yaml("A: &x 1\nB: *x\n");
  REQUIRE_FALSE(alias.root);
  CHECK(alias.error.message.find("alias") != std::string::npos);
  CHECK(alias.error.offset == 11);

  JsonParseResult two = parse_yaml("A: 1\n---\nB: 2\n");
  REQUIRE_FALSE(two.root);
  CHECK(two.error.message.find("second YAML document") != std::string::npos);
  CHECK(two.error.offset == 5);

  CHECK_FALSE(parse_yaml("").root);
}
