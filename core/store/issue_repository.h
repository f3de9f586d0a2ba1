#pragma once
// SQL for the issues table. No validation here: the façade validates, this only reads and writes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/records.h"

namespace tftsr {

class Database;
struct IssueFilter;

class IssueRepository {
 public:
  explicit IssueRepository(Database& db) : db_(db) {}
  void insert(const Issue& issue);
  std::optional<Issue> find(const std::string& id);
  void update(const Issue& issue);
  bool remove(const std::string& id);
  std::vector<Issue> list(const IssueFilter& filter);
  std::int64_t count(const IssueFilter& filter);
  std::int64_t count_where(const std::string& where_sql, const std::vector<std::string>& args);

 private:
  Database& db_;
};

}  // namespace tftsr
