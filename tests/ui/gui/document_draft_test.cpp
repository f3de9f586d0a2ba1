#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "app/gui/views/document_view.h"

using namespace tftsr;
using namespace tftsr::gui;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

DocumentDraft draft_of(std::string text) {
  Document doc;
  doc.id = "doc-1";
  doc.content_md = std::move(text);
  DocumentDraft d;
  d.load(doc);
  return d;
}

void type(DocumentDraft& d, std::size_t at, const std::string& s, Clock::time_point when) {
  d.text.insert(at, s);
  d.edited(when);
}

}  // namespace

TEST_CASE("edits less than a second apart undo together, later ones as a step of their own") {
  DocumentDraft d = draft_of("# Title\n\nbody\n");
  const auto t0 = Clock::now() - std::chrono::seconds(10);  // undo() reads the clock: edits are in the past
  type(d, 9, "a", t0);
  type(d, 10, "b", t0 + milliseconds(300));
  type(d, 11, "c", t0 + milliseconds(2000));
  d.text.erase(0, 2);  // "# " deleted and not reported yet: undo sees it first
  REQUIRE(d.undo());
  CHECK(d.text == "# Title\n\nabcbody\n");
  REQUIRE(d.undo());
  CHECK(d.text == "# Title\n\nabbody\n");
  REQUIRE(d.undo());
  CHECK(d.text == "# Title\n\nbody\n");
  CHECK_FALSE(d.undo());
  CHECK_FALSE(d.can_undo());
}

TEST_CASE("a replaced section undoes back to the text before it") {
  DocumentDraft d = draft_of("one two three");
  d.replace(4, 7, "2 (improved)", Clock::now());
  CHECK(d.text == "one 2 (improved) three");
  REQUIRE(d.undo());
  CHECK(d.text == "one two three");
}

TEST_CASE("undo of a 5 MB document keeps what changed, not copies of the text") {
  std::string big;
  while (big.size() < (std::size_t{5} << 20)) big += "| row | with | some | cells |\n";
  DocumentDraft d = draft_of(big);
  auto t = Clock::now();
  for (int i = 0; i < 300; ++i) {  // 300 pauses in typing: 300 steps of a few bytes each
    t += milliseconds(1500);
    type(d, d.text.size() / 2, "x", t);
  }
  CHECK(d.undo_bytes() < 1024);
  // Whole-text replacements are held to the budget, the newest kept.
  for (int i = 0; i < 8; ++i) d.replace(0, d.text.size(), big + std::to_string(i), t);
  CHECK(d.undo_bytes() <= DocumentDraft::kUndoBudget);
  REQUIRE(d.undo());
  CHECK(d.text == big + "6");
}

TEST_CASE("the word count follows the text with the preview") {
  DocumentDraft d = draft_of("# Title\n\nfour words in here\n");
  CHECK(d.words() == 5);
  type(d, d.text.size(), "and two\n", Clock::now());
  d.refresh_preview();
  CHECK(d.words() == 7);
}
