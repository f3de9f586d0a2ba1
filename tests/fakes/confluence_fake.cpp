#include "tests/fakes/confluence_fake.h"

#include <nlohmann/json.hpp>

namespace tftsr::test::confluence_fake {

namespace {
using nlohmann::json;

json page_json(const FakePage& p, const std::string& base) {
  return {{"id", p.id},
          {"type", "page"},
          {"status", "current"},
          {"title", p.title},
          {"space", {{"key", p.space}}},
          {"version", {{"number", p.version}, {"minorEdit", false}}},
          {"_links",
           {{"webui", "/spaces/" + p.space + "/pages/" + p.id},
            {"self", base + "/rest/api/content/" + p.id},
            {"base", base},
            {"context", "/wiki"}}}};
}
}  // namespace

ScriptedReply spaces(const std::vector<std::pair<std::string, std::string>>& key_names, const std::string& base) {
  json results = json::array();
  int id = 98304;
  for (const auto& [key, name] : key_names)
    results.push_back({{"id", id++}, {"key", key}, {"name", name}, {"type", "global"}, {"status", "current"}});
  return ScriptedReply::json(200, json{{"results", results},
                                       {"start", 0},
                                       {"limit", 25},
                                       {"size", results.size()},
                                       {"_links", {{"base", base}, {"context", "/wiki"}}}}
                                      .dump());
}

ScriptedReply space(const std::string& key, const std::string& name) {
  return ScriptedReply::json(200, json{{"id", 98304}, {"key", key}, {"name", name}, {"type", "global"}}.dump());
}

ScriptedReply space_not_found(const std::string& key) {
  return ScriptedReply::json(
      404, json{{"statusCode", 404},
                {"data", {{"authorized", false}, {"valid", true}, {"errors", json::array()}, {"successful", false}}},
                {"message", "No space with key : " + key}}
               .dump());
}

ScriptedReply page(const FakePage& p, const std::string& base) {
  return ScriptedReply::json(200, page_json(p, base).dump());
}

ScriptedReply search(const std::vector<FakePage>& pages, const std::string& base) {
  json results = json::array();
  for (const auto& p : pages) {
    json j = page_json(p, base);
    j["_links"].erase("base");
    results.push_back(j);
  }
  return ScriptedReply::json(200, json{{"results", results},
                                       {"start", 0},
                                       {"limit", 25},
                                       {"size", results.size()},
                                       {"_links", {{"base", base}, {"context", "/wiki"}}}}
                                      .dump());
}

ScriptedReply version_conflict(std::int64_t current_version) {
  return ScriptedReply::json(
      409, json{{"statusCode", 409},
                {"data", {{"authorized", true}, {"valid", true}, {"errors", json::array()}, {"successful", false}}},
                {"message", "Version must be incremented on update. Current version is: " +
                                std::to_string(current_version)}}
               .dump());
}

}  // namespace tftsr::test::confluence_fake
