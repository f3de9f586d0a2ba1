#pragma once
// Where an incident's 5 Whys stand, moved by the model's structured replies. The level only
// moves forward from replies; only the user moves it back (set_level). This is what the old
// app got wrong: a keyword in a reply could send the level backwards.
#include <optional>
#include <string>

#include "core/ai/structured_reply.h"

namespace tftsr::ai {

// A why the model answered: the chat service saves it as a resolution step.
struct AnsweredWhy {
  int level = 1;
  std::string question;
  std::string answer;
};

struct WhyUpdate {
  bool level_changed = false;
  std::optional<AnsweredWhy> answered;
  bool root_cause_reached = false;  // true only on the reply that first names it
  bool ignored_backwards = false;   // the block named an earlier level: kept where we are
};

class WhyProgress {
 public:
  // `level` is the why being worked on (1..5); root_cause non-empty when already found.
  explicit WhyProgress(int level = 1, std::string root_cause = {});

  int level() const { return level_; }
  bool root_cause_found() const { return !root_cause_.empty(); }
  const std::string& root_cause() const { return root_cause_; }

  // Applies a parsed block. Moves forward only: to the block's level, and past it when the
  // block answers it (up to 5).
  WhyUpdate apply(const WhyBlock& block);

  // The user's own move, in either direction. Moving back reopens the search for a root cause.
  // Throws Error(InvalidInput) outside 1..5.
  void set_level(int level);

 private:
  int level_;
  std::string root_cause_;
};

}  // namespace tftsr::ai
