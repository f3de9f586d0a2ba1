#include "tests/fakes/azure_devops_fake.h"

#include <nlohmann/json.hpp>

namespace tftsr::test::azure_devops_fake {

namespace {
using nlohmann::json;
json item_json(const FakeWorkItem& w, const std::string& org, const std::string& project) {
  const std::string id = std::to_string(w.id);
  return {{"id", w.id},
          {"rev", 1},
          {"fields",
           {{"System.AreaPath", project},
            {"System.TeamProject", project},
            {"System.WorkItemType", w.type},
            {"System.State", w.state},
            {"System.Title", w.title}}},
          {"_links", {{"self", {{"href", org + "/_apis/wit/workItems/" + id}}},
                      {"html", {{"href", org + "/" + project + "/_workitems/edit/" + id}}}}},
          {"url", org + "/_apis/wit/workItems/" + id}};
}
}  // namespace

ScriptedReply project(const std::string& name) {
  return ScriptedReply::json(200, json{{"id", "eb6e4656-77fc-42a1-9181-4c6d8e9da5d1"},
                                       {"name", name},
                                       {"state", "wellFormed"},
                                       {"revision", 411},
                                       {"visibility", "private"}}
                                      .dump());
}

ScriptedReply work_item(const FakeWorkItem& w, const std::string& org, const std::string& project) {
  return ScriptedReply::json(200, item_json(w, org, project).dump());
}

ScriptedReply wiql(const std::vector<int>& ids, const std::string& org) {
  json items = json::array();
  for (int id : ids) items.push_back({{"id", id}, {"url", org + "/_apis/wit/workItems/" + std::to_string(id)}});
  return ScriptedReply::json(200, json{{"queryType", "flat"},
                                       {"queryResultType", "workItem"},
                                       {"asOf", "2026-12-01T19:00:00.00Z"},
                                       {"columns", json::array({{{"referenceName", "System.Id"}, {"name", "ID"}}})},
                                       {"workItems", items}}
                                      .dump());
}

ScriptedReply work_items(const std::vector<FakeWorkItem>& list, const std::string& org, const std::string& project) {
  json value = json::array();
  for (const auto& w : list) value.push_back(item_json(w, org, project));
  return ScriptedReply::json(200, json{{"count", value.size()}, {"value", value}}.dump());
}

ScriptedReply comment(int work_item_id, const std::string& text) {
  return ScriptedReply::json(200, json{{"workItemId", work_item_id},
                                       {"id", 5012},
                                       {"version", 1},
                                       {"text", text},
                                       {"createdDate", "2026-12-01T19:00:00.00Z"}}
                                      .dump());
}

ScriptedReply sign_in_page() {
  return ScriptedReply::html(203,
                             "<!DOCTYPE html><html><head><title>Azure DevOps Services | Sign In</title></head>"
                             "<body>Sign in</body></html>");
}

}  // namespace tftsr::test::azure_devops_fake
