// Policy templates: JSON written for a template engine (*.json.tpl, *.json.j2, *.tpl, and .json
// files holding Terraform template directives). Interpolations (`${...}` of Terraform's
// templatefile, `{{ ... }}` of Jinja and Go templates) are computed values, opaque like a
// CloudFormation Ref. Directives that include or repeat text (`%{ if }`, `%{ for }`, Jinja's
// `{% if %}`, Go's `{{ if }}`/`{{ range }}`) are rendered: each combination of branches, up to
// kMaxTemplateRenderings, is one document whose byte ranges are the template's own bytes.
#pragma once

#include <string_view>

#include "input/document.hpp"

namespace sagelint::input {

inline constexpr size_t kMaxTemplateRenderings = 32;

bool is_template_path(std::string_view path);  // *.tpl, *.j2, *.jinja, *.jinja2, *.tmpl
// A Terraform template directive ("%{ if", "%{ for", "%{~ endif" ...) occurs in the text.
bool has_template_directives(std::string_view text);

// Fills file.json, the documents and notes (Format::Template), or marks the file skipped when
// it does not hold a JSON policy.
void extract_template(LoadedFile& file);

}  // namespace sagelint::input
