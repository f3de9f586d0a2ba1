// The 5-Whys editor and the document editor, driven like a user over a real store; the AI help
// against the loopback provider fake, over real HTTP through the gate.
#include <doctest/doctest.h>

#include <chrono>

#include <GLFW/glfw3.h>

#include "app/gui/views/document_view.h"
#include "app/gui/views/log_view.h"
#include "app/gui/views/why_editor_view.h"
#include "tests/fakes/ai_provider_fake.h"
#include "tests/fakes/loopback_http_server.h"
#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;
using tftsr::test::AiProviderFake;
using tftsr::test::LoopbackHttpServer;

namespace {

Incident seed(UiFixture& f, const std::string& title) {
  auto incident = f.shell->state().triage->incidents().create({title, "P2", {}, {}});
  f.shell->state().changed();
  return incident;
}

template <class View>
View& open(UiFixture& f, const char* kind, const std::string& id) {
  f.shell->state().open_tab({kind, id});
  f.ui->frame(3);
  auto* view = f.shell->find_view<View>(id);
  REQUIRE(view);
  return *view;
}

void add_provider(UiFixture& f, const LoopbackHttpServer& server) {
  ai::ProviderConfig c;
  c.name = "Loopback";
  c.kind = ai::ProviderKind::OpenAi;
  c.url = server.url("/v1");
  c.model = "fake-model";
  c.api_key = "sk-loopback-0000";
  f.shell->state().triage->ai().add_provider(c);
  f.shell->state().changed();
}

std::string stored_answer(UiFixture& f, const std::string& incident, std::size_t index) {
  auto steps = f.shell->state().triage->incidents().steps(incident);
  REQUIRE(steps.size() > index);
  return steps[index].answer.value_or("");
}

}  // namespace

