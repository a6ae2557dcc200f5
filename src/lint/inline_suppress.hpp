// Suppressions written in the linted file itself. JSON has no comments (use [[suppress]] in
// .sagelint.toml for policy files), so:
// - YAML templates: `# sagelint: ignore[SL501, unknown-action]` at the end of the finding's
//   line, or on a comment line of its own directly above it;
// - CloudFormation templates (JSON or YAML), as cfn-lint does with its own key: resource
//   `Metadata: {sagelint: {ignore: [...]}}` for the findings inside that resource, or the
//   template's top-level `Metadata` for the whole file.
// Selectors are rule ids, id prefixes, names or tags, as in --ignore. Suppressed findings stay
// in the json and sarif output, marked suppressed with the reason.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "input/document.hpp"
#include "input/json.hpp"
#include "input/source.hpp"
#include "lint/finding.hpp"
#include "lint/registry.hpp"

namespace sagelint::lint {

class InlineSuppressions {
 public:
  // `root`: the whole file's tree (JSON, or YAML turned into the same tree); may be null.
  InlineSuppressions(const input::SourceFile& source, const input::JsonNode* root);
  // Without the tree at hand (principal-scope findings): the file is parsed again, only when
  // it mentions sagelint at all.
  explicit InlineSuppressions(const input::SourceFile& source);

  // Marks `finding` suppressed when a comment or Metadata of the file names its rule.
  void apply(const Registry& registry, Finding& finding) const;

  // A list of selectors from one comment line, or nothing when the line has no such comment.
  static bool parse_comment(std::string_view line, std::vector<std::string>& selectors);

 private:
  const input::SourceFile* source_;
  const input::JsonNode* root_;
  bool active_ = false;  // the file mentions "sagelint" at all: otherwise nothing to look at
  bool yaml_ = false;
  std::unique_ptr<input::LoadedFile> owned_;
};

}  // namespace sagelint::lint
