#include "core/net/outbound_gate.h"

#include <nlohmann/json.hpp>

#include "core/audit/audit_log.h"
#include "core/crypto/sha256.h"
#include "core/error.h"
#include "core/net/http_url.h"
#include "core/pii/detector.h"
#include "core/store/database.h"

namespace tftsr::net {

namespace {
const TypeTagPlaceholder kTypeTags;

std::map<std::string, std::int64_t> count_by_type(const Review& r, bool kept) {
  std::map<std::string, std::int64_t> out;
  for (const auto& p : r.parts)
    for (const auto& f : p.findings)
      if (f.kept == kept) ++out[std::string(pii::pii_type_name(f.type))];
  return out;
}
}  // namespace

std::size_t Review::masked() const {
  std::size_t n = 0;
  for (const auto& p : parts)
    for (const auto& f : p.findings) n += !f.kept;
  return n;
}

std::map<std::string, std::int64_t> Review::masked_by_type() const { return count_by_type(*this, false); }
std::map<std::string, std::int64_t> Review::kept_by_type() const { return count_by_type(*this, true); }

OutboundGate::OutboundGate(GateSources sources) : sources_(std::move(sources)) {
  if (!sources_.database || !sources_.mutex || !sources_.detector || !sources_.image || !sources_.image_png ||
      !sources_.log_excerpt || !sources_.unreviewed_log || !sources_.log_name)
    throw Error(ErrorKind::Internal, "the outbound gate was built without all of its sources");
}

Review OutboundGate::review(const std::vector<BodyPart>& parts, const std::set<std::string>& keeps,
                            const Placeholder* placeholder) const {
  const Placeholder& names = placeholder ? *placeholder : kTypeTags;
  auto detector = sources_.detector();
  Review r;
  r.parts.reserve(parts.size());
  for (const auto& part : parts) {
    PartReview pr;
    if (part.kind == PartKind::Image) {
      r.parts.push_back(std::move(pr));
      continue;
    }
    std::size_t at = 0;
    pr.text.reserve(part.text.size());
    for (const auto& f : detector->scan(part.text)) {
      ReviewedFinding rf{f.type, f.start, f.end, part.text.substr(f.start, f.length()), {}, false};
      rf.kept = part.kind != PartKind::UnreviewedLog && keeps.count(rf.value) > 0;
      rf.replacement = names.replacement(f.type, rf.value);
      pr.text.append(part.text, at, f.start - at);
      pr.text += rf.kept ? rf.value : rf.replacement;
      at = f.end;
      pr.findings.push_back(std::move(rf));
    }
    pr.text.append(part.text, at, std::string::npos);
    r.parts.push_back(std::move(pr));
  }
  return r;
}

void OutboundGate::check_sendable(const std::vector<BodyPart>& parts) const {
  for (const auto& part : parts) {
    if (part.kind == PartKind::Image) {
      ImageForSending i = sources_.image(part.source_id);
      if (!i.acknowledged)
        throw Error(ErrorKind::InvalidInput,
                    "the image " + i.file_name +
                        " has not been reviewed: check it for personal data, add redaction boxes where needed, and "
                        "acknowledge the privacy warning before sending it");
    } else if (part.kind == PartKind::LogExcerpt) {
      switch (sources_.log_excerpt(part.source_id, part.offset, part.text)) {
        case LogExcerptState::RedactedText:
          break;
        case LogExcerptState::LogNotRedacted:
          throw Error(ErrorKind::InvalidInput, "the log " + sources_.log_name(part.source_id) +
                                                   " has not been redacted: review its findings and apply "
                                                   "redactions first (only a log's redacted text can be sent)");
        case LogExcerptState::NotRedactedText:
          throw Error(ErrorKind::InvalidInput, "this excerpt of the log " + sources_.log_name(part.source_id) +
                                                   " is not part of its redacted text: only redacted text can be sent");
      }
    } else if (part.kind == PartKind::UnreviewedLog) {
      if (!sources_.unreviewed_log(part.source_id, part.offset, part.text))
        throw Error(ErrorKind::InvalidInput, "this piece of the log " + sources_.log_name(part.source_id) +
                                                 " is not its unreviewed text at the offset given");
    }
  }
}

PreparedSend OutboundGate::prepare(const OutboundRequest& request) const {
  if (request.target.action.empty()) throw Error(ErrorKind::Internal, "an outbound request needs an action name");
  if (!request.build_body) throw Error(ErrorKind::Internal, "an outbound request needs a body builder");
  parse_http_url(request.target.url);
  check_sendable(request.parts);  // before anything is scanned, written or sent

  PreparedSend p;
  p.review = review(request.parts, request.keeps, request.placeholder);
  std::vector<ClearedPart> cleared;
  cleared.reserve(request.parts.size());
  for (std::size_t i = 0; i < request.parts.size(); ++i) {
    const BodyPart& part = request.parts[i];
    ClearedPart c{part.kind, part.source_id, p.review.parts[i].text, {}};
    if (part.kind == PartKind::Image) c.png = sources_.image_png(part.source_id);
    cleared.push_back(std::move(c));
  }
  p.url = request.build_url ? request.build_url(cleared) : request.target.url;
  p.host = parse_http_url(p.url).host;
  p.body = request.build_body(cleared);
  p.sha256 = sha256_hex(p.body);
  return p;
}

SendResult OutboundGate::send(const OutboundRequest& request) { return deliver(request, nullptr); }

SendResult OutboundGate::stream(const OutboundRequest& request, const ChunkSink& sink) {
  if (!sink) throw Error(ErrorKind::Internal, "a streamed send needs a sink");
  return deliver(request, &sink);
}

SendResult OutboundGate::deliver(const OutboundRequest& request, const ChunkSink* sink) {
  PreparedSend p = prepare(request);

  nlohmann::json logs = nlohmann::json::array(), images = nlohmann::json::array();
  for (const auto& part : request.parts) {
    const bool log = part.kind == PartKind::LogExcerpt || part.kind == PartKind::UnreviewedLog;
    if (log && !logs.contains(part.source_id)) logs.push_back(part.source_id);
    if (part.kind == PartKind::Image && !images.contains(part.source_id)) images.push_back(part.source_id);
  }
  // Never the headers (they carry the keys) and never the full URL (a query may carry one).
  nlohmann::json details = {{"target_host", p.host},
                            {"service", request.target.service},
                            {"model", request.target.model},
                            {"sha256", p.sha256},
                            {"bytes", p.body.size()},
                            {"log_ids", logs},
                            {"image_ids", images},
                            {"redacted", p.review.masked_by_type()},
                            {"kept", p.review.kept_by_type()}};
  if (request.build_url) details["url_sha256"] = sha256_hex(p.url);

  SendResult result;
  {
    std::lock_guard<std::recursive_mutex> lock(*sources_.mutex);
    Transaction tx(*sources_.database);
    AuditEntry entry = AuditLog(*sources_.database)
                           .append(request.target.action, "outbound", request.target.service, details.dump());
    if (request.record) request.record(*sources_.database, SendRecord{entry.id, p.sha256, p.body, p.review});
    tx.commit();
    result.audit_entry_id = entry.id;
  }

  HttpRequest http{request.target.method, p.url, request.headers, std::move(p.body)};
  result.sha256 = p.sha256;
  result.body_size = static_cast<std::int64_t>(http.body.size());
  result.review = std::move(p.review);
  result.response = sink ? client_.stream(http, *sink, request.options, request.cancelled)
                         : client_.send(http, request.options, request.cancelled);
  return result;
}

}  // namespace tftsr::net
