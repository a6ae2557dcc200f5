// The public reading of Resource patterns (eval.hpp), over the evaluator's own template compiler.
#include "eval/eval.hpp"
#include "eval/match.hpp"

namespace sagelint::eval {

std::vector<PatternPart> resource_pattern_parts(std::string_view pattern, bool variables) {
  const detail::Template t = detail::compile_template(pattern, true, variables, detail::after_fifth_colon(pattern));
  std::vector<PatternPart> out;
  out.reserve(t.pieces.size());
  for (const detail::Piece& piece : t.pieces) {
    PatternPart part;
    switch (piece.kind) {
      case detail::Piece::Kind::Text:
        part.kind = PatternPart::Kind::Text;
        break;
      case detail::Piece::Kind::Star:
        part.kind = PatternPart::Kind::Star;
        break;
      case detail::Piece::Kind::Question:
        part.kind = PatternPart::Kind::Question;
        break;
      case detail::Piece::Kind::Variable:
        part.kind = PatternPart::Kind::Variable;
        break;
    }
    part.text = piece.text;
    out.push_back(std::move(part));
  }
  return out;
}

}  // namespace sagelint::eval
