#pragma once
// What the publish and ticket dialogs show before anything leaves: the text as the outbound gate
// lets it go (findings masked) with the count of masked findings by type, and the progress row of
// the job that sends it.
#include <imgui.h>

#include <string>

#include "app/gui/app_state.h"
#include "core/integrations/integration_service.h"

namespace tftsr::gui {

inline const ImVec4 kSendErrorColour(0.92f, 0.30f, 0.30f, 1.0f);
inline const ImVec4 kSendOkColour(0.30f, 0.65f, 0.40f, 1.0f);

// Opens the dialog's popup when asked: centred, 46 em wide and `height_em` high (at most 85 % of
// the window, the preview taking what the rest leaves), no close box while `sending` (Cancel
// stops it). False when the popup is not shown; true means EndPopup() is the caller's.
bool begin_send_dialog(const char* popup, bool& request_open, bool& open, float height_em, bool sending,
                       bool& keep_open);

// The error of the last attempt, wrapped, in the error colour (probe_key names it).
void draw_send_error(const std::string& error, const std::string& probe_key);

// "3 findings masked: Email 2, AwsAccessKey 1", or that none were found.
std::string masked_summary(const integrations::SendPreview& preview);

// The summary and the text in a read-only box `height` high (negative: down to that much above
// the window's bottom, at least four lines); probe_key names the box.
void draw_send_preview(const integrations::SendPreview& preview, float height, const std::string& probe_key);

// What the dialogs draw under the preview box: an error, the result and its link, the buttons.
float below_preview(bool error, bool result);

// The created page's or ticket's URL as a button that opens the browser, and "Copy link"
// (probe_key names the URL button).
void draw_remote_link(const std::string& url, const std::string& probe_key);

// A progress bar with the job's note and a Cancel button (probe_key + ".cancel").
void draw_job_progress(AppState& state, JobId job, const std::string& probe_key);

}  // namespace tftsr::gui
