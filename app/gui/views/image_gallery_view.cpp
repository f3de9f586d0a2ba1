#include "app/gui/views/image_gallery_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/gui/file_chooser.h"
#include "app/gui/short_title.h"
#include "app/gui/ui_probe.h"
#include "app/gui/views/image_format.h"
#include "app/gui/views/image_import.h"
#include "app/gui/views/image_preview_view.h"
#include "core/images/image_decoder.h"

namespace tftsr::gui {

namespace {
std::string thumb_key(const std::string& id) { return "thumb:" + id; }

// The name cut to fit `width`, with an ellipsis.
std::string fitted(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  std::string cut = text;
  while (!cut.empty() && ImGui::CalcTextSize((cut + "…").c_str()).x > width) {
    cut.pop_back();
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();  // whole UTF-8
  }
  return cut + "…";
}

void loading_arc(ImDrawList* draw, ImVec2 centre, float radius) {
  const float start = static_cast<float>(ImGui::GetTime()) * 6.0f;
  draw->PathClear();
  for (int i = 0; i <= 16; ++i) {
    const float a = start + static_cast<float>(i) / 16.0f * 4.4f;
    draw->PathLineTo(ImVec2(centre.x + std::cos(a) * radius, centre.y + std::sin(a) * radius));
  }
  draw->PathStroke(ImGui::GetColorU32(ImGuiCol_ButtonActive), 0, 3.0f);
}
}  // namespace

ImageGalleryView::ImageGalleryView(AppState& state, const std::string& incident_id)
    : incident_id_(incident_id), textures_(state.textures) {}

ImageGalleryView::~ImageGalleryView() {
  for (const auto& image : images_) textures_->erase(thumb_key(image.id));
}

std::string ImageGalleryView::title(const AppState& state) const {
  auto it = state.incident_titles.find(incident_id_);
  std::string name = "Screenshots · " + (it != state.incident_titles.end() ? it->second : std::string("incident"));
  name = short_title(name, 40);
  return name;
}

std::size_t ImageGalleryView::thumbnails_ready() const {
  return static_cast<std::size_t>(std::count_if(images_.begin(), images_.end(), [&](const ImageAttachment& i) {
    return textures_->find(thumb_key(i.id)) != nullptr;
  }));
}

void ImageGalleryView::refresh(AppState& state) {
  // Listed on the pool: with hundreds of rows the query would cost the frame it runs in. A change
  // while it runs leaves data_version ahead of loaded_version_, so the next frame lists again.
  if (listing_) return;
  listing_ = true;
  loaded_version_ = state.data_version;
  Triage* triage = state.triage.get();
  const std::string incident = incident_id_;
  jobs_.run(
      state.pool, "Listing screenshots",
      [triage, incident](JobContext&) {
        auto images = std::make_shared<std::vector<ImageAttachment>>(triage->images().list(incident));
        return images;
      },
      [this](auto images) {
        listing_ = false;
        images_ = std::move(*images);
        listed_ = true;
        error_.clear();
      },
      [this](const JobFailure& f) {
        listing_ = false;
        if (f.kind != ErrorKind::Cancelled) error_ = f.message;
      });
}

void ImageGalleryView::request_thumbnail(AppState& state, const ImageAttachment& image) {
  Triage* triage = state.triage.get();
  const std::string id = image.id;
  in_flight_.insert(id);
  jobs_.run(
      state.pool, "Thumbnails",
      [triage, id](JobContext& ctx) {
        // The marks and redactions burned in: the gallery never shows what a box hides.
        RgbaImage full = triage->images().render(id);
        ctx.throw_if_cancelled();
        return make_thumbnail(full, kThumbnailSide);
      },
      [this, id](RgbaImage thumb) {
        in_flight_.erase(id);
        textures_->put(thumb_key(id), std::move(thumb), TextureFilter::Smooth);
      },
      [this, id](const JobFailure& f) {
        in_flight_.erase(id);
        if (f.kind != ErrorKind::Cancelled) failed_.insert(id);
      });
}

void ImageGalleryView::draw(AppState& state) {
  if (loaded_version_ != state.data_version && !state.rekey_running) refresh(state);

  ImGui::AlignTextToFramePadding();
  ImGui::Text("Screenshots (%zu)", images_.size());
  ImGui::SameLine();
  if (ImGui::Button("Add image…") && state.files) {
    const std::string incident = incident_id_;
    state.files->choose(
        FileDialogMode::Open, "Attach a screenshot", {},
        [&state, incident](const std::filesystem::path& p) { import_image_files(state, incident, {p}); });
  }
  probe::record("gallery.add");
  ImGui::SameLine();
  if (ImGui::Button("Paste  (Ctrl+V)")) paste_clipboard_image(state, incident_id_);
  probe::record("gallery.paste");
  ImGui::SameLine();
  ImGui::TextDisabled("or drop image files on the window");
  if (!error_.empty()) ImGui::TextColored(ImVec4(0.9f, 0.4f, 0.4f, 1), "%s", error_.c_str());
  if (images_.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled(listed_ ? "No screenshots attached to this incident yet." : "Loading the screenshots…");
    first_drawn_ = end_drawn_ = 0;
    return;
  }

  ImGui::BeginChild("##gallery_grid", ImVec2(0, 0), false);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float side = std::round(ImGui::GetFontSize() * 9.0f);
  const float cell_w = side + style.ItemSpacing.x * 2;
  const float cell_h = side + ImGui::GetTextLineHeightWithSpacing() * 3 + style.ItemSpacing.y * 2;
  const int columns = std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().x / cell_w));
  const int count = static_cast<int>(images_.size());
  const int rows = (count + columns - 1) / columns;

  // Only the rows inside the scrolled view are submitted; a dummy at the end gives the full height.
  const float top = style.ItemSpacing.y;
  const int first_row = std::clamp(static_cast<int>((ImGui::GetScrollY() - top) / cell_h), 0, rows);
  const int end_row =
      std::clamp(static_cast<int>((ImGui::GetScrollY() + ImGui::GetWindowHeight() - top) / cell_h) + 1, 0, rows);
  first_drawn_ = std::min(first_row * columns, count);
  end_drawn_ = std::min(end_row * columns, count);
  for (int index = first_drawn_; index < end_drawn_; ++index) {
    const int row = index / columns, col = index % columns;
    ImGui::SetCursorPos(
        ImVec2(style.ItemSpacing.x + static_cast<float>(col) * cell_w, top + static_cast<float>(row) * cell_h));
    draw_cell(state, images_[static_cast<std::size_t>(index)], side);
  }
  ImGui::SetCursorPos(ImVec2(0, top + static_cast<float>(rows) * cell_h));
  ImGui::Dummy(ImVec2(1, 1));
  ImGui::EndChild();
}

