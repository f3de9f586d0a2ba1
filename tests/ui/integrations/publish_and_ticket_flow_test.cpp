// "Publish to Confluence…" on a document and "Create ticket…" on an incident, driven like a user
// against loopback Confluence and ServiceNow servers over real HTTP through the gate: the dialogs
// preview the text with a planted secret masked, what the servers receive is exactly that, and
// the incident lists the page and the ticket.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/gui/ui_probe.h"
#include "app/gui/views/document_view.h"
#include "app/gui/views/incident_view.h"
#include "core/integrations/confluence_storage.h"
#include "tests/fakes/confluence_fake.h"
#include "tests/fakes/servicenow_fake.h"
#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;
using namespace tftsr::integrations;
using tftsr::test::LoopbackHttpServer;
using tftsr::test::ScriptedReply;
namespace cf = tftsr::test::confluence_fake;
namespace sn = tftsr::test::servicenow_fake;

namespace {
const std::string kAwsKey = "AKIAIOSFODNN7EXAMPLE";
const std::string kEmail = "oncall.lead@example.org";

std::string root(const LoopbackHttpServer& s) {
  std::string u = s.url("/");
  u.pop_back();
  return u;
}

void set_up(Triage& t, Service service, const std::string& url) {
  integrations::IntegrationSettings s;
  s.service = service;
  s.base_url = url;
  s.username = "api.user";
  if (service == Service::Confluence) s.space_key = "OPS";
  t.integrations().configure(s);
  t.integrations().set_token(service, "ATATT3xFfGF0-test-token");
}

// Opens the incident's Documents tab, clicks "Publish to Confluence…" and waits for the preview.
PublishDialog& open_publish_dialog(UiFixture& f, const std::string& incident) {
  f.shell->state().open_tab({DocumentView::kKind, incident});
  f.ui->frame(3);
  auto* docs = f.shell->find_view<DocumentView>(incident);
  REQUIRE(docs);
  REQUIRE(f.ui->frames_until([&] { return docs->loaded() && docs->publish_available(); }, 10000));
  f.ui->frame(2);
  f.ui->click("docs.publish");
  PublishDialog& dialog = docs->publish_dialog();
  REQUIRE(f.ui->frames_until([&] { return dialog.is_open() && !dialog.busy() && dialog.preview(); }, 10000));
  return dialog;
}

}  // namespace

