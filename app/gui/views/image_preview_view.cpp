#include "app/gui/views/image_preview_view.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <cmath>
#include <utility>

#include "app/gui/file_chooser.h"
#include "app/gui/ui_probe.h"
#include "app/gui/views/image_format.h"
#include "app/gui/widgets/spinner.h"
#include "core/images/image_decoder.h"

namespace tftsr::gui {

ImagePreviewView::ImagePreviewView(AppState& state, const std::string& image_id)
    : id_(image_id), textures_(state.textures) {
  if (state.triage) load(state);
}

ImagePreviewView::~ImagePreviewView() { textures_->erase(texture_key()); }

std::string ImagePreviewView::title(const AppState&) const { return info_ ? info_->file_name : "Image"; }

bool ImagePreviewView::pixels_shown() const { return textures_->find(texture_key()) != nullptr; }

void ImagePreviewView::load(AppState& state) {
  try {
    info_ = state.triage->images().get(id_);
    editor_.load(state.triage->images().annotations(id_));
    error_.clear();
  } catch (const Error& e) {
    error_ = e.what();
  }
}

void ImagePreviewView::request_decode(AppState& state) {
  decode_requested_ = true;
  Triage* triage = state.triage.get();
  const std::string id = id_;
  const int max_side = textures_->max_side();
  jobs_.run(
      state.pool, "Decoding " + info_->file_name,
      [triage, id, max_side](JobContext& ctx) {
        RgbaImage pixels = triage->images().decode(id);
        const int bits = triage->images().bits_per_channel(id);
        ctx.throw_if_cancelled();
        // Larger than the GPU takes: show a reduced copy; annotations stay in image pixels.
        if (pixels.width > max_side || pixels.height > max_side) pixels = make_thumbnail(pixels, max_side);
        return std::make_pair(std::move(pixels), bits);
      },
      [this](std::pair<RgbaImage, int> decoded) {
        source_bits_ = decoded.second;
        textures_->put(texture_key(), std::move(decoded.first), TextureFilter::PixelExact);
      },
      [this, &state](const JobFailure& f) {
        if (f.kind == ErrorKind::Cancelled) return;
        error_ = f.message;
        state.notify(NoticeLevel::Error, "Could not open the image", f.message);
      });
}

void ImagePreviewView::request_save(AppState& state) {
  // One save at a time, so an older snapshot can never land after a newer one.
  if (save_running_) {
    save_again_ = true;
    return;
  }
  save_running_ = true;
  Triage* triage = state.triage.get();
  const std::string id = id_;
  auto snapshot = editor_.document().annotations();
  // Not cancelled with the view: the annotations reach the store even when the tab closes first.
  auto finish = jobs_.guard([this, &state] {
    save_running_ = false;
    if (save_again_) {
      save_again_ = false;
      request_save(state);
    } else if (export_after_save_) {
      auto path = std::move(*export_after_save_);
      export_after_save_.reset();
      export_to(state, std::move(path));
    }
  });
  auto thumbnail_stale = jobs_.guard([this](const std::string& id) { textures_->erase("thumb:" + id); });
  // This may run from an apply step while the program shuts down, when the pool takes no more jobs.
  try {
    state.pool.submit(
        "Saving annotations",
        [triage, id, snapshot = std::move(snapshot), thumbnail_stale, &state, finish](JobContext&) -> WorkerPool::Apply {
          triage->images().save_annotations(id, snapshot);
          return [thumbnail_stale, &state, finish, id]() mutable {
            thumbnail_stale(id);  // the gallery shows the marks too
            state.changed();
            finish();
          };
        },
        [&state, finish](const JobFailure& f) mutable {
          state.notify(NoticeLevel::Error, "Could not save the annotations", f.message);
          finish();
        });
  } catch (const Error& e) {
    save_running_ = false;
    state.notify(NoticeLevel::Error, "Could not save the annotations", e.what());
  }
}

void ImagePreviewView::export_to(AppState& state, std::filesystem::path path) {
  if (path.extension().empty()) path += ".png";
  if (save_running_) {
    export_after_save_ = std::move(path);
    return;
  }
  export_running_ = true;
  Triage* triage = state.triage.get();
  const std::string id = id_;
  auto ended = jobs_.guard([this] { export_running_ = false; });
  try {
    state.pool.submit(
        "Exporting " + info_->file_name,
        [triage, id, path, ended, &state](JobContext&) -> WorkerPool::Apply {
          triage->images().export_png(id, path);
          return [ended, &state, path]() mutable {
            ended();
            state.notify(NoticeLevel::Success, "Image exported", path.string());
            state.changed();
          };
        },
        [ended, &state](const JobFailure& f) mutable {
          ended();
          state.notify(NoticeLevel::Error, "Could not export the image", f.message);
        });
  } catch (const Error& e) {
    export_running_ = false;
    state.notify(NoticeLevel::Error, "Could not export the image", e.what());
  }
}

void ImagePreviewView::draw(AppState& state) {
  if (!info_ && error_.empty()) load(state);
  if (!info_) {
    ImGui::TextColored(ImVec4(0.9f, 0.4f, 0.4f, 1), "This image cannot be shown: %s", error_.c_str());
    return;
  }
  if (!decode_requested_) request_decode(state);
  // Keys act only while this tab (or a child of it, like the canvas) has the focus.
  focused_ = ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows);

