#include "input/document.hpp"

namespace sagelint::input {

LoadedFile load_policy_file(std::unique_ptr<SourceFile> source) {
  LoadedFile file;
  file.source = std::move(source);
  file.json = parse_json(file.source->text());
  Document doc;
  doc.source = file.source.get();
  if (file.json.root) {
    doc.root = file.json.root.get();
  } else {
    doc.error = &file.json.error;
  }
  file.documents.push_back(std::move(doc));
  return file;
}

LoadedFile load_source(std::unique_ptr<SourceFile> source) { return load_policy_file(std::move(source)); }

}  // namespace sagelint::input
