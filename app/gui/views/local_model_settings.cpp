#include "app/gui/views/local_model_settings.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/gui/ui_probe.h"
#include "app/gui/widgets/spinner.h"

namespace tftsr::gui {

namespace {
const ImVec4 kErrorColour(0.92f, 0.30f, 0.30f, 1.0f);
const ImVec4 kOkColour(0.30f, 0.75f, 0.40f, 1.0f);
const ImVec4 kLinkColour(0.45f, 0.65f, 0.95f, 1.0f);

// The manager for the configured Ollama provider (on a worker: reading the providers takes the
// store's lock).
ai::OllamaManager manager_for(Triage& t) { return ai::OllamaManager(t.gate(), ai::ollama_url(t.ai().providers())); }

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::TextUnformatted(text);
  ImGui::Separator();
}
}  // namespace

void LocalModelSettings::draw(AppState& state) {
  ImGui::TextUnformatted("Local models (Ollama)");
  ImGui::Separator();
  if (!state.triage) return;
  if (!started_) {
    started_ = true;
    refresh(state);
    probe_hardware(state);
  }
  ImGui::PushID("local_models");
  draw_status(state);
  draw_models(state);
  draw_pull(state);
  draw_hardware(state);
  ImGui::PopID();
}

void LocalModelSettings::refresh(AppState& state) {
  if (checking_) return;
  checking_ = true;
  Triage* triage = state.triage.get();
  jobs_.run(
      state.pool, "Asking Ollama",
      [triage](JobContext& ctx) {
        const auto cancelled = [&ctx] { return ctx.cancelled(); };
        const ai::OllamaManager m = manager_for(*triage);
        Snapshot s;
        s.status = m.status(cancelled);
        if (s.status.running) {
          try {
            s.models = m.models(cancelled);
          } catch (const Error& e) {
            if (e.kind() == ErrorKind::Cancelled) throw;
            s.models_error = e.what();
          }
        }
        return s;
      },
      [this](Snapshot s) {
        checking_ = false;
        status_ = std::move(s.status);
        models_ = std::move(s.models);
        models_error_ = std::move(s.models_error);
      },
      [this](const JobFailure& f) {
        checking_ = false;
        if (f.kind != ErrorKind::Cancelled) status_ = ai::OllamaStatus{false, {}, {}, f.message};
      });
}

void LocalModelSettings::probe_hardware(AppState& state) {
  probing_ = true;
  jobs_.run(
      state.pool, "Reading this machine's hardware", [](JobContext&) { return ai::probe_hardware(); },
      [this](ai::HardwareInfo hw) {
        probing_ = false;
        hardware_ = std::move(hw);
      },
      [this](const JobFailure&) { probing_ = false; });
}

void LocalModelSettings::start_pull(AppState& state, const std::string& model) {
  if (pull_job_ != 0 || model.empty()) return;
  pulling_ = model;
  pull_message_.clear();
  pull_failed_ = false;
  Triage* triage = state.triage.get();
  pull_job_ = jobs_.run(
      state.pool, "Pulling " + model,
      [triage, model](JobContext& ctx) {
        ctx.report(-1.0, "starting");
        double fraction = -1.0;  // a step without bytes (verifying, writing) keeps the last figure
        manager_for(*triage).pull(
            model,
            [&ctx, &fraction](const ai::PullProgress& p) {
              if (p.fraction() >= 0) fraction = p.fraction();
              std::string note = p.status;
              if (p.total > 0) note += "  " + ai::format_bytes(p.completed) + " / " + ai::format_bytes(p.total);
              ctx.report(fraction, std::move(note));
              return !ctx.cancelled();
            },
            [&ctx] { return ctx.cancelled(); });
      },
      [this, &state, model] {
        pull_job_ = 0;
        pull_message_ = "Pulled " + model + ".";
        pull_failed_ = false;
        pull_name_.clear();
        refresh(state);
      },
      [this, model](const JobFailure& f) {
        pull_job_ = 0;
        pull_failed_ = f.kind != ErrorKind::Cancelled;
        pull_message_ = f.kind == ErrorKind::Cancelled ? "The pull of " + model + " was cancelled; pull it again to resume."
                                                       : f.message;
      });
}

