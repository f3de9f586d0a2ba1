#pragma once
// ServiceNow's Table API on the incident table: connection test, search with an encoded query,
// create from an incident, get by sys_id or INC number, work notes, resolve with a close code.
#include <string>
#include <vector>

#include "core/integrations/integration_transport.h"

namespace tftsr::integrations {

struct ServiceNowIncident {
  std::string short_description;
  std::string description;
  std::string severity;  // P1..P4
  std::string category;  // the domain id; mapped to ServiceNow's categories
};

// Impact and urgency whose product is the severity in ServiceNow's default priority matrix:
// P1 -> 1/1 (Critical), P2 -> 1/2 (High), P3 -> 2/2 (Moderate), P4 -> 2/3 (Low).
std::pair<int, int> servicenow_impact_urgency(const std::string& severity);
// A value inside an encoded query: '^' (the separator) doubled, line breaks dropped.
std::string servicenow_query_value(const std::string& text);
// The domain as ServiceNow's out-of-the-box incident category ("databases" -> "database").
std::string servicenow_category(const std::string& domain);

class ServiceNowClient {
 public:
  ServiceNowClient(IntegrationTransport& transport, std::string base_url) : t_(transport), base_(std::move(base_url)) {}

  ConnectionCheck test();
  std::vector<RemoteTicket> search(const std::string& text, int limit = 20);
  RemoteTicket create(const ServiceNowIncident& incident, const net::SendRecorder& record);
  // `id` is a sys_id (32 hex digits) or a number (INC0010001).
  RemoteTicket get(const std::string& id);
  RemoteTicket add_work_note(const std::string& id, const std::string& text);
  RemoteTicket resolve(const std::string& id, const std::string& close_code, const std::string& close_notes);

 private:
  RemoteTicket ticket_from(const nlohmann::json& record) const;
  std::string sys_id_of(const std::string& id);
  RemoteTicket patch(const std::string& id, const std::string& operation, std::vector<net::BodyPart> parts,
                     std::function<nlohmann::json(const std::vector<net::ClearedPart>&)> fields);
  std::string table(const std::string& rest = {}) const { return base_ + "/api/now/table/incident" + rest; }

  IntegrationTransport& t_;
  std::string base_;
};

}  // namespace tftsr::integrations
