// `sagelint server`: a Language Server (LSP 3.17) over standard input and output. Documents are
// linted in memory with cli::lint_buffer (the same path as a command-line run), with the
// .sagelint.toml found from each document's folder; diagnostics on didOpen, didChange and
// didSave carry the rule id as `code` and its page as `codeDescription.href`; the fixes sagelint
// has are offered as quick-fix code actions. Malformed messages get JSON-RPC error responses;
// nothing a client sends ends the server but `exit` or the end of its input.
#pragma once

#include <cstdio>

namespace sagelint::cli {

struct ServeOptions {
  // false: no .sagelint.toml is looked for (built-in defaults for every document) and no other
  // file is read for positions, so nothing on disk is touched; for the fuzz target (fuzz_lsp),
  // whose URIs name arbitrary paths.
  bool read_files = true;
};

// Serves until `exit` or end of input. Returns the process exit code: 0 after shutdown and exit,
// 1 when the input ended or `exit` came without `shutdown` (as the LSP specification says).
int serve(std::FILE* in, std::FILE* out, const ServeOptions& options = {});

}  // namespace sagelint::cli
