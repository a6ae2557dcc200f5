// The second phase of a run: after every file is linted, the principal model is built from the
// templates and dumps that define IAM entities plus the [[principal]] manifest, and the
// principal-scope rules run over it.
#pragma once

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cli/config.hpp"
#include "input/document.hpp"
#include "lint/linter.hpp"
#include "principal/model.hpp"

namespace sagelint::cli {

class PrincipalPhase {
 public:
  explicit PrincipalPhase(const FileConfig& config);

  // Whether the file must be kept for the model (it defines entities, holds Terraform policies
  // another file of its module may use, or the manifest names it). Safe to call from the worker
  // threads.
  bool wanted(const input::LoadedFile& file) const;
  void keep(std::unique_ptr<input::LoadedFile> file) { kept_.push_back(std::move(file)); }

  // Builds the model and runs the principal rules. Problems that are not findings (a manifest
  // file that cannot be read) go to `errors`.
  std::vector<lint::FileReport> run(const lint::Linter& linter, std::vector<std::string>& errors);
  // The model alone, from the kept files and the manifest (explain-access --principal). The
  // phase owns the files the model points into: it must outlive the set.
  principal::PrincipalSet build_model(std::vector<std::string>& errors);
  size_t principal_count() const { return principal_count_; }
  const std::string& summary() const { return summary_; }  // for the log

 private:
  const FileConfig& config_;
  std::set<std::string> manifest_files_;  // canonical paths named by the manifest
  std::vector<std::unique_ptr<input::LoadedFile>> kept_;
  std::vector<std::unique_ptr<input::LoadedFile>> extra_;  // manifest files not among the inputs
  std::unique_ptr<input::SourceFile> manifest_source_;
  size_t principal_count_ = 0;
  std::string summary_;

  static std::string canonical(const std::filesystem::path& path);
};

}  // namespace sagelint::cli
