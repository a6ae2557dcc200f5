// The floor for one small file: read it and parse it with simdjson (DOM, every value touched by
// the parser), nothing else. bench/scale.sh reports its instruction count beside sagelint's.
#include <simdjson.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: sagelint_parse_only FILE\n");
    return 2;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.load(argv[1]).get(doc) != simdjson::SUCCESS) return 1;
  return doc.is_object() ? 0 : 1;
}
