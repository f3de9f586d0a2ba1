// The GUI's fonts hold Chinese, Japanese, Korean, Cyrillic and Greek: incident titles and document
// text in those scripts are drawn with their glyphs rather than '?'.
#include <doctest/doctest.h>

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/gui/fonts.h"
#include "app/gui/views/document_view.h"
#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;

namespace {

std::vector<unsigned int> code_points(std::string_view text) {
  std::vector<unsigned int> out;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    unsigned int c = 0;
    p += ImTextCharFromUtf8(&c, p, end);
    out.push_back(c);
  }
  return out;
}

// The code points of `text` the font has no glyph for, as "U+XXXX" for the failure message.
std::string missing_glyphs(const ImFont* font, std::string_view text) {
  std::string missing;
  for (unsigned int c : code_points(text)) {
    if (c < 0x20) continue;
    if (!font->FindGlyphNoFallback(static_cast<ImWchar>(c))) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "U+%04X ", c);
      missing += buf;
    }
  }
  return missing;
}

constexpr const char* kTitle = "支付失败 決済エラー 결제 실패 Сбой оплаты Σφάλμα πληρωμής";
constexpr const char* kNotes = "## Заметки\n\nΑιτία: 数据库连接池耗尽, ログ検索, 데이터베이스 연결\n";

// Points fontconfig at a configuration with the alphabet fonts only, and back on destruction.
class FontsWithoutCjk {
 public:
  explicit FontsWithoutCjk(const tftsr::test::TempDir& dir) {
    if (const char* before = std::getenv("FONTCONFIG_FILE")) before_ = before;
    const auto dejavu = find_ui_font_file();
    REQUIRE(dejavu);
    const auto conf = dir / "fonts.conf";
    tftsr::test::write_file(conf, "<?xml version=\"1.0\"?>\n<fontconfig>\n  <dir>" + dejavu->parent_path().string() +
                                      "</dir>\n  <cachedir>" + (dir / "fc-cache").string() + "</cachedir>\n</fontconfig>\n");
    setenv("FONTCONFIG_FILE", conf.c_str(), 1);
  }
  ~FontsWithoutCjk() {
    if (before_) setenv("FONTCONFIG_FILE", before_->c_str(), 1);
    else unsetenv("FONTCONFIG_FILE");
  }

 private:
  std::optional<std::string> before_;
};

}  // namespace

TEST_CASE("CJK, Cyrillic and Greek titles and documents have their glyphs in every font") {
  UiFixture f;
  // As the window does after its first frame.
  const LoadedFonts& fonts = f.context.rebuild_fonts(FontCoverage::AllScripts);
  f.shell->state().mono_font = fonts.mono;
  f.shell->state().heading_font = fonts.heading;
  f.wait_unlocked();
  REQUIRE(fonts.from_system);
  REQUIRE(fonts.cjk);  // the setup installs Noto Sans CJK, which the PDF export uses as well

  Triage& t = *f.shell->state().triage;
  auto incident = t.incidents().create({kTitle, "P2", {}, {}});
  const Document doc = t.documents().generate(incident.id, "postmortem");
  t.documents().save(doc.id, doc.content_md + "\n" + kNotes);
  f.shell->state().changed();
  f.shell->state().open_tab({DocumentView::kKind, incident.id});
  f.ui->frame(3);
  auto* view = f.shell->find_view<DocumentView>(incident.id);
  REQUIRE(view);
  REQUIRE(f.ui->frames_until([&] { return view->loaded() && view->draft().doc_id() == doc.id; }));

  // What the tab shows: its title, the document's source and its preview.
  CHECK(view->title(f.shell->state()).find("支付失败") != std::string::npos);
  const std::string shown = view->draft().text;
  REQUIRE(shown.find(kTitle) != std::string::npos);
  REQUIRE(shown.find("数据库连接池耗尽") != std::string::npos);
  for (const ImFont* font : {fonts.ui, fonts.heading, fonts.mono}) {
    CHECK(missing_glyphs(font, kTitle) == "");
    CHECK(missing_glyphs(font, kNotes) == "");
  }
  // The atlas the frames were drawn with is the one checked.
  CHECK(ImGui::GetIO().FontDefault == fonts.ui);
  CHECK(ImGui::GetIO().Fonts->TexHeight >= 2048);
}

TEST_CASE("without a CJK font the fonts still load, with Latin, Greek and Cyrillic") {
  tftsr::test::TempDir dir;
  FontsWithoutCjk no_cjk(dir);
  UiFixture f;
  const LoadedFonts& fonts = f.context.rebuild_fonts(FontCoverage::AllScripts);
  CHECK(fonts.from_system);
  CHECK_FALSE(fonts.cjk);
  CHECK(missing_glyphs(fonts.ui, "Сбой оплаты Σφάλμα πληρωμής") == "");
  CHECK(fonts.ui->FindGlyphNoFallback(0x652F) == nullptr);  // 支
  f.shell->state().mono_font = fonts.mono;  // the old atlas's fonts are gone
  f.shell->state().heading_font = fonts.heading;
  f.wait_unlocked();  // and the application starts as usual
  CHECK(f.shell->unlocked());
}
