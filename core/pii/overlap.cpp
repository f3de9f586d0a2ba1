#include "core/pii/overlap.h"

#include <algorithm>

namespace tftsr::pii {
namespace {

bool wins_over(const Finding& a, const Finding& b) {
  const int sa = specificity(a.type), sb = specificity(b.type);
  if (sa != sb) return sa > sb;
  if (a.length() != b.length()) return a.length() > b.length();
  return a.start < b.start;
}

bool overlaps(const Finding& a, const Finding& b) { return a.start < b.end && b.start < a.end; }

}  // namespace

std::vector<Finding> resolve_overlaps(std::vector<Finding> candidates) {
  const auto by_position = [](const Finding& a, const Finding& b) {
    return a.start < b.start || (a.start == b.start && a.end < b.end);
  };
  // The candidates arrive as a few runs already in order (one per pass): merging them is linear,
  // and a log with a host name on every line has hundreds of thousands of candidates.
  const auto first_run = std::is_sorted_until(candidates.begin(), candidates.end(), by_position);
  if (std::is_sorted(first_run, candidates.end(), by_position)) {
    std::inplace_merge(candidates.begin(), first_run, candidates.end(), by_position);
  } else {
    std::sort(candidates.begin(), candidates.end(), by_position);
  }
  std::vector<Finding> result;
  result.reserve(candidates.size());
  std::vector<Finding> cluster;
  std::vector<Finding> winners;
  // Only candidates in one connected run of overlaps can affect each other, so the greedy
  // choice is made per run; runs are tiny in practice.
  std::size_t i = 0;
  while (i < candidates.size()) {
    cluster.clear();
    std::size_t cluster_end = candidates[i].end;
    cluster.push_back(std::move(candidates[i++]));
    while (i < candidates.size() && candidates[i].start < cluster_end) {
      cluster_end = std::max(cluster_end, candidates[i].end);
      cluster.push_back(std::move(candidates[i++]));
    }
    if (cluster.size() == 1) {
      result.push_back(std::move(cluster[0]));
      continue;
    }
    std::sort(cluster.begin(), cluster.end(), wins_over);
    winners.clear();
    for (auto& c : cluster) {
      if (std::none_of(winners.begin(), winners.end(), [&](const Finding& w) { return overlaps(w, c); }))
        winners.push_back(std::move(c));
    }
    std::sort(winners.begin(), winners.end(), [](const Finding& a, const Finding& b) { return a.start < b.start; });
    for (auto& w : winners) result.push_back(std::move(w));
  }
  return result;
}

}  // namespace tftsr::pii