void LocalModelSettings::start_delete(AppState& state, const std::string& model) {
  deleting_ = true;
  action_error_.clear();
  Triage* triage = state.triage.get();
  jobs_.run(
      state.pool, "Deleting " + model,
      [triage, model](JobContext& ctx) { manager_for(*triage).remove(model, [&ctx] { return ctx.cancelled(); }); },
      [this, &state] {
        deleting_ = false;
        refresh(state);
      },
      [this](const JobFailure& f) {
        deleting_ = false;
        if (f.kind != ErrorKind::Cancelled) action_error_ = f.message;
      });
}

void LocalModelSettings::draw_status(AppState& state) {
  ImGui::PushTextWrapPos(0.0f);
  if (!status_) {
    spinner(ImGui::GetFontSize() * 0.3f);
    ImGui::SameLine();
    ImGui::TextDisabled("Looking for Ollama…");
  } else {
    ImGui::TextColored(status_->running ? kOkColour : kErrorColour, "%s", status_->message.c_str());
    probe::record("ollama.status");
    if (!status_->install_hint.empty()) {
      ImGui::TextUnformatted("Install Ollama from");
      ImGui::SameLine();
      ImGui::TextColored(kLinkColour, "%s", std::string(ai::kOllamaDownloadUrl).c_str());
      ImGui::SameLine();
      if (ImGui::SmallButton("Copy link")) ImGui::SetClipboardText(std::string(ai::kOllamaDownloadUrl).c_str());
      ImGui::TextUnformatted("or, on Linux, in a terminal:");
      std::string command(ai::kOllamaInstallCommand);
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20.0f);
      ImGui::InputText("##install", &command, ImGuiInputTextFlags_ReadOnly);
      probe::record("ollama.install_command");
      ImGui::SameLine();
      if (ImGui::SmallButton("Copy")) ImGui::SetClipboardText(command.c_str());
      ImGui::TextUnformatted("then start it with `ollama serve` and check again.");
    }
  }
  ImGui::PopTextWrapPos();
  ImGui::BeginDisabled(checking_);
  if (ImGui::Button("Check again")) refresh(state);
  probe::record("ollama.refresh");
  ImGui::EndDisabled();
  if (checking_ && status_) {
    ImGui::SameLine();
    spinner(ImGui::GetFontSize() * 0.3f);
  }
}

