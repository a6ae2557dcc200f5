// Terraform configuration (.tf, HCL native syntax): every IAM policy a module writes, as the
// located tree the rules read, with byte ranges in the .tf file; and the IAM roles, users,
// groups, policies and attachments it declares, as Entities (see document.hpp).
#pragma once

#include <string_view>

#include "input/document.hpp"

namespace sagelint::input {

bool is_terraform_path(std::string_view path);  // *.tf

// Fills file.json (one tree holding every policy found, keyed by resource address), the
// documents and the entities. HCL syntax errors become one document without a tree whose
// syntax_errors are those errors (reported by invalid-json, SL001, at their line:column).
void extract_terraform(LoadedFile& file);

}  // namespace sagelint::input
