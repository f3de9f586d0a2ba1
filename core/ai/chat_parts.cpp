#include "core/ai/chat_parts.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/error.h"

namespace tftsr::ai {

namespace {

constexpr std::string_view kPieceGap = "[...]\n";

std::string log_heading(const ChatAttachment& a) {
  return "--- Log \"" + a.name + "\" (" + a.note + ") ---";
}

// "pattern summary: 6.1 KB instead of 12.3 MB of log"
std::string pattern_summary_note(std::size_t summary_bytes, std::int64_t log_bytes) {
  auto size = [](double bytes) {
    char out[32];
    if (bytes >= 1024.0 * 1024.0) std::snprintf(out, sizeof out, "%.1f MB", bytes / (1024.0 * 1024.0));
    else if (bytes >= 1024.0) std::snprintf(out, sizeof out, "%.1f KB", bytes / 1024.0);
    else std::snprintf(out, sizeof out, "%.0f bytes", bytes);
    return std::string(out);
  };
  return "pattern summary, variable parts masked: " + size(static_cast<double>(summary_bytes)) + " instead of " +
         size(static_cast<double>(log_bytes)) + " of log";
}

std::string image_mention(const ChatAttachment& a) {
  return "(The image \"" + a.name + "\" was attached to this message.)";
}

ChatRole role_of(const std::string& role) { return role == "assistant" ? ChatRole::Assistant : ChatRole::User; }

// Providers want turns that alternate (Anthropic and Gemini refuse two user turns in a row): a
// user message whose reply never came joins the next one.
void append_turn(std::vector<ChatTurn>& turns, ChatRole role, std::string text, std::vector<std::string> images = {}) {
  if (text.empty() && images.empty()) return;
  if (!turns.empty() && turns.back().role == role) {
    if (!text.empty()) {
      if (!turns.back().text.empty()) turns.back().text += "\n\n";
      turns.back().text += text;
    }
    for (auto& png : images) turns.back().images_png.push_back(std::move(png));
    return;
  }
  turns.push_back(ChatTurn{role, std::move(text), std::move(images)});
}

}  // namespace

std::int64_t budget_for_logs(std::int64_t budget, std::size_t system_bytes, std::size_t message_bytes,
                             bool has_history) {
  const std::int64_t left = budget - static_cast<std::int64_t>(system_bytes + message_bytes);
  if (left <= 0) return 0;
  return has_history ? left - left / 4 : left;
}

std::string render_user_turn(std::string_view typed, const std::vector<SentAttachment>& attachments) {
  std::string out(typed);
  for (const auto& a : attachments) {
    if (!out.empty()) out += "\n\n";
    if (a.info.kind == "log") {
      out += log_heading(a.info);
      out += '\n';
      out += a.text;
    } else {
      out += image_mention(a.info);
    }
  }
  return out;
}

std::string attachments_to_json(const std::vector<SentAttachment>& attachments) {
  if (attachments.empty()) return {};
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : attachments)
    out.push_back({{"kind", a.info.kind},
                   {"id", a.info.id},
                   {"name", a.info.name},
                   {"bytes_sent", a.info.bytes_sent},
                   {"note", a.info.note},
                   {"text", a.text}});
  return out.dump();
}

std::vector<SentAttachment> attachments_from_json(std::string_view json) {
  std::vector<SentAttachment> out;
  if (json.empty()) return out;
  const auto parsed = nlohmann::json::parse(json, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& item : parsed) {
    if (!item.is_object()) continue;
    SentAttachment a;
    a.info.kind = item.value("kind", "");
    a.info.id = item.value("id", "");
    a.info.name = item.value("name", "");
    a.info.bytes_sent = item.value("bytes_sent", std::int64_t{0});
    a.info.note = item.value("note", "");
    a.text = item.value("text", "");
    out.push_back(std::move(a));
  }
  return out;
}

