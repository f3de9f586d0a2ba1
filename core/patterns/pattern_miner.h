#pragma once
// A streaming, single-pass log template miner in the spirit of Drain (He et al., ICWS 2017):
// each line's header is read (line_header.h), its message tokenised with the variable parts
// masked (message_tokenizer.h), and the token sequence is routed through a fixed-depth tree
// (by token count, then by the leading tokens) to a few candidate templates; it joins the most
// similar one when the share of equal tokens reaches the threshold (the template then turns the
// differing positions into <*>), else it starts a new template. In a leaf crowded with more
// templates than a line is compared with, only those that took a line most recently are
// candidates (see pattern_miner.cpp). Memory grows with the number of
// templates, not with the lines: a line is never kept, and the templates are capped.
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "core/patterns/pattern_report.h"

namespace tftsr::patterns {

struct MinerOptions {
  double similarity = 0.8;            // share of equal tokens to join a template
  std::size_t prefix_tokens = 2;      // depth of the tree below the token count
  std::size_t max_children = 100;     // per tree node; further tokens share the <*> branch
  std::size_t max_templates = 20000;  // then kOverflowTemplate and a notice
  std::size_t max_line_bytes = 4096;  // a longer line is mined on its start only
  std::size_t max_tokens = 256;       // per message
  bool record_lines = false;          // fill PatternReport::line_templates (4 bytes per line)
  int default_year = 0;               // for timestamps without a year; 0: the current year
};

class PatternMiner {
 public:
  explicit PatternMiner(const MinerOptions& options = {});
  ~PatternMiner();
  PatternMiner(const PatternMiner&) = delete;
  PatternMiner& operator=(const PatternMiner&) = delete;

  // Mines the next line (without its LF; at most max_line_bytes of it, `cut` when it was longer).
  void add_line(std::string_view line, bool cut = false);
  std::int64_t line_count() const;
  std::size_t template_count() const;
  // Comparisons of a line with a template so far: at most a fixed number per line (64), however
  // many distinct lines come, so that mining stays linear in the lines.
  std::uint64_t comparisons() const;

  // The templates; ends the mining.
  PatternReport finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tftsr::patterns
