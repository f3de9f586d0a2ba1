#include "core/pii/pii_type.h"

#include <array>
#include <string>

#include "core/error.h"

namespace tftsr::pii {
namespace {

constexpr std::array<std::string_view, kPiiTypeCount> kNames = {
    "UrlWithCredentials", "BearerToken",  "ApiKey",     "Password",     "Ssn",
    "CreditCard",         "Email",        "MacAddress", "Ipv6",         "Ipv4",
    "PhoneNumber",        "Hostname",     "AwsAccessKey", "GitHubToken", "GitLabToken",
    "SlackToken",         "SlackWebhook", "StripeKey",  "OpenAiKey",    "AnthropicKey",
    "GoogleApiKey",       "Jwt",          "PrivateKey", "BasicAuth",    "GenericSecret",
    "Username",           "ReservedAddress",
};

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view pii_type_name(PiiType type) { return kNames[static_cast<std::size_t>(type)]; }

std::optional<PiiType> pii_type_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (equals_ignoring_case(kNames[i], name)) return static_cast<PiiType>(i);
  }
  return std::nullopt;
}

PiiTypeSet all_pii_types() { return PiiTypeSet{}.set(); }

PiiTypeSet parse_type_list(std::string_view list) {
  PiiTypeSet set;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto item = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    if (item.empty()) continue;
    const auto type = pii_type_from_name(item);
    if (!type) {
      std::string known;
      for (auto n : kNames) known += (known.empty() ? "" : ", ") + std::string(n);
      throw Error(ErrorKind::InvalidInput,
                  "unknown PII type '" + std::string(item) + "' (known types: " + known + ")");
    }
    set.set(static_cast<std::size_t>(*type));
  }
  return set;
}

int specificity(PiiType type) {
  // A whole PEM block beats anything inside it; vendor token formats beat generic key=value
  // rules; structured values beat the bare host name they contain.
  switch (type) {
    case PiiType::PrivateKey: return 100;
    case PiiType::UrlWithCredentials: return 95;
    case PiiType::SlackWebhook: return 94;
    case PiiType::Jwt: return 90;
    case PiiType::AwsAccessKey: return 89;
    case PiiType::GitHubToken: return 88;
    case PiiType::GitLabToken: return 87;
    case PiiType::SlackToken: return 86;
    case PiiType::StripeKey: return 85;
    case PiiType::AnthropicKey: return 84;
    case PiiType::OpenAiKey: return 83;
    case PiiType::GoogleApiKey: return 82;
    case PiiType::BasicAuth: return 70;
    case PiiType::BearerToken: return 69;
    case PiiType::ApiKey: return 68;
    case PiiType::Password: return 67;
    case PiiType::GenericSecret: return 66;
    case PiiType::CreditCard: return 50;
    case PiiType::Ssn: return 49;
    case PiiType::Email: return 48;
    case PiiType::MacAddress: return 40;
    case PiiType::Ipv6: return 39;
    case PiiType::Ipv4: return 38;
    case PiiType::Username: return 45;
    case PiiType::ReservedAddress: return 37;
    case PiiType::PhoneNumber: return 30;
    case PiiType::Hostname: return 10;
  }
  return 0;
}

}  // namespace tftsr::pii
