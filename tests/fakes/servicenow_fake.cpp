#include "tests/fakes/servicenow_fake.h"

#include <nlohmann/json.hpp>

namespace tftsr::test::servicenow_fake {

namespace {
using nlohmann::json;
json incident_json(const FakeIncident& i) {
  return {{"sys_id", i.sys_id}, {"number", i.number}, {"short_description", i.short_description}, {"state", i.state}};
}
}  // namespace

ScriptedReply record(const FakeIncident& i, int status) {
  return ScriptedReply::json(status, json{{"result", incident_json(i)}}.dump());
}

ScriptedReply records(const std::vector<FakeIncident>& list) {
  json result = json::array();
  for (const auto& i : list) result.push_back(incident_json(i));
  return ScriptedReply::json(200, json{{"result", result}}.dump());
}

ScriptedReply error(int status, const std::string& message) {
  return ScriptedReply::json(
      status, json{{"error", {{"message", message}, {"detail", nullptr}}}, {"status", "failure"}}.dump());
}

ScriptedReply login_page() {
  return ScriptedReply::html(200,
                             "<!DOCTYPE html><html><head><title>ServiceNow</title></head><body>"
                             "<form action=\"login.do\" method=\"post\"><input name=\"user_name\"/>"
                             "<input name=\"user_password\" type=\"password\"/></form></body></html>");
}

}  // namespace tftsr::test::servicenow_fake
