// Serverless Framework configuration: see serverless.cpp.
#pragma once

#include <string_view>

#include "input/document.hpp"

namespace sagelint::input {

// serverless.yml / serverless.yaml / serverless.json by name, or `service` beside a `provider` map.
bool is_serverless(const JsonNode& root, std::string_view path);

// serverless.yml / serverless.yaml / serverless.json (the base name).
bool is_serverless_name(std::string_view path);

// Fills file.documents and file.entities from file.json.root (see serverless.cpp).
void extract_serverless(LoadedFile& file, bool yaml);

}  // namespace sagelint::input
