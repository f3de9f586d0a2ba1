#include "core/integrations/confluence_client.h"

#include "core/error.h"
#include "core/integrations/base_url.h"
#include "core/integrations/confluence_storage.h"
#include "core/json_members.h"
#include "core/net/http_url.h"
#include "core/net/network_error.h"

namespace tftsr::integrations {

namespace {
using nlohmann::json;

// The storage body of a page from the cleared parts: [0] the title, [1] the Markdown.
json page_body(const std::vector<net::ClearedPart>& parts) {
  return {{"type", "page"},
          {"title", parts.at(0).text},
          {"body", {{"storage", {{"value", markdown_to_confluence_storage(parts.at(1).text)},
                                 {"representation", "storage"}}}}}};
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }
}  // namespace

ConfluencePage ConfluenceClient::page_from(const json& j) const {
  ConfluencePage p;
  p.id = json_text(j, "id");
  p.title = json_text(j, "title");
  if (const auto& number = member(member(j, "version"), "number"); number.is_number_integer())
    p.version = number.get<std::int64_t>();
  const auto& links = member(j, "_links");
  if (const auto webui = string_member(links, "webui"); !webui.empty()) p.url = string_member(links, "base", base_) + webui;
  if (p.url.empty() && !p.id.empty()) p.url = base_ + "/pages/viewpage.action?pageId=" + p.id;
  return p;
}

ConnectionCheck ConfluenceClient::test() {
  json j = t_.call({"test", "GET", api("/space?limit=1"), {}, {}, {}, {}, 1});
  if (!j.is_object() || !j.contains("results"))
    throw net::NetworkError(net::NetworkFailure::UnexpectedContent,
                            "Confluence at " + net::display_host(base_) +
                                " answered, but not with a list of spaces: check the base URL");
  const auto n = j["results"].size();
  return {Service::Confluence, net::display_host(base_),
          n ? "connected; spaces are visible" : "connected, but the account sees no space"};
}

std::vector<ConfluenceSpace> ConfluenceClient::spaces(int limit) {
  json j = t_.call({"list_spaces", "GET", api("/space?limit=" + std::to_string(limit)), {}, {}, {}, {}, 4});
  std::vector<ConfluenceSpace> out;
  if (j.is_object() && j["results"].is_array())
    for (const auto& s : j["results"]) out.push_back({json_text(s, "key"), json_text(s, "name")});
  return out;
}

ConfluenceSpace ConfluenceClient::space(const std::string& key) {
  if (key.empty()) throw Error(ErrorKind::InvalidInput, "name the Confluence space (its key, e.g. OPS)");
  try {
    json j = t_.call({"get_space", "GET", api("/space/" + url_encode(key)), {}, {}, {}, {}, 4});
    return {json_text(j, "key"), json_text(j, "name")};
  } catch (const net::NetworkError& e) {
    if (e.http_status() != 404) throw;
    throw Error(ErrorKind::NotFound, "the Confluence space \"" + key + "\" does not exist at " +
                                         net::display_host(base_) +
                                         " (or the account cannot see it): check the space key");
  }
}

std::vector<ConfluencePage> ConfluenceClient::search(const std::string& cql, int limit) {
  if (cql.empty()) throw Error(ErrorKind::InvalidInput, "the CQL query is empty");
  ServiceCall c{"search", "GET", api("/content/search"), {net::BodyPart::typed(cql)}};
  c.build_url = [&](const std::vector<net::ClearedPart>& p) {
    return api("/content/search?cql=" + url_encode(p.at(0).text) + "&limit=" + std::to_string(limit));
  };
  json j = t_.call(c);
  std::vector<ConfluencePage> out;
  if (j.is_object() && j["results"].is_array()) {
    const std::string base = string_member(member(j, "_links"), "base", base_);
    for (auto r : j["results"]) {
      if (r.contains("_links") && r["_links"].is_object() && !r["_links"].contains("base"))
        r["_links"]["base"] = base;
      out.push_back(page_from(r));
    }
  }
  return out;
}

ConfluencePage ConfluenceClient::page(const std::string& id) {
  try {
    return page_from(t_.call({"get_page", "GET", api("/content/" + url_encode(id) + "?expand=version"), {}, {}, {},
                              {}, 4}));
  } catch (const net::NetworkError& e) {
    if (e.http_status() != 404) throw;
    throw Error(ErrorKind::NotFound, "Confluence has no page " + id + " at " + net::display_host(base_) +
                                         " (it was deleted, or the account cannot see it)");
  }
}

ConfluencePage ConfluenceClient::create_page(const std::string& space_key, const std::optional<std::string>& parent_id,
                                             const std::string& title, const std::string& markdown,
                                             const net::SendRecorder& record) {
  ServiceCall c{"create_page", "POST", api("/content"),
                {net::BodyPart::typed(title), net::BodyPart::typed(markdown)},
                [&](const std::vector<net::ClearedPart>& parts) {
                  json b = page_body(parts);
                  b["space"] = {{"key", space_key}};
                  if (parent_id && !parent_id->empty()) b["ancestors"] = json::array({{{"id", *parent_id}}});
                  return dump(b);
                },
                "application/json", record, 2};
  ConfluencePage p = page_from(t_.call(c));
  if (p.id.empty())
    throw net::NetworkError(net::NetworkFailure::UnexpectedContent, "Confluence accepted the page but gave no id");
  return p;
}

ConfluencePage ConfluenceClient::update_page(const std::string& id, std::int64_t current_version,
                                             const std::string& title, const std::string& markdown,
                                             const net::SendRecorder& record) {
  ServiceCall c{"update_page", "PUT", api("/content/" + url_encode(id)),
                {net::BodyPart::typed(title), net::BodyPart::typed(markdown)},
                [&](const std::vector<net::ClearedPart>& parts) {
                  json b = page_body(parts);
                  b["id"] = id;
                  b["version"] = {{"number", current_version + 1}};
                  return dump(b);
                },
                "application/json", record, 1};
  try {
    return page_from(t_.call(c));
  } catch (const net::NetworkError& e) {
    if (e.http_status() != 409) throw;
    throw net::NetworkError(net::NetworkFailure::HttpStatus,
                            "Confluence refused the update of page " + id + " (HTTP 409 version conflict): it was "
                                "changed by someone else after version " + std::to_string(current_version) +
                                " was read; look at the page, then publish again to put this document over it",
                            409);
  }
}

}  // namespace tftsr::integrations
