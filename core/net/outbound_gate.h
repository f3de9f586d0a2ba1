#pragma once
// The one door out of the process. Every request to a remote service (AI providers, later the
// integrations) passes here: each text part is scanned for personal data and secrets and the
// findings are masked unless the user kept them on purpose, images leave only as their burned-in
// rendition and only once acknowledged, log excerpts only as redacted text; then one audit entry
// (with the SHA-256 of exactly the bytes sent) is written in the same transaction that records the
// send, and only then are those bytes sent. The HTTP client can only be made here.
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/net/gate_sources.h"
#include "core/net/http_client.h"
#include "core/net/http_message.h"
#include "core/net/placeholder.h"
#include "core/pii/pii_type.h"

namespace tftsr::net {

enum class PartKind {
  TypedText,
  LogExcerpt,       // a piece of a log's redacted text
  UnreviewedLog,    // a piece of a log whose redactions were never applied: every finding masked
  Image,
};

// One piece of what the caller wants to send, tagged with where it came from.
struct BodyPart {
  PartKind kind = PartKind::TypedText;
  std::string text;       // the typed text, or the log excerpt as the core gave it; empty for an image
  std::string source_id;  // the log id or the image id
  std::int64_t offset = -1;  // where a log piece starts in its text; -1: somewhere (searched)

  static BodyPart typed(std::string text) { return {PartKind::TypedText, std::move(text), {}, -1}; }
  static BodyPart log_excerpt(std::string log_id, std::string text, std::int64_t offset = -1) {
    return {PartKind::LogExcerpt, std::move(text), std::move(log_id), offset};
  }
  // The user's decisions on such a log do not count yet: keeps are ignored for it.
  static BodyPart unreviewed_log(std::string log_id, std::string text, std::int64_t offset) {
    return {PartKind::UnreviewedLog, std::move(text), std::move(log_id), offset};
  }
  static BodyPart image(std::string image_id) { return {PartKind::Image, {}, std::move(image_id), -1}; }
};

// Where a request goes and why; goes into the audit entry (the URL only as its host).
struct SendTarget {
  std::string action;   // "ai_send", "connection_test", ...
  std::string service;  // the provider or integration, as the user named it
  std::string model;    // empty when there is none
  std::string method = "POST";
  std::string url;
};

struct ReviewedFinding {
  pii::PiiType type;
  std::size_t start = 0;  // byte range in the part's original text
  std::size_t end = 0;
  std::string value;
  std::string replacement;  // what is sent instead, unless kept
  bool kept = false;        // the user chose to send the value as it is
};

struct PartReview {
  std::vector<ReviewedFinding> findings;
  std::string text;  // as it will be sent; empty for an image
};

// The gate's verdict on a request's parts, one PartReview per part in order: what the preview
// shows ("N findings will be masked") and what send() uses.
struct Review {
  std::vector<PartReview> parts;
  std::size_t masked() const;
  std::map<std::string, std::int64_t> masked_by_type() const;  // "Email" -> 2
  std::map<std::string, std::int64_t> kept_by_type() const;
};

// A part as it may leave: text with the findings masked, an image as its burned-in PNG.
struct ClearedPart {
  PartKind kind = PartKind::TypedText;
  std::string source_id;
  std::string text;
  std::string png;  // images only
};

// Builds the request body (a provider's JSON) from the cleared parts only.
using BodyBuilder = std::function<std::string(const std::vector<ClearedPart>& parts)>;

struct SendRecord {
  std::string audit_entry_id;
  std::string sha256;     // of `body`
  std::string_view body;  // exactly the bytes that will be sent
  const Review& review;
};
// Runs inside the audit entry's transaction, under the store's lock (store the message here).
// Throwing cancels the send: neither the record nor the audit entry is kept, nothing is sent.
using SendRecorder = std::function<void(Database& db, const SendRecord& record)>;

struct OutboundRequest {
  SendTarget target;
  HttpHeaders headers;          // secrets (API keys) belong here: never scanned, never audited
  std::vector<BodyPart> parts;
  std::set<std::string> keeps;  // values the user explicitly chose to send unmasked
  const Placeholder* placeholder = nullptr;  // nullptr: "[Email]" type tags
  BodyBuilder build_body;       // required
  // For text that travels in the URL (a search query): the URL built from the cleared parts,
  // used instead of target.url and audited by its SHA-256 (the body alone would say nothing).
  std::function<std::string(const std::vector<ClearedPart>&)> build_url;
  SendRecorder record;          // optional
  HttpOptions options;
  CancelCheck cancelled;
};

// What would be sent: the checks passed, the body built; nothing written, nothing sent.
struct PreparedSend {
  Review review;
  std::string url;  // target.url, or what build_url made
  std::string body;
  std::string sha256;
  std::string host;
};

struct SendResult {
  std::string audit_entry_id;
  std::string sha256;  // of the body sent
  std::int64_t body_size = 0;
  Review review;
  HttpResponse response;  // response.cut_off tells a reply that was cancelled part-way
};

class OutboundGate {
 public:
  explicit OutboundGate(GateSources sources);
  OutboundGate(const OutboundGate&) = delete;
  OutboundGate& operator=(const OutboundGate&) = delete;

  // Scans every text part (typed text and log excerpts); images have no text findings.
  Review review(const std::vector<BodyPart>& parts, const std::set<std::string>& keeps,
                const Placeholder* placeholder = nullptr) const;

  // Checks and builds, as send() would, without writing or sending anything (a dry run).
  // Throws Error(InvalidInput) for an unacknowledged image, a log excerpt that is not the log's
  // redacted text, or an unreviewed-log piece that is not the log's text.
  PreparedSend prepare(const OutboundRequest& request) const;

  // prepare(), then the audit entry and request.record in one transaction, then the bytes go out.
  // The whole reply is returned in response.body.
  SendResult send(const OutboundRequest& request);
  // The same, with a 2xx reply's body handed to `sink` as it arrives.
  SendResult stream(const OutboundRequest& request, const ChunkSink& sink);

 private:
  SendResult deliver(const OutboundRequest& request, const ChunkSink* sink);
  void check_sendable(const std::vector<BodyPart>& parts) const;

  GateSources sources_;
  HttpClient client_;
};

}  // namespace tftsr::net
