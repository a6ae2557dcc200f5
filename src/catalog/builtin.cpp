// The catalog embedded at build time (embed.S.in): the JSON, and its index written by
// index_tool.cpp from the same bytes. Kept apart from load.cpp so that the index tool, which runs
// before the embedded data exists, links without it.
#include <cstdio>
#include <cstdlib>

#include "catalog/data.hpp"

extern "C" {
// Defined in the configured embed.S: the catalog JSON followed by kEmbeddedPadding zero bytes,
// and its index (32-bit words; empty when the catalog could not be indexed).
extern const char sagelint_iam_catalog_begin[];
extern const char sagelint_iam_catalog_end[];
extern const std::uint32_t sagelint_iam_catalog_index_begin[];
extern const std::uint32_t sagelint_iam_catalog_index_end[];
}

namespace sagelint::catalog {

const Catalog& Catalog::builtin() {
  static const std::unique_ptr<const Catalog> instance = [] {
    const auto len = static_cast<std::size_t>(sagelint_iam_catalog_end - sagelint_iam_catalog_begin);
    const std::size_t capacity = len + detail::kEmbeddedPadding;
    const std::span<const std::uint32_t> index(sagelint_iam_catalog_index_begin, sagelint_iam_catalog_index_end);
    auto data = std::make_unique<Data>();
    if (detail::read_index(*data, index, sagelint_iam_catalog_begin, len, capacity)) {
      return std::unique_ptr<const Catalog>(new Catalog(std::move(data)));
    }
    // No index (escaped strings) or not this JSON's: parse the JSON itself.
    data = std::make_unique<Data>();
    std::string error;
    if (!detail::load_json(*data, sagelint_iam_catalog_begin, len, capacity, &error)) {
      // Only a broken build gets here; the unit tests load the same bytes.
      std::fprintf(stderr, "sagelint: the embedded IAM catalog is invalid: %s\n", error.c_str());
      std::abort();
    }
    return std::unique_ptr<const Catalog>(new Catalog(std::move(data)));
  }();
  return *instance;
}

}  // namespace sagelint::catalog
