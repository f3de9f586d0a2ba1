#pragma once
// What callers may ask of the store: filters and sort orders for listing.
#include <optional>
#include <string>

namespace tftsr {

enum class IssueSort { UpdatedDesc, CreatedDesc, CreatedAsc, SeverityAsc, TitleAsc };

struct IssueFilter {
  std::optional<std::string> status;
  std::optional<std::string> severity;
  std::optional<std::string> category;
  std::optional<std::string> text;  // full-text query over title and description
  IssueSort sort = IssueSort::UpdatedDesc;
  int limit = 100;  // <= 0: no limit
  int offset = 0;
};

struct AuditFilter {
  std::optional<std::string> action;
  std::optional<std::string> entity_type;
  std::optional<std::string> entity_id;
  std::optional<std::string> since;  // timestamp, inclusive
  std::optional<std::string> until;  // timestamp, inclusive
  int limit = 100;                   // <= 0: no limit
};

}  // namespace tftsr
