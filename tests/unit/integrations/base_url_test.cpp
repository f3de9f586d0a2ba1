#include <doctest/doctest.h>

#include "core/error.h"
#include "core/integrations/base_url.h"
#include "core/integrations/servicenow_client.h"
#include "core/integrations/azure_devops_client.h"

using namespace tftsr;
using namespace tftsr::integrations;

namespace {
std::string refusal(Service s, const std::string& url) {
  try {
    normalize_base_url(s, url);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::InvalidInput);
    return e.what();
  }
  return "accepted";
}
}  // namespace

TEST_CASE("base URLs keep the site and drop a trailing slash") {
  CHECK(normalize_base_url(Service::Confluence, " https://Acme.atlassian.net/wiki/ ") == "https://acme.atlassian.net/wiki");
  CHECK(normalize_base_url(Service::Confluence, "https://confluence.acme.com") == "https://confluence.acme.com");
  CHECK(normalize_base_url(Service::ServiceNow, "https://acme.service-now.com/") == "https://acme.service-now.com");
  CHECK(normalize_base_url(Service::AzureDevOps, "https://dev.azure.com/acme") == "https://dev.azure.com/acme");
  CHECK(normalize_base_url(Service::AzureDevOps, "https://tfs.acme.com/tfs/DefaultCollection") ==
        "https://tfs.acme.com/tfs/DefaultCollection");
}

TEST_CASE("a base URL without a scheme says to add https") {
  CHECK(refusal(Service::ServiceNow, "acme.service-now.com").find("no scheme: start it with https://") !=
        std::string::npos);
  CHECK(refusal(Service::Confluence, "ftp://acme.com").find("only http and https") != std::string::npos);
}

TEST_CASE("a base URL with a trailing path says what to drop") {
  CHECK(refusal(Service::ServiceNow, "https://acme.service-now.com/nav_to.do").find("drop \"/nav_to.do") !=
        std::string::npos);
  CHECK(refusal(Service::Confluence, "https://acme.atlassian.net/wiki/spaces/OPS/overview")
            .find("points at a page") != std::string::npos);
  CHECK(refusal(Service::AzureDevOps, "https://dev.azure.com/acme/Payments").find("the project goes in --project") !=
        std::string::npos);
  CHECK(refusal(Service::AzureDevOps, "https://dev.azure.com/acme/_workitems").find("_workitems") != std::string::npos);
  CHECK(refusal(Service::AzureDevOps, "https://dev.azure.com").find("organisation") != std::string::npos);
  CHECK(refusal(Service::Confluence, "https://acme.com/wiki?x=1").find("query") != std::string::npos);
  CHECK(refusal(Service::Confluence, "https://jane@acme.com/wiki").find("--username") != std::string::npos);
}

TEST_CASE("severities map to ServiceNow impact and urgency and to Azure DevOps severities") {
  CHECK(servicenow_impact_urgency("P1") == std::pair<int, int>{1, 1});
  CHECK(servicenow_impact_urgency("P2") == std::pair<int, int>{1, 2});
  CHECK(servicenow_impact_urgency("P3") == std::pair<int, int>{2, 2});
  CHECK(servicenow_impact_urgency("P4") == std::pair<int, int>{2, 3});
  CHECK(azure_devops_severity("P1") == "1 - Critical");
  CHECK(azure_devops_severity("P2") == "2 - High");
  CHECK(azure_devops_severity("P3") == "3 - Medium");
  CHECK(azure_devops_severity("P4") == "4 - Low");
  CHECK_THROWS_AS(azure_devops_severity("P5"), Error);
}

TEST_CASE("query values are escaped for WIQL and ServiceNow encoded queries") {
  CHECK(wiql_string("it's 'down'") == "'it''s ''down'''");
  CHECK(wiql_string("a\nb") == "'a b'");
  CHECK(servicenow_query_value("a^ORb") == "a^^ORb");
  CHECK(url_encode("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9");
}

TEST_CASE("plain http is refused beyond this machine: the credentials would travel unencrypted") {
  CHECK(refusal(Service::Confluence, "http://confluence.acme.com").find("use https") != std::string::npos);
  CHECK(normalize_base_url(Service::Confluence, "http://127.0.0.1:8090/wiki") == "http://127.0.0.1:8090/wiki");
  CHECK(normalize_base_url(Service::ServiceNow, "http://localhost:8080") == "http://localhost:8080");
  CHECK(is_loopback_host("[::1]:8080"));
  CHECK_FALSE(is_loopback_host("127example.com"));
  CHECK_FALSE(is_loopback_host("127.evil.com"));
}
