// The one escaping policy for untrusted text (policy values, file names, messages quoting them)
// on its way to a terminal, a log or a line-oriented parser: text and github output, and every
// message on standard error. JSON and SARIF stay exact and use json_quote instead.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sagelint::report {

// True for what a terminal or an editor would act on or not show: C0 and C1 controls, DEL,
// bidirectional and other invisible format characters (U+202E, U+2066, U+200B, U+FEFF ...),
// and the Unicode line and paragraph separators.
bool is_hidden_code_point(uint32_t cp);

// `text` with every hidden code point written as a visible escape (\n, \r, \t, \u001B, \u202E,
// \u{E0041}) and every byte of invalid UTF-8 as \xFF, so no input can start a line, move the
// cursor, reorder what is shown or hide a character. Printable text, including non-ASCII
// letters and backslashes, is unchanged. `keep_newlines` leaves '\n' as is, for multi-line
// text whose lines are each escaped.
std::string escape_text(std::string_view text, bool keep_newlines = false);

// GitHub workflow commands: escape_text, then %, CR and LF as %25, %0D, %0A (message data);
// a property value (file=, title=) also escapes ':' and ','.
std::string github_data(std::string_view text);
std::string github_property(std::string_view text);

}  // namespace sagelint::report