  ImGui::TextUnformatted(info_->file_name.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("%d × %d  ·  %s  ·  %s%s", info_->width, info_->height, human_size(info_->file_size).c_str(),
                      info_->mime_type.c_str(), info_->is_paste ? "  ·  pasted" : "");
  if (!error_.empty()) ImGui::TextColored(ImVec4(0.9f, 0.4f, 0.4f, 1), "%s", error_.c_str());
  if (!info_->pii_warning_acknowledged) draw_banner(state);
  draw_toolbar(state);
  draw_canvas(state);
  draw_delete_confirmation(state);
}

void ImagePreviewView::draw_banner(AppState& state) {
  static constexpr const char* kWarning =
      "Not reviewed. Screenshots often show names, e-mail addresses, tokens or customer data. Look at the whole "
      "image, cover anything sensitive with a redaction box, then confirm. Until then it is never sent anywhere.";
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::GetContentRegionAvail().x;
  const float text_height = ImGui::CalcTextSize(kWarning, nullptr, false, width - style.WindowPadding.x * 2).y;
  const float height = text_height + ImGui::GetFrameHeight() + style.ItemSpacing.y + style.WindowPadding.y * 2;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.55f, 0.38f, 0.05f, 1.0f));
  ImGui::BeginChild("##privacy", ImVec2(0, height), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  ImGui::TextWrapped("%s", kWarning);
  ImGui::PopStyleColor();
  ImGui::BeginDisabled(!pixels_shown());
  if (ImGui::Button("I reviewed this image")) {
    try {
      state.triage->images().acknowledge(id_);
      info_->pii_warning_acknowledged = true;
      state.changed();
    } catch (const Error& e) {
      state.notify(NoticeLevel::Error, "Could not record the review", e.what());
    }
  }
  probe::record("image.acknowledge");
  ImGui::EndDisabled();
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void ImagePreviewView::draw_toolbar(AppState& state) {
  const ImVec2 image(static_cast<float>(info_->width), static_cast<float>(info_->height));
  if (ImGui::Button("Fit")) zoom_.fit(canvas_size_, image);
  probe::record("image.fit");
  ImGui::SameLine();
  if (ImGui::Button("100%")) zoom_.actual_size(canvas_size_, image);
  probe::record("image.actual_size");
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%.0f%%", static_cast<double>(zoom_.scale) * 100.0);
  ImGui::SameLine(0, ImGui::GetFontSize() * 2);
  ImGui::BeginDisabled(export_running_);
  if (ImGui::Button(export_running_ ? "Exporting…" : "Export…")) {
    const auto suggestion = std::filesystem::path(info_->file_name).stem().string() + "-annotated.png";
    if (state.files)
      state.files->choose(FileDialogMode::Save, "Export the image with its annotations", suggestion,
                          jobs_.guard([this, &state](const std::filesystem::path& p) { export_to(state, p); }));
  }
  probe::record("image.export");
  const bool loses_depth = source_bits_ > 8;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(loses_depth ? "A PNG with the annotations and redactions burned in, at 8 bits per channel:\n"
                                    "this 16-bit image loses its extra depth (the original stays stored as it is)."
                                  : "A PNG with the annotations and redactions burned in.");
  ImGui::EndDisabled();
  if (loses_depth) {
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ImVec4(0.95f, 0.75f, 0.25f, 1.0f), "16-bit: exports at 8 bits");
    probe::record("image.export_depth_note");
  }
  ImGui::SameLine();
  if (ImGui::Button("Delete image…")) ask_delete_ = true;
  probe::record("image.delete");
  if (editor_.draw_toolbar()) request_save(state);
}

