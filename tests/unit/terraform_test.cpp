// Terraform configuration into documents and entities: each policy form with its ranges in the
// .tf file, computed values opaque, policy variables both ways, and the IAM entities.
#include <doctest/doctest.h>

#include <string>

#include "input/document.hpp"
#include "input/source.hpp"

using namespace sagelint::input;

namespace {

LoadedFile load(const std::string& text) { return load_source(std::make_unique<SourceFile>("main.tf", text)); }

std::string_view slice(const LoadedFile& f, const JsonNode& n) {
  return f.source->text().substr(n.begin, n.end - n.begin);
}

const JsonNode& at(const JsonNode& n, std::string_view key) {
  const JsonMember* m = n.find(key);
  REQUIRE_MESSAGE(m != nullptr, key);
  return m->value;
}

const JsonNode& first_statement(const Document& d) {
  REQUIRE(d.root != nullptr);
  const JsonNode& s = at(*d.root, "Statement");
  return s.is_array() ? s.items.at(0) : s;
}

}  // namespace

TEST_CASE("jsonencode: the HCL object is the policy, every value at its place in the .tf") {
  const std::string text =
      "resource \"aws_iam_role\" \"exec\" {\n"
      "  name = \"exec\"\n"
      "  assume_role_policy = jsonencode({\n"
      "    Version = \"2012-10-17\"\n"
      "    Statement = [{ Effect = \"Allow\", Principal = { Service = \"sagemaker.amazonaws.com\" },\n"
      "      Action = \"sts:AssumeRole\" }]\n"
      "  })\n"
      "  inline_policy {\n"
      "    name = \"data\"\n"
      "    policy = jsonencode({\n"
      "      Version = \"2012-10-17\"\n"
      "      Statement = [{ Effect = \"Allow\", Action = [\"s3:GetObject\"],\n"
      "        Resource = \"arn:aws:s3:::${var.bucket}/home/$${aws:username}/*\" }]\n"
      "    })\n"
      "  }\n"
      "}\n"
      "resource \"aws_iam_role_policy_attachment\" \"a\" {\n"
      "  role       = aws_iam_role.exec.name\n"
      "  policy_arn = \"arn:aws:iam::aws:policy/AmazonSageMakerFullAccess\"\n"
      "}\n";
  LoadedFile f = load(text);
  CHECK(f.format == Format::Terraform);
  REQUIRE(f.documents.size() == 2);
  CHECK(f.documents[0].kind_hint == KindHint::Trust);
  CHECK_FALSE(f.documents[0].fixable);
  const JsonNode& trust = first_statement(f.documents[0]);
  CHECK(slice(f, at(trust, "Action")) == "\"sts:AssumeRole\"");
  CHECK(at(at(trust, "Principal"), "Service").text == "sagemaker.amazonaws.com");
  const JsonMember* effect = trust.find("Effect");
  REQUIRE(effect != nullptr);
  CHECK(f.source->text().substr(effect->key_begin, effect->key_end - effect->key_begin) == "Effect");
  const JsonNode& st = first_statement(f.documents[1]);
  const JsonNode& resource = at(st, "Resource");
  CHECK(resource.opaque);
  CHECK(resource.text == "arn:aws:s3:::${var.bucket}/home/${aws:username}/*");
  CHECK(slice(f, at(st, "Action").items[0]) == "\"s3:GetObject\"");
  CHECK(f.documents[1].root->pointer() == "/aws_iam_role.exec.inline_policy.0");

  REQUIRE(f.entities.size() == 2);
  const Entity& role = f.entities[0];
  CHECK(role.kind == EntityKind::Role);
  CHECK(role.name == "exec");
  CHECK(role.logical_id == "aws_iam_role.exec");
  CHECK(f.source->text().substr(role.anchor_begin, role.anchor_end - role.anchor_begin) == "\"exec\"");
  CHECK(role.trust == 0u);
  REQUIRE(role.inline_policies.size() == 1);
  CHECK(role.inline_policies[0].document == 1u);
  CHECK(role.inline_policies[0].name == "data");
  CHECK(role.managed.empty());
  CHECK_FALSE(role.managed_list_opaque);
  // The attachment is an entity of its own: principal/ resolves it in the whole module.
  const Entity& attachment = f.entities[1];
  CHECK(attachment.kind == EntityKind::Attachment);
  CHECK(attachment.logical_id == "aws_iam_role_policy_attachment.a");
  REQUIRE(attachment.managed.size() == 1);
  CHECK(attachment.managed[0].form == Reference::Form::Arn);
  CHECK(attachment.managed[0].text == "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess");
  REQUIRE(attachment.roles.size() == 1);
  CHECK(attachment.roles[0].form == Reference::Form::LogicalId);
  CHECK(attachment.roles[0].text == "aws_iam_role.exec");
}

TEST_CASE("heredoc JSON is parsed where it is written; interpolations are computed strings") {
  const std::string text =
      "resource \"aws_s3_bucket_policy\" \"b\" {\n"
      "  bucket = aws_s3_bucket.b.id\n"
      "  policy = <<-EOT\n"
      "    {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Principal\": \"*\",\n"
      "      \"Action\": \"s3:*\", \"Resource\": \"${aws_s3_bucket.b.arn}/*\"}]}\n"
      "  EOT\n"
      "}\n"
      "resource \"aws_sqs_queue_policy\" \"q\" {\n"
      "  queue_url = var.url\n"
      "  policy = <<EOT\n"
      "{\"Version\": \"2012-10-17\", \"Statement\": ${jsonencode(var.statements)}}\n"
      "EOT\n"
      "}\n";
  LoadedFile f = load(text);
  REQUIRE(f.documents.size() == 1);  // the second is shaped by Terraform: not linted
  CHECK(f.documents[0].kind_hint == KindHint::Resource);
  const JsonNode& st = first_statement(f.documents[0]);
  CHECK(slice(f, at(st, "Action")) == "\"s3:*\"");
  const JsonNode& resource = at(st, "Resource");
  CHECK(resource.opaque);
  CHECK(resource.text == "${aws_s3_bucket.b.arn}/*");
  CHECK(slice(f, resource) == "\"${aws_s3_bucket.b.arn}/*\"");
}

