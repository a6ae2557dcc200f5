// The [[principal]] manifest in .sagelint.toml: roles, users and groups described by the files
// of their policies, for repositories that keep plain policy files rather than templates.
//
//   [[principal]]
//   kind = "role"                                   # role | user | group
//   name = "DataScientistRole"
//   trust = "policies/trust-sagemaker.json"         # roles
//   managed = ["AmazonSageMakerFullAccess",         # AWS managed, by name or ARN
//              "policies/sm-compute.json"]          # customer managed, a policy file
//   inline = ["policies/s3-project-bucket.json"]
//   groups = ["DataScientists"]                     # users: other [[principal]] groups
//   boundary = "arn:aws:iam::111122223333:policy/Boundary"
#pragma once

#include <toml++/toml.h>

#include <string>
#include <vector>

#include "principal/model.hpp"

namespace sagelint::cli {

// `node` is the value of the top-level "principal" key. Returns false with `error`
// ("file:line: what is wrong") on any problem.
bool parse_manifest(const toml::node& node, const std::string& file, std::vector<principal::ManifestEntry>& out,
                    std::string& error);

}  // namespace sagelint::cli