void ImagePreviewView::draw_canvas(AppState& state) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.08f, 0.08f, 0.09f, 1.0f));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::BeginChild("##canvas", ImVec2(0, 0), true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar();
  canvas_min_ = ImGui::GetCursorScreenPos();
  const ImVec2 size(std::max(ImGui::GetContentRegionAvail().x, 1.0f), std::max(ImGui::GetContentRegionAvail().y, 1.0f));
  canvas_size_ = size;
  const Texture* tex = textures_->find(texture_key());
  if (!tex) {
    ImGui::SetCursorScreenPos(ImVec2(canvas_min_.x + size.x * 0.5f - 12, canvas_min_.y + size.y * 0.5f - 12));
    spinner(12.0f);
    ImGui::SetCursorScreenPos(canvas_min_);
  }
  ImGui::InvisibleButton("##canvas_area", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
  probe::record("image.canvas");
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 image(static_cast<float>(info_->width), static_cast<float>(info_->height));
  const ImGuiIO& io = ImGui::GetIO();
  const bool hovered = ImGui::IsItemHovered();
  if (zoom_.fitted) zoom_.fit(size, image);  // follows the canvas until the user zooms or pans
  if (tex) {
    const ImVec2 lo(canvas_min_.x + zoom_.offset.x, canvas_min_.y + zoom_.offset.y);
    draw->AddImage(tex->id, lo, ImVec2(lo.x + image.x * zoom_.scale, lo.y + image.y * zoom_.scale));
  }

  // Panning: middle button, or Space held with the left button (the drawing tools yield).
  const bool space_held = !io.WantTextInput && ImGui::IsKeyDown(GLFW_KEY_SPACE);
  const bool pan_active = (ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Middle)) ||
                          (space_held && (hovered || ImGui::IsItemActive()));
  if (pan_active && ImGui::IsItemActive() && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0)) zoom_.pan(io.MouseDelta);
  if (hovered && io.MouseWheel != 0)
    zoom_.zoom_at(ImVec2(io.MousePos.x - canvas_min_.x, io.MousePos.y - canvas_min_.y),
                  std::pow(ImageZoom::kWheelStep, io.MouseWheel));

  if (editor_.canvas(zoom_, canvas_min_, pan_active, draw)) request_save(state);
  if (focused_)
    if (editor_.keyboard()) request_save(state);
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void ImagePreviewView::draw_delete_confirmation(AppState& state) {
  const std::string popup = "Delete image?##" + id_;
  if (ask_delete_) {
    ImGui::OpenPopup(popup.c_str());
    ask_delete_ = false;
  }
  if (!ImGui::BeginPopupModal(popup.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::Text("Delete \"%s\"?", info_->file_name.c_str());
  ImGui::TextDisabled("The screenshot and its annotations are removed from the incident.");
  if (ImGui::Button("Delete")) {
    try {
      state.triage->images().remove(id_);
      state.notify(NoticeLevel::Success, "Image deleted", info_->file_name);
      state.changed();
      state.close_tabs_showing(id_);
    } catch (const Error& e) {
      state.notify(NoticeLevel::Error, "Could not delete the image", e.what());
    }
    ImGui::CloseCurrentPopup();
  }
  probe::record("image.delete.confirm");
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace tftsr::gui
