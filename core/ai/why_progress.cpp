#include "core/ai/why_progress.h"

#include <algorithm>

#include "core/error.h"

namespace tftsr::ai {

namespace {
void check_level(int level) {
  if (level < 1 || level > kWhyLevels)
    throw Error(ErrorKind::InvalidInput, "why level " + std::to_string(level) + " is out of range: use 1 to 5");
}
}  // namespace

WhyProgress::WhyProgress(int level, std::string root_cause) : level_(level), root_cause_(std::move(root_cause)) {
  check_level(level);
}

WhyUpdate WhyProgress::apply(const WhyBlock& block) {
  WhyUpdate update;
  const int before = level_;
  if (block.why_level) {
    const int named = *block.why_level;
    if (named < level_) {
      update.ignored_backwards = true;
    } else {
      if (block.answer) {
        update.answered = AnsweredWhy{named, block.why_question, *block.answer};
        level_ = std::min(named + 1, kWhyLevels);
      } else {
        level_ = named;
      }
    }
  }
  if (block.root_cause && root_cause_.empty()) {
    root_cause_ = *block.root_cause;
    update.root_cause_reached = true;
  }
  update.level_changed = level_ != before;
  return update;
}

void WhyProgress::set_level(int level) {
  check_level(level);
  if (level < level_) root_cause_.clear();
  level_ = level;
}

}  // namespace tftsr::ai
