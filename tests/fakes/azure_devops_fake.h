#pragma once
// Replies in Azure DevOps' REST 7.x shapes, for the loopback server: a project, a work item
// (fields, rev, _links.html), a WIQL result, a batch of work items, a comment, and the sign-in
// page Azure DevOps answers (203) to a wrong personal access token.
#include <string>
#include <vector>

#include "tests/fakes/loopback_http_server.h"

namespace tftsr::test::azure_devops_fake {

struct FakeWorkItem {
  int id = 42;
  std::string type = "Bug";
  std::string title;
  std::string state = "New";
};

// org_url: "http://127.0.0.1:PORT/acme".
ScriptedReply project(const std::string& name);
ScriptedReply work_item(const FakeWorkItem& w, const std::string& org_url, const std::string& project);
ScriptedReply wiql(const std::vector<int>& ids, const std::string& org_url);
ScriptedReply work_items(const std::vector<FakeWorkItem>& list, const std::string& org_url, const std::string& project);
ScriptedReply comment(int work_item_id, const std::string& text);
ScriptedReply sign_in_page();

}  // namespace tftsr::test::azure_devops_fake
