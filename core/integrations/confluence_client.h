#pragma once
// Confluence's REST API (v1, the same on Cloud under /wiki and on Data Center): connection
// test, spaces, CQL search, pages created under a parent and updated with a version bump.
#include <optional>
#include <string>
#include <vector>

#include "core/integrations/integration_transport.h"

namespace tftsr::integrations {

class ConfluenceClient {
 public:
  ConfluenceClient(IntegrationTransport& transport, std::string base_url)
      : t_(transport), base_(std::move(base_url)) {}

  ConnectionCheck test();
  std::vector<ConfluenceSpace> spaces(int limit = 100);
  // Error(NotFound) naming the key when the space does not exist or the account cannot see it.
  ConfluenceSpace space(const std::string& key);
  std::vector<ConfluencePage> search(const std::string& cql, int limit = 25);
  ConfluencePage page(const std::string& id);
  // The title and Markdown pass the gate; the page body is the cleared Markdown in storage format.
  ConfluencePage create_page(const std::string& space_key, const std::optional<std::string>& parent_id,
                             const std::string& title, const std::string& markdown, const net::SendRecorder& record);
  // A new version of the page: `current_version` + 1. A 409 means someone else changed it first.
  ConfluencePage update_page(const std::string& id, std::int64_t current_version, const std::string& title,
                             const std::string& markdown, const net::SendRecorder& record);

 private:
  ConfluencePage page_from(const nlohmann::json& j) const;
  std::string api(const std::string& path) const { return base_ + "/rest/api" + path; }

  IntegrationTransport& t_;
  std::string base_;
};

}  // namespace tftsr::integrations
