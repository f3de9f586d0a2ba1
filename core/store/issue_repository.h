#pragma once
// SQL for the issues table. No validation here: the incident service validates, this only reads and writes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/records.h"

namespace tftsr {

class Database;
struct IncidentFilter;

class IssueRepository {
 public:
  explicit IssueRepository(Database& db) : db_(db) {}
  void insert(const Incident& issue);
  std::optional<Incident> find(const std::string& id);
  Incident get(const std::string& id);  // Error(NotFound) if there is no such incident
  void update(const Incident& issue);
  bool remove(const std::string& id);
  std::vector<Incident> list(const IncidentFilter& filter);
  std::int64_t count(const IncidentFilter& filter);
  std::int64_t count_where(const std::string& where_sql, const std::vector<std::string>& args);

 private:
  Database& db_;
};

}  // namespace tftsr