TEST_CASE("publish a document to Confluence and create a ServiceNow ticket from the incident") {
  UiFixture f;
  f.wait_unlocked();
  Triage& t = *f.shell->state().triage;
  const std::string incident =
      t.incidents().create({"Payment API 5xx after deploy", "P1", std::string("databases"),
                            std::string("Leaked " + kAwsKey + " was mailed to " + kEmail)}).id;
  const std::string doc = t.documents().generate(incident, "rca").id;
  t.documents().save(doc, "# RCA\n\nThe deploy used key " + kAwsKey + " and paged " + kEmail + ".\n");

  LoopbackHttpServer confluence({ScriptedReply::json(200, "{}")});
  const std::string wiki = root(confluence) + "/wiki";
  confluence.set_script({cf::spaces({{"OPS", "Operations"}, {"DEV", "Development"}}, wiki),
                         cf::search({{"7001", "Incident reports", 3}}, wiki), cf::space("OPS", "Operations"),
                         cf::page({"9001", "RCA", 1}, wiki)});
  LoopbackHttpServer servicenow({sn::error(400, "Invalid table incident")});  // the first attempt fails
  set_up(t, Service::Confluence, wiki);
  set_up(t, Service::ServiceNow, root(servicenow));
  f.shell->state().changed();

  // The document: publish through the dialog.
  PublishDialog& dialog = open_publish_dialog(f, incident);
  CHECK(dialog.error().empty());
  REQUIRE(dialog.spaces().size() == 2);
  CHECK(dialog.space_key() == "OPS");  // the configured default
  const SendPreview shown = dialog.preview()->sent;
  CHECK(shown.text.find(kAwsKey) == std::string::npos);
  CHECK(shown.text.find("[AwsAccessKey]") != std::string::npos);
  CHECK(shown.masked_by_type.at("Email") == 1);
  CHECK_FALSE(dialog.preview()->updates);
  f.ui->frame(2);

  // Another space, and back: the preview follows the choice.
  f.ui->click("publish.space");
  f.ui->click("publish.space:DEV");
  REQUIRE(f.ui->frames_until([&] { return !dialog.busy() && dialog.preview()->space_key == "DEV"; }, 10000));
  CHECK(dialog.space_key() == "DEV");
  f.ui->click("publish.space");
  f.ui->click("publish.space:OPS");
  REQUIRE(f.ui->frames_until([&] { return !dialog.busy() && dialog.preview()->space_key == "OPS"; }, 10000));

  // A parent page found by its title.
  f.ui->click("publish.parent_query");
  f.ui->type("Incident \"Q3\"");
  f.ui->click("publish.search");
  REQUIRE(f.ui->frames_until([&] { return !dialog.busy() && f.ui->has("publish.parent:7001"); }, 10000));
  f.ui->click("publish.parent:7001");
  REQUIRE(f.ui->has("publish.publish"));
  f.ui->click("publish.publish");
  REQUIRE(f.ui->frames_until([&] { return !dialog.busy() && (dialog.result() || !dialog.error().empty()); }, 10000));
  CHECK(dialog.error().empty());
  REQUIRE(dialog.result());
  CHECK(dialog.result()->page.id == "9001");
  f.ui->frame(2);
  CHECK(f.ui->has("publish.link"));

  auto sent = confluence.requests();
  REQUIRE(sent.size() == 4);  // spaces, the search, the space, the page
  CHECK(sent[1].target.find("cql=") != std::string::npos);
  CHECK(tftsr::test::url_decoded(sent[1].target).find("type = page AND space = \"OPS\" AND title ~ \"Incident \\\"Q3\\\"\"") !=
        std::string::npos);
  CHECK(sent[3].method == "POST");
  CHECK(sent[3].body.find(kAwsKey) == std::string::npos);
  CHECK(sent[3].body.find(kEmail) == std::string::npos);
  auto page = nlohmann::json::parse(sent[3].body);
  CHECK(page["body"]["storage"]["value"] == markdown_to_confluence_storage(shown.text));
  CHECK(page["ancestors"][0]["id"] == "7001");
  f.ui->click("publish.close");
  f.ui->frame(3);
  CHECK_FALSE(dialog.is_open());

  // Publishing again says which page it updates, and updates it (a new version, not a new page).
  confluence.set_script({cf::spaces({{"OPS", "Operations"}}, wiki), cf::space("OPS", "Operations"),
                         cf::page({"9001", "RCA", 1}, wiki), cf::page({"9001", "RCA", 2}, wiki)});
  f.ui->frame(3);
  f.ui->click("docs.publish");
  REQUIRE(f.ui->frames_until([&] { return dialog.is_open() && !dialog.busy() && dialog.preview(); }, 10000));
  REQUIRE(dialog.preview()->updates);
  CHECK(dialog.preview()->updates->remote_id == "9001");
  f.ui->frame(2);
  CHECK(f.ui->has("publish.updates"));
  f.ui->click("publish.publish");
  REQUIRE(f.ui->frames_until([&] { return !dialog.busy() && (dialog.result() || !dialog.error().empty()); }, 10000));
  REQUIRE(dialog.result());
  CHECK(dialog.result()->updated);
  CHECK(dialog.result()->page.version == 2);
  sent = confluence.requests();
  REQUIRE(sent.size() == 8);  // and now the spaces, the space, the page read, the update
  CHECK(sent[7].method == "PUT");
  CHECK(sent[7].target.find("/content/9001") != std::string::npos);
  f.ui->click("publish.close");
  f.ui->frame(3);

  // The incident: create a ServiceNow ticket through its dialog.
  f.shell->state().open_tab({IncidentView::kKind, incident});
  f.ui->frame(3);
  auto* view = f.shell->find_view<IncidentView>(incident);
  REQUIRE(view);
  IntegrationLinksPanel& links = view->integration_links();
  REQUIRE(f.ui->frames_until([&] { return links.loaded() && !links.ticket_services().empty(); }, 10000));
  CHECK(links.ticket_services() == std::vector<Service>{Service::ServiceNow});  // Azure DevOps is not set up
  f.ui->frame(2);
  f.ui->click("incident.create_ticket");
  TicketDialog& ticket = links.dialog();
  REQUIRE(f.ui->frames_until([&] { return ticket.is_open() && !ticket.busy() && ticket.preview(); }, 10000));
  const SendPreview described = *ticket.preview();
  CHECK(described.text.find("Leaked [AwsAccessKey] was mailed to [Email]") != std::string::npos);
  CHECK(described.masked == 2);
  f.ui->frame(2);
  CHECK_FALSE(f.ui->has("ticket.type"));  // ServiceNow has no work item types
  f.ui->click("ticket.create");
  REQUIRE(f.ui->frames_until([&] { return !ticket.busy() && (ticket.result() || !ticket.error().empty()); }, 10000));
  // The service's message under the preview, the dialog still open with its choices: try again.
  CHECK(ticket.error().find("Invalid table incident") != std::string::npos);
  CHECK_FALSE(ticket.result());
  CHECK(ticket.is_open());
  servicenow.set_script({sn::record({}, 201)});
  f.ui->frame(2);
  f.ui->click("ticket.create");
  REQUIRE(f.ui->frames_until([&] { return !ticket.busy() && (ticket.result() || !ticket.error().empty()); }, 10000));
  CHECK(ticket.error().empty());
  REQUIRE(ticket.result());
  CHECK(ticket.result()->ticket.key == "INC0010001");
  auto created = servicenow.requests();
  REQUIRE(created.size() == 2);
  auto body = nlohmann::json::parse(created[1].body);
  CHECK(body["description"] == described.text);
  CHECK(created[1].body.find(kAwsKey) == std::string::npos);
  f.ui->frame(2);
  f.ui->click("ticket.close");
  f.ui->frame(3);

  // Both publications of the page, the failed attempt and the ticket appear under "Pages &
  // tickets"; and on the timeline.
  f.ui->click("incident.links_tab");
  REQUIRE(f.ui->frames_until([&] { return links.loaded() && links.links().size() == 4; }, 10000));
  f.ui->frame(2);
  int done = 0, failed = 0;
  for (const auto& l : links.links()) {
    done += l.status == "done";
    if (l.status == "failed") {
      ++failed;
      CHECK(l.error.value_or("").find("Invalid table incident") != std::string::npos);
    }
  }
  CHECK(done == 3);
  CHECK(failed == 1);
  CHECK(f.ui->has("links.key:9001"));
  CHECK(f.ui->has("links.key:INC0010001"));
  CHECK(f.ui->has("links.url:9001"));
  auto timeline = t.incidents().get(incident).timeline;
  auto has_event = [&](const std::string& type) {
    return std::any_of(timeline.begin(), timeline.end(), [&](const auto& e) { return e.event_type == type; });
  };
  CHECK(has_event("document_published"));
  CHECK(has_event("ticket_created"));
}

