#include "core/integrations/azure_devops_client.h"

#include <algorithm>
#include <cctype>

#include "core/error.h"
#include "core/integrations/base_url.h"
#include "core/integrations/confluence_storage.h"
#include "core/json_members.h"
#include "core/net/http_url.h"
#include "core/net/network_error.h"

namespace tftsr::integrations {

namespace {
using nlohmann::json;
constexpr const char* kApi = "api-version=7.0";
constexpr const char* kCommentsApi = "api-version=7.0-preview.3";
constexpr const char* kPatch = "application/json-patch+json";

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Plain text as HTML paragraphs, the form work item fields hold.
std::string html_paragraphs(const std::string& text) {
  std::string out = "<p>";
  for (char c : text) {
    if (c == '\n') out += "<br/>";
    else if (c != '\r') out += xml_escape(std::string_view(&c, 1));
  }
  return out + "</p>";
}

void check_id(const std::string& id) {
  if (id.empty() || !std::all_of(id.begin(), id.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    throw Error(ErrorKind::InvalidInput, "\"" + id + "\" is not an Azure DevOps work item id (a number such as 42)");
}
}  // namespace

std::string azure_devops_severity(const std::string& severity) {
  if (severity == "P1") return "1 - Critical";
  if (severity == "P2") return "2 - High";
  if (severity == "P3") return "3 - Medium";
  if (severity == "P4") return "4 - Low";
  throw Error(ErrorKind::InvalidInput, "unknown severity \"" + severity + "\": use P1, P2, P3 or P4");
}

std::string wiql_string(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "''";
    else if (c == '\r' || c == '\n') out += ' ';
    else out += c;
  }
  return out + "'";
}

std::string AzureDevOpsClient::project_api(const std::string& path) const {
  if (project_.empty())
    throw Error(ErrorKind::InvalidInput, "no Azure DevOps project is set: `tftsr integration set azuredevops --project NAME`");
  return base_ + "/" + url_encode(project_) + "/_apis" + path;
}

RemoteTicket AzureDevOpsClient::item_from(const json& j) const {
  RemoteTicket t;
  t.service = Service::AzureDevOps;
  t.id = json_text(j, "id");
  t.key = t.id;
  t.title = string_member(member(j, "fields"), "System.Title");
  t.state = string_member(member(j, "fields"), "System.State");
  t.url = string_member(member(member(j, "_links"), "html"), "href");
  if (t.url.empty() && !t.id.empty()) t.url = base_ + "/" + url_encode(project_) + "/_workitems/edit/" + t.id;
  return t;
}

ConnectionCheck AzureDevOpsClient::test() {
  if (project_.empty())
    throw Error(ErrorKind::InvalidInput, "no Azure DevOps project is set: `tftsr integration set azuredevops --project NAME`");
  try {
    json j = t_.call({"test", "GET", org_api("/projects/" + url_encode(project_) + "?" + kApi), {}, {}, {}, {}, 1});
    return {Service::AzureDevOps, net::display_host(base_), "connected; project " + json_text(j, "name")};
  } catch (const net::NetworkError& e) {
    if (e.http_status() != 404) throw;
    throw Error(ErrorKind::NotFound, "Azure DevOps has no project \"" + project_ + "\" in " + base_ +
                                         " (or the token cannot see it)");
  }
}

std::vector<RemoteTicket> AzureDevOpsClient::search(const std::string& text, int limit) {
  json j = t_.call({"search", "POST", project_api("/wit/wiql?$top=" + std::to_string(limit) + "&" + kApi),
                    {net::BodyPart::typed(text)},
                    [](const std::vector<net::ClearedPart>& p) {
                      // The text is a WIQL literal, never part of the statement: quotes are doubled.
                      return dump({{"query", "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = "
                                             "@project AND [System.Title] CONTAINS " +
                                                 wiql_string(p.at(0).text) + " ORDER BY [System.ChangedDate] DESC"}});
                    },
                    "application/json", {}, 4, true});
  std::vector<std::string> ids;
  if (j.is_object() && j["workItems"].is_array())
    for (const auto& w : j["workItems"]) ids.push_back(json_text(w, "id"));
  if (ids.empty()) return {};
  std::string list;
  for (const auto& id : ids) list += (list.empty() ? "" : ",") + id;
  json items = t_.call({"get_items", "GET",
                        org_api("/wit/workitems?ids=" + list + "&fields=System.Id,System.Title,System.State&" + kApi),
                        {}, {}, {}, {}, 4});
  std::vector<RemoteTicket> out;
  if (items.is_object() && items["value"].is_array())
    for (const auto& w : items["value"]) out.push_back(item_from(w));
  return out;
}

RemoteTicket AzureDevOpsClient::create(const WorkItemDraft& d, const net::SendRecorder& record) {
  if (std::none_of(std::begin(kWorkItemTypes), std::end(kWorkItemTypes), [&](const char* t) { return d.type == t; }))
    throw Error(ErrorKind::InvalidInput,
                "unknown work item type \"" + d.type + "\": use Bug, Task, User Story, Issue or Incident");
  const std::string severity = azure_devops_severity(d.severity);
  const bool bug = d.type == "Bug";
  ServiceCall c{"create_work_item", "POST", project_api("/wit/workitems/$" + url_encode(d.type) + "?" + kApi),
                {net::BodyPart::typed(d.title), net::BodyPart::typed(d.description)},
                [&](const std::vector<net::ClearedPart>& p) {
                  json ops = json::array();
                  ops.push_back({{"op", "add"}, {"path", "/fields/System.Title"}, {"value", p.at(0).text}});
                  // A Bug shows repro steps where other types show the description.
                  ops.push_back({{"op", "add"},
                                 {"path", bug ? "/fields/Microsoft.VSTS.TCM.ReproSteps" : "/fields/System.Description"},
                                 {"value", html_paragraphs(p.at(1).text)}});
                  if (bug || d.type == "Issue" || d.type == "Incident")
                    ops.push_back(
                        {{"op", "add"}, {"path", "/fields/Microsoft.VSTS.Common.Severity"}, {"value", severity}});
                  ops.push_back({{"op", "add"}, {"path", "/fields/System.Tags"}, {"value", "tftsr"}});
                  return dump(ops);
                },
                kPatch, record, 2};
  RemoteTicket t = item_from(t_.call(c));
  if (t.id.empty())
    throw net::NetworkError(net::NetworkFailure::UnexpectedContent, "Azure DevOps accepted the work item but gave no id");
  return t;
}

RemoteTicket AzureDevOpsClient::get(const std::string& id) {
  check_id(id);
  try {
    return item_from(t_.call({"get_work_item", "GET", org_api("/wit/workitems/" + id + "?" + kApi), {}, {}, {}, {}, 4}));
  } catch (const net::NetworkError& e) {
    if (e.http_status() != 404) throw;
    throw Error(ErrorKind::NotFound, "Azure DevOps has no work item " + id + " in " + base_);
  }
}

RemoteTicket AzureDevOpsClient::set_state(const std::string& id, const std::string& state) {
  check_id(id);
  ServiceCall c{"update_work_item", "PATCH", org_api("/wit/workitems/" + id + "?" + kApi),
                {net::BodyPart::typed(state)},
                [](const std::vector<net::ClearedPart>& p) {
                  return dump(json::array({{{"op", "add"}, {"path", "/fields/System.State"}, {"value", p.at(0).text}}}));
                },
                kPatch, {}, 2};
  return item_from(t_.call(c));
}

void AzureDevOpsClient::comment(const std::string& id, const std::string& text) {
  check_id(id);
  if (text.empty()) throw Error(ErrorKind::InvalidInput, "the comment is empty");
  ServiceCall c{"comment", "POST", project_api("/wit/workItems/" + id + "/comments?" + kCommentsApi),
                {net::BodyPart::typed(text)},
                [](const std::vector<net::ClearedPart>& p) { return dump({{"text", html_paragraphs(p.at(0).text)}}); },
                "application/json", {}, 2};
  t_.call(c);
}

}  // namespace tftsr::integrations
