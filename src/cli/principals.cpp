#include "cli/principals.hpp"

#include <map>

#include "principal/model.hpp"

namespace sagelint::cli {

namespace {

void collect_files(const principal::ManifestEntry& e, std::vector<std::string>& out) {
  if (e.trust) out.push_back(e.trust->text);
  for (const auto& v : e.managed) {
    if (principal::names_file(v.text)) out.push_back(v.text);
  }
  for (const auto& v : e.inline_policies) out.push_back(v.text);
  if (e.boundary && principal::names_file(e.boundary->text)) out.push_back(e.boundary->text);
}

}  // namespace

std::string PrincipalPhase::canonical(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  return p.lexically_normal().string();
}

PrincipalPhase::PrincipalPhase(const FileConfig& config) : config_(config) {
  std::vector<std::string> files;
  for (const auto& e : config.principals) collect_files(e, files);
  for (const auto& f : files) manifest_files_.insert(canonical(config.lint.base_dir / f));
}

bool PrincipalPhase::wanted(const input::LoadedFile& file) const {
  if (!file.entities.empty()) return true;
  // A module's principals may take their policies from data documents of any of its files: such
  // a file is kept for the model, and like a template's policies its documents are judged with
  // the module, not alone.
  if (file.format == input::Format::Terraform && !file.documents.empty()) return true;
  if (manifest_files_.empty() || file.source->path() == "-") return false;
  return manifest_files_.contains(canonical(file.source->path()));
}

std::vector<lint::FileReport> PrincipalPhase::run(const lint::Linter& linter, std::vector<std::string>& errors) {
  if (!linter.has_principal_rules() || (kept_.empty() && config_.principals.empty())) return {};
  principal::PrincipalSet set = build_model(errors);
  return linter.lint_principals(set);
}

principal::PrincipalSet PrincipalPhase::build_model(std::vector<std::string>& errors) {
  std::map<std::string, const input::LoadedFile*> by_path;
  std::vector<const input::LoadedFile*> files;
  for (const auto& f : kept_) {
    files.push_back(f.get());
    by_path.emplace(canonical(f->source->path()), f.get());
  }
  if (!config_.principals.empty()) {
    input::ReadResult read = input::read_file(config_.path);
    std::string display = lint::relative_for_matching(config_.path.string(), std::filesystem::current_path());
    manifest_source_ = std::make_unique<input::SourceFile>(display, read.text);
  }
  principal::FileLoader load = [&](const std::string& relative, std::string& error) -> const input::LoadedFile* {
    std::filesystem::path full = config_.lint.base_dir / relative;
    std::string key = canonical(full);
    if (auto it = by_path.find(key); it != by_path.end()) return it->second;
    input::ReadResult read = input::read_file(full);
    if (read.status != input::ReadStatus::Ok) {
      error = config_.path.filename().string() + ": [[principal]] file " + relative + ": " + read.error;
      return nullptr;
    }
    std::string display = lint::relative_for_matching(full.string(), std::filesystem::current_path());
    extra_.push_back(std::make_unique<input::LoadedFile>(
        input::load_source(std::make_unique<input::SourceFile>(display, std::move(read.text)))));
    by_path.emplace(key, extra_.back().get());
    return extra_.back().get();
  };
  principal::PrincipalSet set = principal::PrincipalSet::build(files, config_.principals, manifest_source_.get(), load,
                                                               principal::AwsManagedPolicies::builtin());
  for (const auto& e : set.errors()) errors.push_back(e);
  principal_count_ = set.principals().size();
  summary_ = std::to_string(set.principals().size()) + " principal(s), " +
             std::to_string(set.customer_managed().size()) + " customer managed polic(ies) from " +
             std::to_string(files.size()) + " file(s)";
  return set;
}

}  // namespace sagelint::cli