TEST_CASE("aws_iam_policy_document becomes the JSON the provider renders, pointing at its HCL") {
  const std::string text =
      "data \"aws_iam_policy_document\" \"p\" {\n"
      "  statement {\n"
      "    actions   = [\"s3:GetObject\"]\n"
      "    resources = [\"arn:aws:s3:::b/&{aws:username}/*\", \"arn:aws:s3:::b/$${aws:userid}\"]\n"
      "    principals {\n"
      "      type        = \"AWS\"\n"
      "      identifiers = [\"arn:aws:iam::111122223333:root\"]\n"
      "    }\n"
      "    condition {\n"
      "      test     = \"Bool\"\n"
      "      variable = \"aws:SecureTransport\"\n"
      "      values   = [true]\n"
      "    }\n"
      "  }\n"
      "  dynamic \"statement\" {\n"
      "    for_each = var.extra\n"
      "    content { effect = statement.value.effect }\n"
      "  }\n"
      "}\n"
      "resource \"aws_s3_bucket_policy\" \"b\" {\n"
      "  bucket = \"b\"\n"
      "  policy = data.aws_iam_policy_document.p.json\n"
      "}\n";
  LoadedFile f = load(text);
  REQUIRE(f.documents.size() == 1);
  const Document& d = f.documents[0];
  CHECK(d.kind_hint == KindHint::Resource);  // from the resource that uses it
  CHECK(at(*d.root, "Version").text == "2012-10-17");
  REQUIRE(at(*d.root, "Statement").items.size() == 1);  // the dynamic statement is Terraform's
  const JsonNode& st = first_statement(d);
  CHECK(at(st, "Effect").text == "Allow");
  const JsonNode& action = at(st, "Action");
  CHECK(action.is_string());  // a one-item list renders as a string
  CHECK(slice(f, action) == "\"s3:GetObject\"");
  const JsonNode& resources = at(st, "Resource");
  REQUIRE(resources.items.size() == 2);
  CHECK(resources.items[0].text == "arn:aws:s3:::b/${aws:username}/*");
  CHECK_FALSE(resources.items[0].opaque);
  CHECK(resources.items[1].text == "arn:aws:s3:::b/${aws:userid}");
  CHECK(at(at(st, "Principal"), "AWS").text == "arn:aws:iam::111122223333:root");
  const JsonNode& value = at(at(at(st, "Condition"), "Bool"), "aws:SecureTransport");
  CHECK(value.is_string());
  CHECK(value.text == "true");
  CHECK(slice(f, value) == "true");
}

TEST_CASE("a statement whose structure is computed is not linted; a computed Sid is dropped") {
  const std::string text =
      "resource \"aws_iam_policy\" \"p\" {\n"
      "  policy = jsonencode({\n"
      "    Version = \"2012-10-17\"\n"
      "    Statement = [\n"
      "      { Sid = var.sid, Effect = \"Allow\", Action = \"s3:GetObject\", Resource = \"*\" },\n"
      "      { Effect = var.effect, Action = \"s3:PutObject\", Resource = \"*\" },\n"
      "    ]\n"
      "  })\n"
      "}\n"
      "resource \"aws_iam_policy\" \"q\" {\n"
      "  policy = jsonencode({ Version = \"2012-10-17\", Statement = var.statements })\n"
      "}\n";
  LoadedFile f = load(text);
  REQUIRE(f.documents.size() == 1);
  const JsonNode& statements = at(*f.documents[0].root, "Statement");
  REQUIRE(statements.items.size() == 1);
  CHECK(statements.items[0].find("Sid") == nullptr);
  REQUIRE(f.entities.size() == 2);
  CHECK(f.entities[0].document == 0u);
  CHECK_FALSE(f.entities[1].document.has_value());
}

TEST_CASE("HCL syntax errors are one document of errors; the policies around them are still read") {
  const std::string text =
      "resource \"aws_iam_policy\" \"broken\" {\n"
      "  policy = jsonencode({ Resource = \"arn:aws:s3:::${aws:username}\" })\n"
      "}\n"
      "resource \"aws_iam_policy\" \"ok\" {\n"
      "  policy = jsonencode({ Version = \"2012-10-17\", Statement = [] })\n"
      "}\n";
  LoadedFile f = load(text);
  REQUIRE(f.documents.size() == 2);
  REQUIRE(f.documents[0].syntax_errors != nullptr);
  REQUIRE(f.documents[0].syntax_errors->size() == 1);
  const JsonError& e = f.documents[0].syntax_errors->front();
  Position p = f.source->position(e.offset);
  CHECK(p.line == 2);
  CHECK(p.column == 55);
  CHECK(e.message.find("$${") != std::string::npos);
  CHECK(f.documents[1].root != nullptr);
  REQUIRE(f.entities.size() == 2);  // the broken attribute is skipped, not its resource
  CHECK_FALSE(f.entities[0].document.has_value());
  CHECK(f.entities[1].document == 1u);
}