TEST_CASE("the 5-Whys editor adds, answers, reorders and deletes whys, and shows linked lines redacted") {
  UiFixture f;
  f.wait_unlocked();
  Triage& t = *f.shell->state().triage;
  auto incident = seed(f, "Checkout returns 503");
  tftsr::test::write_file(f.dir / "app.log", "10:00:00 start\n10:00:01 ERROR pool exhausted for carol@example.org\n10:00:02 retry\n");
  LogFile log = t.logs().add(incident.id, f.dir / "app.log");
  t.logs().scan(log.id);
  t.logs().apply_redactions(log.id);

  // From the incident, the 5 Whys section opens the editor.
  f.shell->state().open_tab({"incident", incident.id});
  f.ui->frame(3);
  REQUIRE(f.ui->has("incident.open_whys"));
  f.ui->click("incident.open_whys");
  f.ui->frame(2);
  auto* editor = f.shell->find_view<WhyEditorView>(incident.id);
  REQUIRE(editor);
  CHECK_FALSE(f.ui->has("whys.suggest"));  // no AI provider: no AI button

  f.ui->click("whys.new_question");
  f.ui->type("Why did checkout fail?");
  f.ui->click("whys.add");
  f.ui->frame(2);
  REQUIRE(editor->steps().size() == 1);
  f.ui->click("whys.new_question");
  f.ui->type("Why was the pool exhausted?");
  f.ui->press(GLFW_KEY_ENTER);
  f.ui->frame(2);
  REQUIRE(editor->steps().size() == 2);

  // An answer is stored when the field is left.
  f.ui->click("whys.answer:1");
  f.ui->type("The pods returned 503");
  f.ui->click("whys.question:2");
  f.ui->frame(2);
  CHECK(stored_answer(f, incident.id, 0) == "The pods returned 503");

  // Evidence: lines 1-2 of the redacted log, shown redacted, opening the log at the line.
  const auto steps = t.incidents().steps(incident.id);
  t.incidents().link_log_lines(steps[0].id, log.id, 2, 3);
  f.shell->state().changed();
  REQUIRE(f.ui->frames_until([&] {
    for (const auto& s : editor->steps())
      for (const auto& l : s.links)
        if (editor->link_lines(l.id)) return true;
    return false;
  }));
  const EvidenceLink& link = editor->steps()[0].links.at(0);
  const LogLines* lines = editor->link_lines(link.id);
  REQUIRE(lines);
  CHECK(lines->redacted);
  REQUIRE(lines->lines.size() == 2);
  CHECK(lines->lines[0].find("carol@example.org") == std::string::npos);
  CHECK(lines->lines[0].find("pool exhausted") != std::string::npos);
  f.ui->click("whys.link:app.log, lines 2-3");
  f.ui->frame(2);
  CHECK(f.shell->find_view<LogView>(log.id) != nullptr);

  // The progress row: why 1 answered, why 2 asked.
  std::vector<ResolutionStep> stored;
  for (const auto& s : editor->steps()) stored.push_back(s.step);
  CHECK(why_level_states(stored) == std::vector<WhyLevelState>{WhyLevelState::Answered, WhyLevelState::Asked,
                                                               WhyLevelState::Empty, WhyLevelState::Empty,
                                                               WhyLevelState::Empty});

  // Reorder, then delete (confirmed); the evidence goes with its why.
  f.shell->state().open_tab({WhyEditorView::kKind, incident.id});
  f.ui->frame(2);
  f.ui->click("whys.up:2");
  f.ui->frame(2);
  CHECK(t.incidents().steps(incident.id)[0].why_question == "Why was the pool exhausted?");
  f.ui->click("whys.delete:2");
  f.ui->frame(2);
  f.ui->click("whys.confirm_delete");
  f.ui->frame(2);
  auto left = t.incidents().steps(incident.id);
  REQUIRE(left.size() == 1);
  CHECK(left[0].why_question == "Why was the pool exhausted?");
  CHECK(left[0].step_order == 1);

  // The root cause.
  f.ui->click("whys.root_cause");
  f.ui->type("Retries without backoff");
  f.ui->click("whys.save_root_cause");
  f.ui->frame(2);
  CHECK(t.ai().why_state(incident.id).root_cause == "Retries without backoff");
  CHECK(editor->root_cause() == "Retries without backoff");
}

