#include "app/gui/view_registry.h"

#include "app/gui/views/audit_view.h"
#include "app/gui/views/chat_view.h"
#include "app/gui/views/dashboard_view.h"
#include "app/gui/views/document_view.h"
#include "app/gui/views/help_view.h"
#include "app/gui/views/image_gallery_view.h"
#include "app/gui/views/image_preview_view.h"
#include "app/gui/views/incident_view.h"
#include "app/gui/views/log_view.h"
#include "app/gui/views/notifications_view.h"
#include "app/gui/views/patterns_view.h"
#include "app/gui/views/settings_view.h"
#include "app/gui/views/why_editor_view.h"

namespace tftsr::gui {

const std::vector<TabKind>& tab_kinds() {
  static const std::vector<TabKind> kinds = {
      {DashboardView::kKind, false, make_view<DashboardView>},
      {IncidentView::kKind, true, make_view<IncidentView>},
      {AuditView::kKind, false, make_view<AuditView>},
      {SettingsView::kKind, false, make_view<SettingsView>},
      {HelpView::kKind, false, make_view<HelpView>},
      {NotificationsView::kKind, false, make_view<NotificationsView>},
      {LogView::kKind, true, make_view<LogView>},
      {ImageGalleryView::kKind, true, make_view<ImageGalleryView>},
      {ImagePreviewView::kKind, true, make_view<ImagePreviewView>},
      {ChatView::kKind, true, make_view<ChatView>},
      {PatternsView::kKind, true, make_view<PatternsView>},
      {WhyEditorView::kKind, true, make_view<WhyEditorView>},
      {DocumentView::kKind, true, make_view<DocumentView>},
  };
  return kinds;
}

const TabKind* find_tab_kind(const std::string& name) {
  for (const TabKind& kind : tab_kinds())
    if (name == kind.name) return &kind;
  return nullptr;
}

std::unique_ptr<TabView> make_tab_view(AppState& state, const Tab& tab) {
  const TabKind* kind = find_tab_kind(tab.kind);
  if (!kind || (kind->needs_id && tab.id.empty())) return nullptr;
  return kind->make(state, tab.id);
}

}  // namespace tftsr::gui
