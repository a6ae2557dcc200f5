// Build-time tool: writes the index of an IAM catalog JSON (see load.cpp) that the build embeds
// beside the JSON, so that start-up reads no JSON.
//   sagelint_catalog_index <iam-catalog.json> <output>
// A catalog that does not load fails the build; one that loads but cannot be indexed gets an
// empty index, and the built-in catalog then parses the JSON at start-up.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "catalog/data.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s <iam-catalog.json> <output>\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::ostringstream json;
  json << in.rdbuf();
  if (!in) {
    std::fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[1]);
    return 1;
  }
  std::string index;
  std::string error;
  if (!sagelint::catalog::detail::write_index(json.view(), index, &error)) {
    std::fprintf(stderr, "%s: %s: %s\n", argv[0], argv[1], error.c_str());
    return 1;
  }
  if (index.empty()) std::fprintf(stderr, "%s: %s has escaped names: not indexed\n", argv[0], argv[1]);
  std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
  out.write(index.data(), static_cast<std::streamsize>(index.size()));
  out.close();
  if (!out) {
    std::fprintf(stderr, "%s: cannot write %s\n", argv[0], argv[2]);
    return 1;
  }
  return 0;
}
