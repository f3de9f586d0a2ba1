#include "core/integrations/servicenow_client.h"

#include <cctype>

#include "core/error.h"
#include "core/integrations/base_url.h"
#include "core/json_members.h"
#include "core/net/http_url.h"
#include "core/net/network_error.h"

namespace tftsr::integrations {

namespace {
using nlohmann::json;
constexpr const char* kFields = "sys_id,number,short_description,state";

bool is_sys_id(const std::string& id) {
  if (id.size() != 32) return false;
  for (char c : id)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// The Table API wraps every answer in {"result": ...}.
json result_of(const json& j, const std::string& host) {
  if (!j.is_object() || !j.contains("result"))
    throw net::NetworkError(net::NetworkFailure::UnexpectedContent,
                            "ServiceNow at " + host + " answered without a \"result\": check the base URL");
  return j["result"];
}

std::string display(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object()) return string_member(v, "display_value", string_member(v, "value"));
  return {};
}
}  // namespace

std::pair<int, int> servicenow_impact_urgency(const std::string& severity) {
  if (severity == "P1") return {1, 1};
  if (severity == "P2") return {1, 2};
  if (severity == "P3") return {2, 2};
  if (severity == "P4") return {2, 3};
  throw Error(ErrorKind::InvalidInput, "unknown severity \"" + severity + "\": use P1, P2, P3 or P4");
}

std::string servicenow_query_value(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\r' || c == '\n') out += ' ';
    else if (c == '^') out += "^^";
    else out += c;
  }
  return out;
}

std::string servicenow_category(const std::string& domain) {
  if (domain == "network" || domain == "telephony") return "network";
  if (domain == "databases") return "database";
  if (domain == "hardware" || domain == "dell_hardware" || domain == "hpe_infrastructure") return "hardware";
  if (domain.empty()) return "inquiry";
  return "software";
}

RemoteTicket ServiceNowClient::ticket_from(const json& r) const {
  RemoteTicket t;
  t.service = Service::ServiceNow;
  t.id = r.contains("sys_id") ? display(r["sys_id"]) : std::string();
  t.key = r.contains("number") ? display(r["number"]) : std::string();
  t.title = r.contains("short_description") ? display(r["short_description"]) : std::string();
  t.state = r.contains("state") ? display(r["state"]) : std::string();
  if (!t.id.empty()) t.url = base_ + "/nav_to.do?uri=incident.do%3Fsys_id%3D" + t.id;
  return t;
}

ConnectionCheck ServiceNowClient::test() {
  json j = t_.call({"test", "GET", table("?sysparm_limit=1&sysparm_fields=sys_id"), {}, {}, {}, {}, 1});
  result_of(j, net::display_host(base_));
  return {Service::ServiceNow, net::display_host(base_), "connected; the incident table answers"};
}

std::vector<RemoteTicket> ServiceNowClient::search(const std::string& text, int limit) {
  ServiceCall c{"search", "GET", table(""), {net::BodyPart::typed(text)}};
  c.build_url = [&](const std::vector<net::ClearedPart>& p) {
    const std::string value = servicenow_query_value(p.at(0).text);
    const std::string query = "short_descriptionLIKE" + value + "^ORnumber=" + value + "^ORDERBYDESCsys_created_on";
    return table("?sysparm_query=" + url_encode(query) + "&sysparm_limit=" + std::to_string(limit) +
                 "&sysparm_fields=" + url_encode(kFields));
  };
  json j = t_.call(c);
  std::vector<RemoteTicket> out;
  json r = result_of(j, net::display_host(base_));
  if (r.is_array())
    for (const auto& rec : r) out.push_back(ticket_from(rec));
  return out;
}

RemoteTicket ServiceNowClient::create(const ServiceNowIncident& in, const net::SendRecorder& record) {
  const auto [impact, urgency] = servicenow_impact_urgency(in.severity);
  ServiceCall c{"create_incident", "POST", table("?sysparm_fields=" + url_encode(kFields)),
                {net::BodyPart::typed(in.short_description), net::BodyPart::typed(in.description)},
                [&](const std::vector<net::ClearedPart>& parts) {
                  return dump({{"short_description", parts.at(0).text},
                               {"description", parts.at(1).text},
                               {"impact", std::to_string(impact)},
                               {"urgency", std::to_string(urgency)},
                               {"category", servicenow_category(in.category)}});
                },
                "application/json", record, 2};
  RemoteTicket t = ticket_from(result_of(t_.call(c), net::display_host(base_)));
  if (t.id.empty())
    throw net::NetworkError(net::NetworkFailure::UnexpectedContent, "ServiceNow accepted the incident but gave no sys_id");
  return t;
}

std::string ServiceNowClient::sys_id_of(const std::string& id) {
  if (is_sys_id(id)) return id;
  return get(id).id;
}

RemoteTicket ServiceNowClient::get(const std::string& id) {
  if (id.empty()) throw Error(ErrorKind::InvalidInput, "name the ServiceNow incident (its number or sys_id)");
  const std::string host = net::display_host(base_);
  if (is_sys_id(id)) {
    try {
      return ticket_from(result_of(t_.call({"get_incident", "GET", table("/" + id + "?sysparm_fields=" + url_encode(kFields)),
                                            {}, {}, {}, {}, 4}),
                                   host));
    } catch (const net::NetworkError& e) {
      if (e.http_status() != 404) throw;
      throw Error(ErrorKind::NotFound, "ServiceNow at " + host + " has no incident with sys_id " + id);
    }
  }
  json r = result_of(t_.call({"get_incident", "GET",
                              table("?sysparm_query=" + url_encode("number=" + servicenow_query_value(id)) +
                                    "&sysparm_limit=1&sysparm_fields=" + url_encode(kFields)),
                              {}, {}, {}, {}, 4}),
                     host);
  if (!r.is_array() || r.empty()) throw Error(ErrorKind::NotFound, "ServiceNow at " + host + " has no incident " + id);
  return ticket_from(r.front());
}

RemoteTicket ServiceNowClient::patch(const std::string& id, const std::string& operation,
                                     std::vector<net::BodyPart> parts,
                                     std::function<json(const std::vector<net::ClearedPart>&)> fields) {
  const std::string sys_id = sys_id_of(id);
  ServiceCall c{operation, "PATCH", table("/" + sys_id + "?sysparm_fields=" + url_encode(kFields)), std::move(parts),
                [&](const std::vector<net::ClearedPart>& cleared) { return dump(fields(cleared)); },
                "application/json", {}, 2};
  return ticket_from(result_of(t_.call(c), net::display_host(base_)));
}

RemoteTicket ServiceNowClient::add_work_note(const std::string& id, const std::string& text) {
  if (text.empty()) throw Error(ErrorKind::InvalidInput, "the work note is empty");
  return patch(id, "work_note", {net::BodyPart::typed(text)},
               [](const std::vector<net::ClearedPart>& p) { return json{{"work_notes", p.at(0).text}}; });
}

RemoteTicket ServiceNowClient::resolve(const std::string& id, const std::string& close_code,
                                       const std::string& close_notes) {
  if (close_code.empty() || close_notes.empty())
    throw Error(ErrorKind::InvalidInput, "resolving a ServiceNow incident needs a close code and close notes");
  return patch(id, "resolve", {net::BodyPart::typed(close_notes)}, [&](const std::vector<net::ClearedPart>& p) {
    return json{{"state", "6"}, {"close_code", close_code}, {"close_notes", p.at(0).text}};
  });
}

}  // namespace tftsr::integrations
