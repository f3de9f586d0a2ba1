#pragma once
// Replies in ServiceNow's Table API shapes ({"result": ...}), for the loopback server: one
// incident record, a list of them, its error document, and the HTML login page an instance
// shows when it sleeps or wants an interactive sign-in.
#include <string>
#include <vector>

#include "tests/fakes/loopback_http_server.h"

namespace tftsr::test::servicenow_fake {

struct FakeIncident {
  std::string sys_id = "9d385017c611228701d22104cc95c371";
  std::string number = "INC0010001";
  std::string short_description;
  std::string state = "1";
};

ScriptedReply record(const FakeIncident& i, int status = 200);
ScriptedReply records(const std::vector<FakeIncident>& list);
// {"error":{"message":...,"detail":...},"status":"failure"}
ScriptedReply error(int status, const std::string& message);
ScriptedReply login_page();

}  // namespace tftsr::test::servicenow_fake
