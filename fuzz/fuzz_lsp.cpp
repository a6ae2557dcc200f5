// `sagelint server`: a byte stream as an editor would send it (Content-Length framed JSON-RPC
// messages, or anything else) through the server's message reader and dispatcher, with every
// document linted as it would be. Nothing is read from disk (ServeOptions::read_files off:
// URIs name arbitrary paths). Besides crashes, the target aborts when the server's output is not
// a sequence of well-framed JSON-RPC 2.0 messages, or when it ends with a code LSP does not give.
#include <simdjson.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "cli/server.hpp"

namespace {

// "Content-Length: N\r\n\r\n" + N bytes of JSON, over and over, and nothing else.
bool well_framed(std::string_view out) {
  static simdjson::dom::parser parser;
  constexpr std::string_view kHeader = "Content-Length: ";
  while (!out.empty()) {
    if (!out.starts_with(kHeader)) return false;
    out.remove_prefix(kHeader.size());
    size_t n = 0;
    size_t digits = 0;
    while (digits < out.size() && out[digits] >= '0' && out[digits] <= '9') n = n * 10 + (out[digits++] - '0');
    if (digits == 0 || digits > 9) return false;
    out.remove_prefix(digits);
    if (!out.starts_with("\r\n\r\n")) return false;
    out.remove_prefix(4);
    if (out.size() < n) return false;
    simdjson::dom::object message;
    if (parser.parse(out.data(), n).get(message)) return false;
    std::string_view version;
    if (message["jsonrpc"].get(version) || version != "2.0") return false;
    out.remove_prefix(n);
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;  // fmemopen refuses an empty buffer
  std::FILE* in = fmemopen(const_cast<uint8_t*>(data), size, "r");
  if (in == nullptr) return 0;
  char* buffer = nullptr;
  size_t length = 0;
  std::FILE* out = open_memstream(&buffer, &length);
  if (out == nullptr) {
    std::fclose(in);
    return 0;
  }
  sagelint::cli::ServeOptions options;
  options.read_files = false;
  const int rc = sagelint::cli::serve(in, out, options);
  std::fclose(in);
  std::fclose(out);
  const bool framed = well_framed(std::string_view(buffer, length));
  std::free(buffer);
  if (rc != 0 && rc != 1) __builtin_trap();
  if (!framed) __builtin_trap();
  return 0;
}
