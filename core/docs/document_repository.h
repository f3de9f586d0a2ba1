#pragma once
// SQL for the seed's `documents` table. Versions are numbered per incident and type by creation.
#include <optional>
#include <string>
#include <vector>

#include "core/model/document.h"

namespace tftsr {

class Database;

class DocumentRepository {
 public:
  explicit DocumentRepository(Database& db) : db_(db) {}
  void insert(const Document& doc);
  std::optional<Document> find(const std::string& id);
  Document get(const std::string& id);  // Error(NotFound) if there is no such document
  std::vector<Document> for_issue(const std::string& issue_id);  // oldest first
  void update_content(const std::string& id, const std::string& content_md, std::int64_t updated_at);
  int count_of_type(const std::string& issue_id, const std::string& doc_type);

 private:
  Database& db_;
};

}  // namespace tftsr