void ImageGalleryView::draw_cell(AppState& state, const ImageAttachment& image, float side) {
  ImGui::PushID(image.id.c_str());
  ImGui::BeginGroup();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  if (ImGui::InvisibleButton("##thumb", ImVec2(side, side))) state.open_tab(Tab{ImagePreviewView::kKind, image.id});
  probe::record("gallery.image:" + image.file_name);
  const bool hovered = ImGui::IsItemHovered();
  if (hovered) ImGui::SetTooltip("%s\nClick to open", image.file_name.c_str());
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(pos.x + side, pos.y + side);
  draw->AddRectFilled(pos, end, ImGui::GetColorU32(ImGuiCol_FrameBg), 4.0f);

  const std::string key = thumb_key(image.id);
  if (const Texture* tex = textures_->find(key)) {
    const float scale = std::min(side / static_cast<float>(tex->width), side / static_cast<float>(tex->height));
    const float w = std::round(static_cast<float>(tex->width) * scale),
                h = std::round(static_cast<float>(tex->height) * scale);
    const ImVec2 lo(std::round(pos.x + (side - w) * 0.5f), std::round(pos.y + (side - h) * 0.5f));
    draw->AddImage(tex->id, lo, ImVec2(lo.x + w, lo.y + h));
  } else if (failed_.count(image.id)) {
    const char* msg = "cannot show";
    const ImVec2 ts = ImGui::CalcTextSize(msg);
    draw->AddText(ImVec2(pos.x + (side - ts.x) * 0.5f, pos.y + (side - ts.y) * 0.5f),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled), msg);
  } else {
    loading_arc(draw, ImVec2(pos.x + side * 0.5f, pos.y + side * 0.5f), side * 0.08f);
    if (!in_flight_.count(image.id) && !textures_->contains(key) && in_flight_.size() < kThumbnailJobs)
      request_thumbnail(state, image);
  }
  if (hovered) draw->AddRect(pos, end, ImGui::GetColorU32(ImGuiCol_ButtonHovered), 4.0f, 0, 2.0f);

  ImGui::TextUnformatted(fitted(image.file_name, side).c_str());
  ImGui::TextDisabled("%s", fitted(std::to_string(image.width) + " × " + std::to_string(image.height) + "  ·  " +
                                       human_size(image.file_size),
                                   side)
                                .c_str());
  if (!image.pii_warning_acknowledged) {
    ImGui::TextColored(ImVec4(0.95f, 0.65f, 0.15f, 1.0f), "● not reviewed");
    probe::record("gallery.badge:" + image.file_name);
  } else {
    ImGui::TextDisabled(image.is_paste ? "reviewed  ·  pasted" : "reviewed");
  }
  ImGui::EndGroup();
  ImGui::PopID();
}

}  // namespace tftsr::gui
