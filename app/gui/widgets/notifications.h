#pragma once
// Messages for the user: each one shows as a toast for a few seconds and stays in the list that
// the notifications view shows until the program ends.
#include <string>
#include <vector>

namespace tftsr::gui {

enum class NoticeLevel { Info, Success, Warning, Error };

struct Notice {
  NoticeLevel level = NoticeLevel::Info;
  std::string title;
  std::string message;
  double created = 0.0;  // ImGui time
};

class Notifications {
 public:
  static constexpr double kToastSeconds = 6.0;

  void push(NoticeLevel level, std::string title, std::string message, double now);
  const std::vector<Notice>& all() const { return items_; }
  std::size_t unread() const { return items_.size() - seen_; }
  void mark_all_seen() { seen_ = items_.size(); }
  void clear();
  // True while a toast is on screen: the frame loop keeps drawing to fade it out.
  bool toast_visible(double now) const;
  // Draws the live toasts stacked in the bottom-right corner of the main viewport.
  void draw_toasts(double now, float bottom_margin);

 private:
  std::vector<Notice> items_;
  std::size_t seen_ = 0;
};

}  // namespace tftsr::gui