TEST_CASE("the document editor generates, autosaves, undoes, guards on close and exports without overwriting") {
  UiFixture f;
  f.wait_unlocked();
  Triage& t = *f.shell->state().triage;
  auto incident = seed(f, "Mail relay rejects messages");
  auto& view = open<DocumentView>(f, DocumentView::kKind, incident.id);
  REQUIRE(f.ui->frames_until([&] { return view.loaded(); }));
  CHECK(view.documents().empty());
  CHECK_FALSE(f.ui->has("docs.improve"));

  f.ui->click("docs.generate_rca");
  REQUIRE(f.ui->frames_until([&] { return view.documents().size() == 1 && !view.busy(); }));
  const std::string doc_id = view.documents()[0].id;
  CHECK(view.draft().doc_id() == doc_id);
  CHECK(view.draft().words() > 20);

  // Typing marks the text unsaved; autosave stores it once typing pauses.
  f.ui->click("docs.source");
  f.ui->press(GLFW_KEY_END, /*ctrl=*/true);
  f.ui->type("\nThe zebra relay was misconfigured.");
  CHECK(view.draft().dirty());
  REQUIRE(f.ui->frames_until([&] { return !view.draft().dirty(); }, 8000));
  CHECK(t.documents().get(doc_id).content_md.find("zebra relay") != std::string::npos);
  // The preview renders what was typed.
  CHECK(markdown_plain_text(view.draft().preview()).find("zebra relay") != std::string::npos);

  // Undo goes back to the generated text (and autosave stores that too).
  f.ui->click("docs.undo");
  CHECK(view.draft().text.find("zebra relay") == std::string::npos);
  REQUIRE(f.ui->frames_until([&] { return !view.draft().dirty(); }, 8000));
  CHECK(t.documents().get(doc_id).content_md.find("zebra relay") == std::string::npos);

  // Regenerating keeps the old version.
  f.ui->click("docs.generate_rca");
  REQUIRE(f.ui->frames_until([&] { return view.documents().size() == 2 && !view.busy(); }));
  CHECK(t.documents().list(incident.id).size() == 2);
  CHECK(view.draft().doc_id() != doc_id);

  // Export (to a folder outside the app's data): a file that exists is not replaced without asking.
  tftsr::test::TempDir elsewhere;
  const auto out = elsewhere.path();
  view.choose_export_format(ExportFormat::Html);
  view.export_to(f.shell->state(), out / "rca.html", false);
  REQUIRE(f.ui->frames_until([&] { return !view.busy(); }));
  INFO(view.export_message());
  CHECK(view.export_message().find("Exported to") != std::string::npos);
  REQUIRE(std::filesystem::exists(out / "rca.html"));
  tftsr::test::write_file(out / "rca.html", "mine");
  view.export_to(f.shell->state(), out / "rca.html", false);
  REQUIRE(f.ui->frames_until([&] { return !view.busy(); }));
  CHECK(view.export_message().find("already exists") != std::string::npos);
  CHECK(tftsr::test::read_file(out / "rca.html") == "mine");
  f.ui->frame(1);
  f.ui->click("docs.replace");
  REQUIRE(f.ui->frames_until([&] { return !view.busy(); }));
  CHECK(view.export_message().find("Exported to") != std::string::npos);
  CHECK(tftsr::test::read_file(out / "rca.html").find("<html") != std::string::npos);
  view.export_to(f.shell->state(), out / "missing" / "rca.pdf", false);
  REQUIRE(f.ui->frames_until([&] { return !view.busy(); }));
  CHECK(view.export_message().find("does not exist") != std::string::npos);

  // Closing the tab right after typing (before the autosave) loses nothing.
  const std::string latest = view.draft().doc_id();
  f.ui->click("docs.source");
  f.ui->type(" closing-words");
  REQUIRE(view.draft().dirty());
  f.shell->state().close_tab({DocumentView::kKind, incident.id});
  f.ui->frame(2);
  CHECK(f.shell->find_view<DocumentView>(incident.id) == nullptr);
  CHECK(t.documents().get(latest).content_md.find("closing-words") != std::string::npos);
}

TEST_CASE("with a provider, the AI suggests the next why and improves a section through the gate") {
  const AiProviderFake fake(ai::ProviderKind::OpenAi);
  LoopbackHttpServer server({fake.streamed("Why did the retry policy have no backoff?"),
                             fake.streamed("## Summary\n\nA clearer summary for carol.")});
  UiFixture f;
  f.wait_unlocked();
  Triage& t = *f.shell->state().triage;
  auto incident = seed(f, "Checkout returns 503");
  t.incidents().add_step(incident.id, 1, "Why did checkout fail?", std::string("mail to carol@example.org bounced"));
  add_provider(f, server);

  auto& whys = open<WhyEditorView>(f, WhyEditorView::kKind, incident.id);
  REQUIRE(f.ui->has("whys.suggest"));
  f.ui->click("whys.suggest");
  REQUIRE(f.ui->frames_until([&] { return !whys.suggestion().empty(); }));
  CHECK(whys.suggestion() == "Why did the retry policy have no backoff?");
  // What left was masked by the gate.
  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].body.find("carol@example.org") == std::string::npos);
  CHECK(requests[0].body.find("Why did checkout fail?") != std::string::npos);
  f.ui->click("whys.use_suggestion");
  f.ui->click("whys.add");
  f.ui->frame(2);
  REQUIRE(t.incidents().steps(incident.id).size() == 2);
  CHECK(t.incidents().steps(incident.id)[1].why_question == "Why did the retry policy have no backoff?");

  auto& docs = open<DocumentView>(f, DocumentView::kKind, incident.id);
  REQUIRE(f.ui->frames_until([&] { return docs.loaded(); }));
  f.ui->click("docs.generate_rca");
  REQUIRE(f.ui->frames_until([&] { return docs.documents().size() == 1 && !docs.busy(); }));
  f.ui->frame(2);
  REQUIRE(f.ui->has("docs.improve"));
  f.ui->click("docs.source");  // puts the cursor in a section
  f.ui->click("docs.improve");
  REQUIRE(f.ui->frames_until([&] { return !docs.improved().empty(); }));
  f.ui->frame(2);
  f.ui->click("docs.apply_improved");
  f.ui->frame(1);
  CHECK(docs.draft().text.find("A clearer summary for carol.") != std::string::npos);
  CHECK(docs.draft().dirty());
  requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[1].body.find("Improve this section") != std::string::npos);
}

