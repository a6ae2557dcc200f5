// What a file contributes to linting: one or more policy documents located inside it.
// A plain policy file is one document; a CloudFormation template or an account
// authorization dump holds many (see input/ loaders).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "input/json.hpp"
#include "input/source.hpp"

namespace sagelint::input {

enum class KindHint { Unknown, Identity, Trust, Resource };

struct Document {
  const SourceFile* source = nullptr;
  const JsonNode* root = nullptr;   // null when the text could not be parsed
  const JsonError* error = nullptr;  // set when root is null
  std::string origin;                // e.g. "Resources/NotebookRole/Properties/AssumeRolePolicyDocument"; empty for a policy file
  KindHint kind_hint = KindHint::Unknown;  // what the container says the document is
};

struct LoadedFile {
  std::unique_ptr<SourceFile> source;
  JsonParseResult json;  // the whole file's tree, when it is JSON
  std::vector<Document> documents;
};

// A policy file: the whole text is one policy document (or a parse error).
LoadedFile load_policy_file(std::unique_ptr<SourceFile> source);

// Any input file: recognises the container format from the content and extracts every
// policy document in it.
LoadedFile load_source(std::unique_ptr<SourceFile> source);

}  // namespace sagelint::input
