#pragma once
// Replies in Confluence's REST v1 shapes (the same on Cloud under /wiki and on Data Center),
// for the loopback server: spaces, a space, the 404 of a space that does not exist, a page with
// its version and links, CQL search results, and the 409 of an update with a stale version.
#include <cstdint>
#include <string>
#include <vector>

#include "tests/fakes/loopback_http_server.h"

namespace tftsr::test::confluence_fake {

struct FakePage {
  std::string id;
  std::string title;
  std::int64_t version = 1;
  std::string space = "OPS";
};

// base: what Confluence puts in _links.base ("http://127.0.0.1:PORT/wiki").
ScriptedReply spaces(const std::vector<std::pair<std::string, std::string>>& key_names, const std::string& base);
ScriptedReply space(const std::string& key, const std::string& name);
ScriptedReply space_not_found(const std::string& key);
ScriptedReply page(const FakePage& p, const std::string& base);
ScriptedReply search(const std::vector<FakePage>& pages, const std::string& base);
// 409 {"statusCode":409,"message":"Version must be incremented on update. Current version is: N"}.
ScriptedReply version_conflict(std::int64_t current_version);

}  // namespace tftsr::test::confluence_fake
