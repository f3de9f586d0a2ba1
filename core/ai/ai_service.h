#pragma once
// AI triage: the providers a user configured, conversations about an incident, the 5 Whys the
// model guides, and "Analyze logs". Every byte a provider receives passes the outbound gate: the
// typed text, the history, the system prompt and each attachment are parts of the gate's request,
// and values are masked with placeholders numbered per conversation ("[Email_1]" is the same
// address every time). The mapping stays in the store; replies are shown with the values
// restored here. API keys are sealed by the store's secret box and opened only to build a
// request; they never reach the database in clear, the audit log or any message.
//
// Sending blocks until the reply is whole, cancelled or failed: callers run it on a worker. A
// failed or cancelled reply keeps what arrived, marked as cut off; a send the gate refuses
// writes nothing.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/ai/provider_config.h"
#include "core/model/conversation.h"

namespace tftsr {

struct ServiceContext;
class IncidentService;
class ImageService;
class LogService;
class SettingsService;
namespace net {
class OutboundGate;
struct Review;
}  // namespace net

// Sealing and opening API keys with the store's secret box (which changes with the passphrase).
struct SecretSealer {
  std::function<std::string(std::string_view plaintext)> seal;
  std::function<std::string(std::string_view sealed)> open;
};

// The other areas the chat reads from: the incident, its logs and images, the settings.
struct AiServiceDeps {
  IncidentService& incidents;
  LogService& logs;
  ImageService& images;
  SettingsService& settings;
  // The pattern summary of a stored log (PatternService), for logs sent as patterns.
  std::function<std::string(const std::string& log_id)> pattern_summary;
};

// A configured provider as the UI lists it: never the key itself.
struct ProviderSummary {
  std::string id;
  ai::ProviderConfig config;  // config.api_key is always empty
  bool has_api_key = false;
  std::string masked_api_key;  // "••••••••1234", empty without a key
  bool is_active = false;
};

// How to change a provider's key when editing it.
enum class KeyChange { Keep, Replace, Remove };

// What the user is about to send.
struct ChatDraft {
  std::string incident_id;
  std::string provider;  // a provider name; empty: the active one
  std::string message;   // typed text, may be empty when only regenerating
  std::vector<std::string> log_ids;
  std::vector<std::string> image_ids;
  std::set<std::string> keeps;  // values the user chose to send unmasked
  // Send each log's pattern summary (templates with counts and times, variable parts masked)
  // instead of excerpts of its lines: far smaller, and says less about people.
  bool logs_as_patterns = false;
};

// One finding in the preview, with where it is: the toggles of the chat's "N findings will be
// masked" line.
struct PreviewFinding {
  std::string part;  // "message", "history", "system prompt", or the log / image name
  std::string pii_type;
  std::string value;        // as found (shown only here, on this machine)
  std::string placeholder;  // what the model will see instead
  bool kept = false;
};

struct ChatPreview {
  std::string provider;  // the provider's name
  std::string model;
  std::string host;
  std::string body;    // exactly the request body that would be sent
  std::string sha256;  // of body
  std::vector<PreviewFinding> findings;
  std::size_t masked = 0;
  std::map<std::string, std::int64_t> masked_by_type;
  std::vector<ChatAttachment> attachments;  // with what was cut from each log
  std::int64_t history_messages_dropped = 0;  // oldest turns left out to fit the context budget
};

// Streaming callbacks; both optional. Called on the sending thread.
struct ChatEvents {
  // The reply so far, placeholders restored, without the start of the 5-Whys block.
  std::function<void(std::string_view reply_so_far)> on_text;
  // Polled while the request runs; true cancels within 200 ms (what arrived is kept).
  std::function<bool()> cancelled;
};

struct ChatOutcome {
  std::string conversation_id;
  std::string user_message_id;
  ChatMessage reply;  // the stored assistant message
  WhyState why;       // after this reply
  bool why_advanced = false;
  bool root_cause_reached = false;  // this reply completed the 5 Whys
  std::string hint;   // non-empty when the reply had no usable 5-Whys block (why unchanged)
  std::string error;  // non-empty when the reply failed part-way (what arrived is kept, cut off)
  std::string audit_entry_id;
  std::string sent_sha256;
  std::map<std::string, std::int64_t> redacted;  // per PII type
};

struct ConnectionTest {
  bool ok = false;
  std::string message;  // "Connected: gpt-4o-mini answered in 420 ms" or the error
  std::int64_t millis = 0;
};

class AiService {
 public:
  AiService(ServiceContext& ctx, AiServiceDeps deps, SecretSealer sealer, net::OutboundGate& gate);
  ~AiService();

  // --- Providers. Changes are audited (never with the key).
  // `config.api_key` is the plaintext key (may be empty for kinds that need none); sealed here.
  ProviderSummary add_provider(const ai::ProviderConfig& config);
  // `name_or_id` names the provider to change; the key follows `key_change`.
  ProviderSummary update_provider(const std::string& name_or_id, const ai::ProviderConfig& config,
                                  KeyChange key_change = KeyChange::Keep);
  void remove_provider(const std::string& name_or_id);
  void use_provider(const std::string& name_or_id);
  std::vector<ProviderSummary> providers();
  ProviderSummary provider(const std::string& name_or_id);  // Error(NotFound)
  std::optional<ProviderSummary> active_provider();
  // Sends a one-line prompt through the gate (audited as "connection_test") and reports.
  ConnectionTest test_provider(const std::string& name_or_id, const std::function<bool()>& cancelled = {});

  // --- Conversations.
  std::vector<Conversation> conversations(const std::string& incident_id);
  // The conversation of this incident with this provider (empty: the active one), if any.
  std::optional<Conversation> conversation(const std::string& incident_id, const std::string& provider = {});
  std::vector<ChatMessage> messages(const std::string& conversation_id);

  // --- Chat. preview() does everything send() does up to the bytes leaving (a dry run).
  ChatPreview preview(const ChatDraft& draft);
  ChatOutcome send(const ChatDraft& draft, const ChatEvents& events = {});
  // Replaces the last reply of the conversation with a new one (the same request again).
  ChatOutcome regenerate(const std::string& conversation_id, const ChatEvents& events = {});

  // --- 5 Whys.
  WhyState why_state(const std::string& incident_id);
  // The user's own move, either way; moving back reopens the search for the root cause.
  WhyState set_why_level(const std::string& incident_id, int level);

  // --- Analyze logs: sends the logs' redacted text (excerpts within the context budget), or with
  // `logs_as_patterns` their pattern summaries (as ChatDraft::logs_as_patterns; the note of each
  // log in LogAnalysis::logs says the size saved), with the analysis prompt, and reads summary,
  // findings, first why and severity from the reply.
  LogAnalysis analyze(const std::string& incident_id, const std::vector<std::string>& log_ids,
                      const std::string& provider = {}, const ChatEvents& events = {}, bool logs_as_patterns = false);

  // The context budget in bytes of request text (setting "ai.context_budget_bytes").
  std::int64_t context_budget();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tftsr
