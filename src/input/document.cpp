// Format detection by content: a JSON file is a CloudFormation template, an authorization dump
// or a policy; a file named *.yaml, *.yml or *.template is read as YAML (unless it is JSON) and
// linted only when it is a CloudFormation template.
#include "input/document.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "input/containers.hpp"
#include "input/markdown.hpp"
#include "input/serverless.hpp"
#include "input/sniff.hpp"
#include "input/template.hpp"
#include "input/terraform.hpp"
#include "input/yaml.hpp"
#include "text/text.hpp"

namespace sagelint::input {

std::string_view format_name(Format format) {
  switch (format) {
    case Format::Policy:
      return "policy";
    case Format::CloudFormation:
      return "CloudFormation template";
    case Format::AuthorizationDetails:
      return "account authorization details";
    case Format::Terraform:
      return "Terraform configuration";
    case Format::TerraformPlan:
      return "Terraform plan";
    case Format::Template:
      return "policy template";
    case Format::Markdown:
      return "Markdown";
    case Format::Serverless:
      return "Serverless Framework configuration";
    case Format::Skipped:
      return "skipped";
  }
  return "policy";
}

std::string_view entity_kind_name(EntityKind kind) {
  switch (kind) {
    case EntityKind::Role:
      return "role";
    case EntityKind::User:
      return "user";
    case EntityKind::Group:
      return "group";
    case EntityKind::ManagedPolicy:
      return "managed policy";
    case EntityKind::InlinePolicy:
      return "policy";
    case EntityKind::Attachment:
      return "policy attachment";
    case EntityKind::Membership:
      return "group membership";
  }
  return "role";
}

namespace {

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// IAM returns documents "URL-encoded compliant with RFC 3986": %XX only ("+" is a plus sign).
std::string url_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = hex(s[i + 1]);
      int lo = hex(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

Document whole_file_document(LoadedFile& file) {
  Document doc;
  doc.source = file.source.get();
  if (!file.json.errors.empty()) {
    // A copy on the heap: the LoadedFile may move (the principal phase keeps it).
    file.syntax_errors.push_back(std::make_unique<std::vector<JsonError>>(file.json.errors));
    doc.syntax_errors = file.syntax_errors.back().get();
  }
  if (file.json.root) {
    doc.root = file.json.root.get();
  } else {
    file.errors.push_back(std::make_unique<JsonError>(file.json.error));
    doc.error = file.errors.back().get();
  }
  return doc;
}

bool yaml_name(const std::string& path) {
  const std::string ext = text::lower(std::filesystem::path(path).extension().string());
  return ext == ".yaml" || ext == ".yml" || ext == ".template";
}

bool starts_like_json(std::string_view text) {
  size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  return i < text.size() && (text[i] == '{' || text[i] == '[');
}

// A YAML file that does not parse is reported only when it was meant as a template.
bool mentions_cloudformation(std::string_view text) {
  return text.find("AWSTemplateFormatVersion") != std::string_view::npos ||
         text.find("Type: AWS::") != std::string_view::npos || text.find("Type: \"AWS::") != std::string_view::npos ||
         text.find("Type: 'AWS::") != std::string_view::npos;
}

}  // namespace

void shift_ranges(JsonNode& node, uint32_t base) {
  node.begin += base;
  node.end += base;
  for (auto& item : node.items) shift_ranges(item, base);
  for (auto& m : node.members) {
    m.key_begin += base;
    m.key_end += base;
    shift_ranges(m.value, base);
  }
}

void wrap_in_policy(JsonNode& statements) {
  const uint32_t begin = statements.begin;
  const JsonNode* parent = statements.parent;
  const uint32_t index = statements.index_in_parent;
  JsonNode policy;
  policy.type = JsonType::Object;
  policy.begin = begin;
  policy.end = statements.end;
  JsonMember version;
  version.key = "Version";
  version.key_begin = version.key_end = begin;
  version.value.type = JsonType::String;
  version.value.text = "2012-10-17";
  version.value.begin = version.value.end = begin;
  JsonMember statement;
  statement.key = "Statement";
  statement.key_begin = statement.key_end = begin;
  statement.value = std::move(statements);
  policy.members.push_back(std::move(version));
  policy.members.push_back(std::move(statement));
  statements = std::move(policy);
  relink(statements, parent, index);
}

bool add_policy_document(LoadedFile& file, const JsonNode& node, KindHint hint, bool fixable, size_t& index) {
  Document doc;
  doc.source = file.source.get();
  doc.kind_hint = hint;
  if (node.is_string()) {
    if (node.opaque) return false;
    auto embedded = std::make_unique<EmbeddedPolicy>();
    std::string_view text = node.text;
    size_t first = text.find_first_not_of(" \t\r\n");
    embedded->text = first != std::string_view::npos && text[first] == '%' ? url_decode(text) : std::string(text);
    embedded->json = parse_embedded_json(embedded->text, node.begin, node.end);
    if (embedded->json.root) {
      doc.root = embedded->json.root.get();
    } else {
      doc.error = &embedded->json.error;
    }
    if (!embedded->json.errors.empty()) {
      // Offsets inside the decoded text mean nothing in the file: point at the string.
      for (auto& e : embedded->json.errors) {
        e.offset = node.begin;
        e.end = node.end;
      }
      doc.syntax_errors = &embedded->json.errors;
    }
    doc.fixable = false;
    doc.decoded = embedded->text;  // heap storage kept with the file: stable
    file.embedded.push_back(std::move(embedded));
  } else {
    doc.root = &node;
    doc.fixable = fixable;
  }
  index = file.documents.size();
  file.documents.push_back(std::move(doc));
  return true;
}

LoadedFile load_policy_file(std::unique_ptr<SourceFile> source) {
  LoadedFile file;
  file.source = std::move(source);
  file.json = parse_json(file.source->text());
  file.documents.push_back(whole_file_document(file));
  return file;
}

namespace {

constexpr std::string_view kNotIam = "not IAM: no policy or statement shape (no Version, Statement, Effect or Action)";

LoadedFile skipped_file(std::unique_ptr<SourceFile> source, std::string reason) {
  LoadedFile file;
  file.source = std::move(source);
  file.format = Format::Skipped;
  file.skip_reason = std::move(reason);
  return file;
}

// The name of a UTF-16 or UTF-32 encoding announced by a byte order mark, and the mark's length.
std::string_view wide_encoding(std::string_view text, uint32_t& bom) {
  auto starts = [&](std::string_view mark) { return text.substr(0, mark.size()) == mark; };
  using namespace std::string_view_literals;
  bom = 4;
  if (starts("\xFF\xFE\x00\x00"sv)) return "UTF-32 little-endian (byte order mark FF FE 00 00)";
  if (starts("\x00\x00\xFE\xFF"sv)) return "UTF-32 big-endian (byte order mark 00 00 FE FF)";
  bom = 2;
  if (starts("\xFF\xFE"sv)) return "UTF-16 little-endian (byte order mark FF FE)";
  if (starts("\xFE\xFF"sv)) return "UTF-16 big-endian (byte order mark FE FF)";
  bom = 0;
  return {};
}

}  // namespace

LoadedFile load_source(std::unique_ptr<SourceFile> source) {
  if (is_terraform_path(source->path())) {
    LoadedFile file;
    file.source = std::move(source);
    extract_terraform(file);
    return file;
  }
  if (is_template_path(source->path())) {
    LoadedFile file;
    file.source = std::move(source);
    extract_template(file);
    return file;
  }
  std::string_view text = source->text();
  // Positions are UTF-8 positions, and libyaml would decode UTF-16 but report character indexes
  // as byte offsets: rather than wrong lines and columns, one clear error at 1:1.
  uint32_t bom = 0;
  if (std::string_view encoding = wide_encoding(text, bom); !encoding.empty()) {
    LoadedFile file;
    file.source = std::move(source);
    file.json.error = JsonError{0, 0,
                                "the file is " + std::string(encoding) +
                                    ": sagelint reads UTF-8 only; re-encode it as UTF-8 (for example "
                                    "iconv -f " +
                                    std::string(encoding.substr(0, 6)) + " -t UTF-8), as AWS tools expect",
                                JsonRepair::None};
    file.documents.push_back(whole_file_document(file));
    return file;
  }
  if (is_markdown_path(source->path())) {
    LoadedFile file;
    file.source = std::move(source);
    extract_markdown(file);
    return file;
  }
  if (std::string ext = unreadable_extension(source->path()); !ext.empty()) {
    return skipped_file(std::move(source), "not a format sagelint reads (" + ext + ")");
  }
  if (!yaml_name(source->path()) || starts_like_json(text)) {
    // Before parsing: most application JSON never mentions a policy word at all.
    if (!may_hold_iam(text)) return skipped_file(std::move(source), std::string(kNotIam));
    LoadedFile file = load_policy_file(std::move(source));
    if (!file.json.errors.empty() && starts_like_json(file.source->text()) &&
        has_template_directives(file.source->text())) {
      // JSON written for Terraform's templatefile (%{ if } ... %{ endif }): rendered, not judged as JSON.
      LoadedFile rendered;
      rendered.source = std::move(file.source);
      extract_template(rendered);
      return rendered;
    }
    if (file.json.root && is_cloudformation(*file.json.root)) {
      file.documents.clear();
      extract_cloudformation(file, false);
    } else if (file.json.root && is_authorization_details(*file.json.root)) {
      file.documents.clear();
      extract_authorization_details(file);
    } else if (file.json.root && is_terraform_plan(*file.json.root)) {
      file.documents.clear();
      extract_terraform_plan(file);
    } else if (file.json.root && is_serverless(*file.json.root, file.source->path())) {
      file.documents.clear();
      extract_serverless(file, false);
    } else if (file.json.root && is_sam_policy_template_catalogue(*file.json.root)) {
      file.documents.clear();
      file.format = Format::Skipped;
      file.skip_reason =
          "the AWS SAM policy template catalogue (policy_templates.json): template definitions with "
          "parameters, not a policy";
    } else if (file.json.root ? !has_policy_shape(*file.json.root)
                              : !broken_json_looks_like_policy(file.source->text())) {
      file.documents.clear();
      file.format = Format::Skipped;
      file.skip_reason = kNotIam;
    }
    return file;
  }
  LoadedFile file;
  file.source = std::move(source);
  file.json = parse_yaml(file.source->text());
  if (!file.json.root) {
    if (mentions_cloudformation(file.source->text()) || is_serverless_name(file.source->path())) {
      file.format = Format::CloudFormation;
      Document doc = whole_file_document(file);
      doc.fixable = false;
      file.documents.push_back(std::move(doc));
    } else {
      file.format = Format::Skipped;
      file.skip_reason = "not valid YAML and not a CloudFormation template";
    }
    return file;
  }
  if (is_serverless(*file.json.root, file.source->path())) {
    extract_serverless(file, true);
    return file;
  }
  if (!is_cloudformation(*file.json.root)) {
    file.format = Format::Skipped;
    file.skip_reason =
        "YAML but not a CloudFormation template (no AWSTemplateFormatVersion, no AWS:: resource) nor a "
        "Serverless Framework configuration (no service and provider)";
    return file;
  }
  extract_cloudformation(file, true);
  return file;
}

}  // namespace sagelint::input
