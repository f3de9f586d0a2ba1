#pragma once
// Which earlier incidents look like this one, offline: by the warning-and-worse patterns their
// logs share (each weighted by how rare it is among incidents, so a pattern every incident has
// says little) and by their words (title, description, the 5 Whys, the root cause, documents;
// TF-IDF cosine). With patterns on both sides the score is 0.6 x patterns + 0.4 x words, else
// the words alone. Scores run from 0 to 1; below kMinimumSimilarity an incident is not listed.
#include <cstddef>
#include <set>
#include <string>
#include <vector>

namespace tftsr::patterns {

inline constexpr double kMinimumSimilarity = 0.08;

struct IncidentProfile {
  std::string id;
  std::set<std::string> problem_patterns;  // template ids
  std::string text;                        // every word written about it
};

struct SimilarIncident {
  std::string id;
  double score = 0.0;
  double pattern_score = 0.0;
  double text_score = 0.0;
  std::vector<std::string> shared_patterns;  // template ids, rarest first
  std::vector<std::string> shared_words;     // the heaviest few, for "why"
};

std::vector<SimilarIncident> rank_similar(const IncidentProfile& target, const std::vector<IncidentProfile>& others,
                                          std::size_t limit);

}  // namespace tftsr::patterns
