#pragma once
// The sidebar: search box, filters (status, severity, domain) and the incident list. The list is
// virtualised: only the visible rows are drawn. The count and the rows (a page at a time) are
// queried on the worker pool, because a full-text search over 100,000 incidents takes longer than
// a frame; results that arrive for an outdated filter are dropped.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/view_jobs.h"

namespace tftsr::gui {

class IncidentListView {
 public:
  static constexpr int kPageSize = 200;

  void draw(AppState& state);
  void cancel_jobs() { jobs_.cancel(); }
  // The filter the list shows, built from the search box and the combos.
  IncidentFilter current_filter() const;
  std::int64_t total() const { return total_; }
  std::string& search_text() { return search_; }
  // True while the count or a visible page is still being queried.
  bool loading() const { return count_pending_ || !pending_pages_.empty(); }
  // Number of store queries started so far (count + pages): lets tests and benchmarks see the cache work.
  std::uint64_t queries() const { return queries_; }

 private:
  const Incident* row(AppState& state, int index);
  void invalidate_if_needed(AppState& state);
  void request_page(AppState& state, int page);

  std::string search_;
  int status_ = 0;    // 0 = any, else kStatuses[i-1]
  int severity_ = 0;  // 0 = any, else kSeverities[i-1]
  int domain_ = 0;    // 0 = any, else domain_names()[i-1]
  std::string loaded_key_;
  std::uint64_t loaded_version_ = 0;
  std::uint64_t generation_ = 0;  // bumped when the filter or the data changes
  std::int64_t total_ = 0;
  bool count_pending_ = false;
  std::map<int, std::vector<Incident>> pages_;
  std::set<int> pending_pages_;
  std::string error_;
  std::uint64_t queries_ = 0;
  ViewJobs jobs_;  // of the current generation, cancelled when it is outdated
};

}  // namespace tftsr::gui