ChatParts lay_out_chat(const ChatInput& input) {
  if (!input.has_new_message &&
      (input.history.empty() || input.history.back().role != "user"))
    throw Error(ErrorKind::Internal, "a chat without a new message must end with the user's turn");
  ChatParts out;
  out.has_new_message_ = input.has_new_message;

  // The new turn's attachments first: their size decides how much history fits.
  std::vector<net::BodyPart> new_turn;
  std::vector<ChatParts::Slot> new_slots;
  std::vector<std::string> new_labels;
  std::int64_t new_bytes = static_cast<std::int64_t>(input.message.size());
  if (input.has_new_message) {
    new_turn.push_back(net::BodyPart::typed(input.message));
    new_slots.push_back({ChatParts::Role::Message});
    new_labels.emplace_back("message");
  }
  for (const auto& log : input.logs) {
    const std::size_t index = out.attachments.size();
    if (log.pattern_summary) {
      ChatAttachment info{"log", log.log_id, log.name, static_cast<std::int64_t>(log.pattern_summary->size()),
                          pattern_summary_note(log.pattern_summary->size(), log.log_bytes)};
      new_turn.push_back(net::BodyPart::typed(log_heading(info)));
      new_slots.push_back({ChatParts::Role::LogHeading, ChatRole::User, index});
      new_labels.push_back(log.name);
      new_turn.push_back(net::BodyPart::typed(*log.pattern_summary));
      new_slots.push_back({ChatParts::Role::LogPiece, ChatRole::User, index});
      new_labels.push_back(log.name + " (patterns)");
      new_bytes += static_cast<std::int64_t>(log.pattern_summary->size());
      out.attachments.push_back(std::move(info));
      continue;
    }
    ChatAttachment info{"log", log.log_id, log.name, log.excerpt.bytes_sent,
                        log.redacted ? log.excerpt.note : log.excerpt.note + "; not reviewed yet, every finding masked"};
    new_turn.push_back(net::BodyPart::typed(log_heading(info)));
    new_slots.push_back({ChatParts::Role::LogHeading, ChatRole::User, index});
    new_labels.push_back(log.name);
    for (const auto& piece : log.excerpt.pieces) {
      new_turn.push_back(log.redacted ? net::BodyPart::log_excerpt(log.log_id, piece.text, piece.offset)
                                      : net::BodyPart::unreviewed_log(log.log_id, piece.text, piece.offset));
      new_slots.push_back({ChatParts::Role::LogPiece, ChatRole::User, index});
      new_labels.push_back(log.name);
      new_bytes += static_cast<std::int64_t>(piece.text.size());
    }
    out.attachments.push_back(std::move(info));
  }
  for (const auto& image : input.images) {
    const std::size_t index = out.attachments.size();
    out.attachments.push_back(ChatAttachment{"image", image.image_id, image.name, 0, "burned-in rendition"});
    new_turn.push_back(net::BodyPart::image(image.image_id));
    new_slots.push_back({ChatParts::Role::Image, ChatRole::User, index});
    new_labels.push_back(image.name);
  }

  // History from the newest turn back, while it fits.
  std::vector<std::string> turns;
  turns.reserve(input.history.size());
  for (const auto& m : input.history)
    turns.push_back(m.role == "user" ? render_user_turn(m.content, attachments_from_json(m.attachments_json)) : m.content);
  std::int64_t room = input.budget_bytes - static_cast<std::int64_t>(input.system_prompt.size()) - new_bytes;
  std::size_t first = input.history.size();
  std::size_t pinned = 0;  // the user turn a regenerated reply answers is always sent
  if (!input.has_new_message) {
    pinned = 1;
    first = input.history.size() - 1;
    room -= static_cast<std::int64_t>(turns.back().size());
  }
  while (first > 0 && static_cast<std::int64_t>(turns[first - 1].size()) <= room) {
    room -= static_cast<std::int64_t>(turns[first - 1].size());
    --first;
  }
  // A history that starts with a reply confuses providers that expect the user to speak first.
  while (first < input.history.size() - pinned && input.history[first].role != "user") ++first;
  out.history_dropped = static_cast<std::int64_t>(first);

  out.parts.push_back(net::BodyPart::typed(input.system_prompt));
  out.slots_.push_back({ChatParts::Role::System});
  out.labels.emplace_back("system prompt");
  for (std::size_t i = first; i < input.history.size(); ++i) {
    out.parts.push_back(net::BodyPart::typed(turns[i]));
    out.slots_.push_back({ChatParts::Role::History, role_of(input.history[i].role)});
    out.labels.emplace_back("history");
  }
  for (std::size_t i = 0; i < new_turn.size(); ++i) {
    out.parts.push_back(std::move(new_turn[i]));
    out.slots_.push_back(new_slots[i]);
    out.labels.push_back(std::move(new_labels[i]));
  }
  return out;
}

ChatRequest ChatParts::assemble(const std::vector<net::ClearedPart>& cleared) const {
  if (cleared.size() != slots_.size()) throw Error(ErrorKind::Internal, "the gate returned a different number of parts");
  ChatRequest chat;
  std::string turn;
  std::vector<std::string> images;
  std::size_t open_log = SIZE_MAX;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const Slot& slot = slots_[i];
    const std::string& text = cleared[i].text;
    switch (slot.role) {
      case Role::System: chat.system_prompt = text; break;
      case Role::History: append_turn(chat.turns, slot.turn, text); break;
      case Role::Message: turn = text; break;
      case Role::LogHeading:
        if (!turn.empty()) turn += "\n\n";
        turn += text;
        turn += '\n';
        open_log = slot.attachment;
        break;
      case Role::LogPiece:
        if (open_log != slot.attachment) throw Error(ErrorKind::Internal, "a log piece without its heading");
        if (slots_[i - 1].role == Role::LogPiece) {
          if (!turn.empty() && turn.back() != '\n') turn += '\n';
          turn += kPieceGap;
        }
        turn += text;
        break;
      case Role::Image: images.push_back(cleared[i].png); break;
    }
  }
  if (has_new_message_) append_turn(chat.turns, ChatRole::User, std::move(turn), std::move(images));
  return chat;
}

std::string ChatParts::cleared_message(const std::vector<net::ClearedPart>& cleared) const {
  for (std::size_t i = 0; i < slots_.size() && i < cleared.size(); ++i)
    if (slots_[i].role == Role::Message) return cleared[i].text;
  return {};
}

std::vector<SentAttachment> ChatParts::cleared_attachments(const std::vector<net::ClearedPart>& cleared) const {
  std::vector<SentAttachment> out;
  for (const auto& a : attachments) out.push_back({a, {}});
  for (std::size_t i = 0; i < slots_.size() && i < cleared.size(); ++i) {
    const Slot& slot = slots_[i];
    if (slot.role == Role::LogPiece) {
      std::string& text = out[slot.attachment].text;
      if (!text.empty()) {
        if (text.back() != '\n') text += '\n';
        text += kPieceGap;
      }
      text += cleared[i].text;
    } else if (slot.role == Role::Image) {
      out[slot.attachment].info.bytes_sent = static_cast<std::int64_t>(cleared[i].png.size());
    }
  }
  return out;
}

}  // namespace tftsr::ai