void LocalModelSettings::draw_models(AppState& state) {
  heading("Installed models");
  if (!status_ || !status_->running) {
    ImGui::TextDisabled("Shown once Ollama runs.");
    return;
  }
  if (!models_error_.empty()) ImGui::TextColored(kErrorColour, "%s", models_error_.c_str());
  if (models_.empty() && models_error_.empty()) {
    ImGui::TextDisabled("No models installed yet: pull one below.");
  } else if (ImGui::BeginTable("##models", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Size", ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
    ImGui::TableSetupColumn("Family", ImGuiTableColumnFlags_WidthFixed, em * 5.0f);
    ImGui::TableSetupColumn("Parameters", ImGuiTableColumnFlags_WidthFixed, em * 5.5f);
    ImGui::TableSetupColumn("Quantisation", ImGuiTableColumnFlags_WidthFixed, em * 6.5f);
    ImGui::TableSetupColumn("##delete", ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("Delete…").x + ImGui::GetStyle().FramePadding.x * 2.0f);
    ImGui::TableHeadersRow();
    for (const auto& m : models_) {
      ImGui::PushID(m.name.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(m.name.c_str());
      probe::record("ollama.model:" + m.name);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ai::format_bytes(m.size).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(m.family.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(m.parameter_size.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(m.quantization.c_str());
      ImGui::TableNextColumn();
      ImGui::BeginDisabled(deleting_);
      if (ImGui::SmallButton("Delete…")) confirm_delete_ = m.name;
      ImGui::EndDisabled();
      probe::record("ollama.delete:" + m.name);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (!action_error_.empty()) ImGui::TextColored(kErrorColour, "%s", action_error_.c_str());

  if (confirm_delete_) ImGui::OpenPopup("Delete model");
  if (ImGui::BeginPopupModal("Delete model", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("Delete the model %s from Ollama?", confirm_delete_.value_or("").c_str());
    ImGui::TextDisabled("Its files are removed; pulling it again downloads it again.");
    if (ImGui::Button("Delete")) {
      start_delete(state, *confirm_delete_);
      confirm_delete_.reset();
      ImGui::CloseCurrentPopup();
    }
    probe::record("ollama.confirm_delete");
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
      confirm_delete_.reset();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

void LocalModelSettings::draw_pull(AppState& state) {
  heading("Pull a model");
  const bool running = status_ && status_->running;
  if (pull_job_ != 0) {
    double fraction = -1.0;
    std::string note;
    for (const auto& j : state.pool.jobs())
      if (j.id == pull_job_) {
        fraction = j.progress;
        note = j.note;
      }
    ImGui::Text("Pulling %s", pulling_.c_str());
    const std::string overlay = fraction >= 0 ? std::to_string(static_cast<int>(fraction * 100)) + " %  " + note : note;
    ImGui::ProgressBar(fraction >= 0 ? static_cast<float>(fraction) : 0.0f, ImVec2(ImGui::GetFontSize() * 24.0f, 0),
                       overlay.c_str());
    probe::record("ollama.pull_progress");
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) state.pool.cancel(pull_job_);
    probe::record("ollama.cancel_pull");
  } else {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
    const bool entered = ImGui::InputTextWithHint("##pull_name", "llama3.2:3b", &pull_name_,
                                                  ImGuiInputTextFlags_EnterReturnsTrue);
    probe::record("ollama.pull_name");
    ImGui::SameLine();
    ImGui::BeginDisabled(!running || pull_name_.empty());
    if ((ImGui::Button("Pull") || entered) && running && !pull_name_.empty()) start_pull(state, pull_name_);
    ImGui::EndDisabled();
    probe::record("ollama.pull");
  }
  if (!pull_message_.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    if (pull_failed_) ImGui::TextColored(kErrorColour, "%s", pull_message_.c_str());
    else ImGui::TextDisabled("%s", pull_message_.c_str());
    ImGui::PopTextWrapPos();
    probe::record("ollama.pull_message");
  }
}

void LocalModelSettings::draw_hardware(AppState& state) {
  heading("This machine");
  if (!hardware_) {
    if (probing_) ImGui::TextDisabled("Reading the hardware…");
    return;
  }
  const ai::HardwareInfo& hw = *hardware_;
  ImGui::PushTextWrapPos(0.0f);
  if (hw.ram_total_bytes)
    ImGui::Text("RAM: %s (%s available)", ai::format_bytes(hw.ram_total_bytes).c_str(),
                ai::format_bytes(hw.ram_available_bytes).c_str());
  else
    ImGui::TextUnformatted("RAM: unknown");
  ImGui::Text("CPU: %s, %d cores, %d threads", hw.cpu_model.empty() ? "unknown model" : hw.cpu_model.c_str(),
              hw.cpu_cores, hw.cpu_threads);
  if (hw.gpus.empty()) ImGui::TextUnformatted("GPU: none found");
  for (const auto& g : hw.gpus)
    ImGui::Text("GPU: %s, %s", g.name.c_str(),
                g.vram_bytes ? (ai::format_bytes(g.vram_bytes) + " VRAM").c_str() : "VRAM unknown or shared");
  ImGui::PopTextWrapPos();
  probe::record("ollama.hardware");

  heading("Recommended models");
  const bool running = status_ && status_->running;
  for (const auto& r : ai::recommend_models(hw, models_)) {
    ImGui::PushID(r.name.c_str());
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%s", r.name.c_str());
    probe::record("ollama.recommended:" + r.name);
    ImGui::SameLine();
    ImGui::TextDisabled("%s, %s download", r.parameters.c_str(), ai::format_bytes(r.download_bytes).c_str());
    if (r.best) {
      ImGui::SameLine();
      ImGui::TextColored(kOkColour, "best fit");
    }
    ImGui::SameLine();
    if (r.installed) {
      ImGui::TextDisabled("(installed)");
    } else {
      ImGui::BeginDisabled(!running || pull_job_ != 0);
      if (ImGui::SmallButton("Pull")) start_pull(state, r.name);
      ImGui::EndDisabled();
      probe::record("ollama.recommended_pull:" + r.name);
    }
    ImGui::Indent(ImGui::GetFontSize());
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", r.reason.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Unindent(ImGui::GetFontSize());
    ImGui::PopID();
  }
}

}  // namespace tftsr::gui
