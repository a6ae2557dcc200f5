// YAML into the located JSON tree, for CloudFormation templates written in YAML. Offsets are
// bytes of the YAML text, so a finding in an embedded policy points at the YAML token.
#pragma once

#include <string_view>

#include "input/json.hpp"

namespace sagelint::input {

// Parses the one YAML document in `text` (a UTF-8 BOM is skipped; offsets stay file offsets).
// Mapping keys become object members, sequences arrays. Plain scalars resolve as CloudFormation
// reads them: null (~, null, empty), true/false, JSON-shaped numbers; everything else, and every
// quoted or block scalar, is a string.
// CloudFormation short-form tags become the long form, one-member objects whose key spans the
// tag: `!Ref X` -> {"Ref": "X"}, `!Condition C` -> {"Condition": "C"}, any other `!Name v` ->
// {"Fn::Name": v} (`!GetAtt A.B` keeps its dotted string). Aliases are errors, as in
// CloudFormation, and so is a second document in the stream.
JsonParseResult parse_yaml(std::string_view text);

// Sets `parent` and `index_in_parent` through a subtree (after it was built or moved).
void relink(JsonNode& node, const JsonNode* parent, uint32_t index);

}  // namespace sagelint::input