TEST_CASE("text typed just before the store closes (lock, quit) is stored") {
  std::string doc_id;
  UiFixture f;
  f.wait_unlocked();
  auto incident = seed(f, "Disk full on the build host");
  doc_id = f.shell->state().triage->documents().generate(incident.id, "postmortem").id;
  auto& view = open<DocumentView>(f, DocumentView::kKind, incident.id);
  REQUIRE(f.ui->frames_until([&] { return view.draft().doc_id() == doc_id; }));
  f.ui->click("docs.source");
  f.ui->type(" last-words");
  REQUIRE(view.draft().dirty());
  f.shell->close_store();
  auto store = open_store(f.dir.path());
  CHECK(store->documents().get(doc_id).content_md.find("last-words") != std::string::npos);
}

TEST_CASE("count_words leaves markup out") {
  CHECK(count_words("") == 0);
  CHECK(count_words("# Title\n\n- one two\n| a | b |\n---\n") == 5);
  CHECK(count_words("日本語 text") == 2);
}

TEST_CASE("closing a document tab whose text cannot be stored keeps it open and asks") {
  UiFixture f;
  f.wait_unlocked();
  Triage& t = *f.shell->state().triage;
  auto incident = seed(f, "Proxy drops uploads");
  const std::string doc_id = t.documents().generate(incident.id, "rca").id;
  const std::string stored = t.documents().get(doc_id).content_md;
  auto& view = open<DocumentView>(f, DocumentView::kKind, incident.id);
  REQUIRE(f.ui->frames_until([&] { return view.draft().doc_id() == doc_id; }));

  // Bytes that are not UTF-8: the store refuses the text, so the close is refused too.
  view.draft().text += "\nbroken \xff\xfe bytes";
  view.draft().edited(std::chrono::steady_clock::now());
  f.ui->press(GLFW_KEY_W, /*ctrl=*/true);
  f.ui->frame(2);
  REQUIRE(f.shell->find_view<DocumentView>(incident.id) == &view);
  CHECK(view.asking_to_close());
  REQUIRE(f.ui->has("docs.close_without_saving"));

  // Cancel: the tab and the text stay, to be fixed.
  f.ui->click("docs.close_cancel");
  f.ui->frame(2);
  CHECK_FALSE(view.asking_to_close());
  CHECK_FALSE(f.ui->has("docs.close_without_saving"));
  CHECK(view.draft().text.find("broken") != std::string::npos);
  CHECK(f.shell->find_view<DocumentView>(incident.id) == &view);

  // Asked again, the user closes without saving: the stored text is as it was.
  f.ui->press(GLFW_KEY_W, /*ctrl=*/true);
  f.ui->frame(2);
  REQUIRE(f.ui->has("docs.close_without_saving"));
  f.ui->click("docs.close_without_saving");
  f.ui->frame(2);
  CHECK(f.shell->find_view<DocumentView>(incident.id) == nullptr);
  CHECK(t.documents().get(doc_id).content_md == stored);
}