TEST_CASE("without Confluence set up, Publish is disabled and the incident offers no ticket service") {
  UiFixture f;
  f.wait_unlocked();
  Triage& t = *f.shell->state().triage;
  const std::string incident = t.incidents().create({"Disk full on db-2", "P3", {}, {}}).id;
  t.documents().generate(incident, "rca");
  f.shell->state().changed();
  f.shell->state().open_tab({DocumentView::kKind, incident});
  f.ui->frame(3);
  auto* docs = f.shell->find_view<DocumentView>(incident);
  REQUIRE(docs);
  REQUIRE(f.ui->frames_until([&] { return docs->loaded(); }, 10000));
  f.ui->frame(2);
  CHECK_FALSE(docs->publish_available());
  f.ui->click("docs.publish");
  f.ui->frame(3);
  CHECK_FALSE(docs->publish_dialog().is_open());

  f.shell->state().open_tab({IncidentView::kKind, incident});
  f.ui->frame(3);
  auto* view = f.shell->find_view<IncidentView>(incident);
  REQUIRE(view);
  REQUIRE(f.ui->frames_until([&] { return view->integration_links().loaded(); }, 10000));
  f.ui->frame(2);
  f.ui->click("incident.create_ticket");
  f.ui->frame(3);
  CHECK_FALSE(view->integration_links().dialog().is_open());
}

TEST_CASE("Cancel stops a publish that hangs, says so, and the attempt is recorded as failed") {
  UiFixture f;
  f.wait_unlocked();
  Triage& t = *f.shell->state().triage;
  const std::string incident = t.incidents().create({"Queue backlog on orders", "P2", {}, {}}).id;
  t.documents().generate(incident, "rca");
  LoopbackHttpServer confluence({ScriptedReply::json(200, "{}")});
  const std::string wiki = root(confluence) + "/wiki";
  confluence.set_script({cf::spaces({{"OPS", "Operations"}}, wiki), cf::space("OPS", "Operations"),
                         ScriptedReply::stall_after({})});
  set_up(t, Service::Confluence, wiki);
  f.shell->state().changed();
  PublishDialog& dialog = open_publish_dialog(f, incident);
  f.ui->frame(2);
  f.ui->click("publish.publish");
  // Waiting on the page: the progress bar and Cancel replace the buttons.
  REQUIRE(f.ui->frames_until([&] { return confluence.requests().size() == 3 && f.ui->has("publish.cancel"); }, 10000));
  CHECK(dialog.busy());
  CHECK(f.ui->has("publish.progress"));
  f.ui->click("publish.cancel");
  REQUIRE(f.ui->frames_until([&] { return !dialog.busy(); }, 10000));
  CHECK(dialog.error() == "Publishing was cancelled.");
  CHECK_FALSE(dialog.result());
  CHECK(dialog.is_open());
  auto links = t.integrations().links(incident);
  REQUIRE(links.size() == 1);
  CHECK(links[0].status == "failed");
  confluence.stop();
}
