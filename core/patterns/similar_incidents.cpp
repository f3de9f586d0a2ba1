#include "core/patterns/similar_incidents.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace tftsr::patterns {

namespace {

using TermCounts = std::unordered_map<std::string, double>;

bool is_stop_word(const std::string& w) {
  static const std::unordered_set<std::string> kStop = {
      "the", "and", "for", "was", "were", "with", "that", "this", "from", "not", "but", "are", "has", "had",
      "have", "why", "did", "does", "what", "when", "which", "into", "after", "before", "then", "than", "its",
      "our", "out", "all", "any", "can", "could", "would", "should", "there", "their", "been", "being", "because",
      "root", "cause", "incident", "issue", "none", "null"};
  return kStop.count(w) > 0;
}

// Lower-case words of three letters or more, digits-only words left out (ids, counts).
TermCounts terms_of(const std::string& text) {
  TermCounts out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 3 && word.size() <= 40 && !std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        !is_stop_word(word))
      out[word] += 1.0;
    word.clear();
  };
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80 || c == '_') {
      word += c;
    } else if (u >= 'A' && u <= 'Z') {
      word += static_cast<char>(u - 'A' + 'a');
    } else {
      flush();
    }
  }
  flush();
  return out;
}

double idf(std::size_t documents, std::size_t with_term) {
  return std::log((1.0 + static_cast<double>(documents)) / (1.0 + static_cast<double>(with_term))) + 1.0;
}

}  // namespace

std::vector<SimilarIncident> rank_similar(const IncidentProfile& target, const std::vector<IncidentProfile>& others,
                                          std::size_t limit) {
  const std::size_t documents = others.size() + 1;
  // How many incidents have each pattern and each word.
  std::unordered_map<std::string, std::size_t> pattern_df, term_df;
  std::vector<TermCounts> other_terms;
  other_terms.reserve(others.size());
  const TermCounts target_terms = terms_of(target.text);
  for (const auto& p : target.problem_patterns) ++pattern_df[p];
  for (const auto& [t, n] : target_terms) ++term_df[t];
  for (const auto& o : others) {
    for (const auto& p : o.problem_patterns) ++pattern_df[p];
    other_terms.push_back(terms_of(o.text));
    for (const auto& [t, n] : other_terms.back()) ++term_df[t];
  }

  auto weights = [&](const TermCounts& terms) {
    TermCounts w;
    double norm = 0;
    for (const auto& [t, n] : terms) {
      const double v = (1.0 + std::log(n)) * idf(documents, term_df[t]);
      w[t] = v;
      norm += v * v;
    }
    norm = std::sqrt(norm);
    if (norm > 0)
      for (auto& [t, v] : w) v /= norm;
    return w;
  };
  const TermCounts target_weights = weights(target_terms);

  std::vector<SimilarIncident> ranked;
  for (std::size_t k = 0; k < others.size(); ++k) {
    const auto& o = others[k];
    if (o.id == target.id) continue;
    SimilarIncident s;
    s.id = o.id;

    // Patterns: weighted Jaccard, each pattern weighing its idf.
    double shared = 0, either = 0;
    std::vector<std::pair<double, std::string>> shared_list;
    for (const auto& p : target.problem_patterns) {
      const double w = idf(documents, pattern_df[p]);
      either += w;
      if (o.problem_patterns.count(p)) {
        shared += w;
        shared_list.emplace_back(w, p);
      }
    }
    for (const auto& p : o.problem_patterns)
      if (!target.problem_patterns.count(p)) either += idf(documents, pattern_df[p]);
    s.pattern_score = either > 0 ? shared / either : 0.0;
    std::sort(shared_list.begin(), shared_list.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [w, p] : shared_list) s.shared_patterns.push_back(p);

    // Words: cosine of the TF-IDF vectors.
    const TermCounts w = weights(other_terms[k]);
    std::vector<std::pair<double, std::string>> shared_words;
    for (const auto& [t, v] : target_weights) {
      const auto it = w.find(t);
      if (it == w.end()) continue;
      s.text_score += v * it->second;
      shared_words.emplace_back(v * it->second, t);
    }
    std::sort(shared_words.begin(), shared_words.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < shared_words.size() && i < 6; ++i) s.shared_words.push_back(shared_words[i].second);

    const bool patterns_on_both = !target.problem_patterns.empty() && !o.problem_patterns.empty();
    s.score = patterns_on_both ? 0.6 * s.pattern_score + 0.4 * s.text_score : s.text_score;
    if (s.score >= kMinimumSimilarity) ranked.push_back(std::move(s));
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  if (ranked.size() > limit) ranked.resize(limit);
  return ranked;
}

}  // namespace tftsr::patterns
