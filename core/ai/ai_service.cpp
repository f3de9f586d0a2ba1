#include "core/ai/ai_service.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <nlohmann/json.hpp>

#include "core/ai/chat_parts.h"
#include "core/ai/conversation_placeholder.h"
#include "core/ai/conversation_repository.h"
#include "core/ai/log_analysis_reply.h"
#include "core/ai/log_excerpt.h"
#include "core/ai/provider.h"
#include "core/ai/provider_repository.h"
#include "core/ai/structured_reply.h"
#include "core/ai/system_prompt.h"
#include "core/ai/why_progress.h"
#include "core/crypto/uuid.h"
#include "core/error.h"
#include "core/images/image_service.h"
#include "core/incidents/incident_service.h"
#include "core/journal/journal.h"
#include "core/logs/log_service.h"
#include "core/net/http_url.h"
#include "core/net/outbound_gate.h"
#include "core/service_context.h"
#include "core/settings/settings_service.h"
#include "core/store/database.h"
#include "core/store/step_repository.h"

namespace tftsr {

namespace {

constexpr const char* kBudgetSetting = "ai.context_budget_bytes";
// About 48k tokens: room for a useful excerpt on cloud models; local models with a small
// context want it lower (Settings).
constexpr std::int64_t kDefaultBudget = 192 * 1024;
constexpr std::int64_t kMinBudget = 4 * 1024;

// What was decided before the bytes leave; shared by preview, send, regenerate and analyze.
struct Exchange {
  ai::ProviderRecord record;
  std::unique_ptr<ai::Provider> provider;
  std::string incident_id;
  std::optional<Conversation> conversation;  // nullopt: made when the send is recorded
  std::string conversation_id;
  bool has_new_message = true;
  std::string replaced_reply_id;  // regenerate: the reply the new one replaces
  ai::ChatParts parts;
  std::unique_ptr<ai::ConversationPlaceholder> placeholder;
  std::set<std::string> keeps;
  std::string system_prompt;
  ai::ProviderRequest shape;  // the URL and headers; its body is never sent
};

std::string restore_display(const ai::ConversationPlaceholder& names, const std::string& reply) {
  return names.restore(ai::parse_structured_reply(reply).display_text);
}

}  // namespace

struct AiService::Impl {
  ServiceContext& ctx;
  AiServiceDeps deps;
  SecretSealer sealer;
  net::OutboundGate& gate;

  // --- providers

  static ai::ProviderRecord find_in(Database& db, const std::string& name_or_id) {
    ai::ProviderRepository repo(db);
    if (auto r = repo.get(name_or_id)) return *r;
    if (auto r = repo.find_by_name(name_or_id)) return *r;
    throw Error(ErrorKind::NotFound, "no AI provider named '" + name_or_id +
                                         "': the configured ones are listed by `tftsr ai provider list` and in "
                                         "Settings > AI providers");
  }

  ai::ProviderRecord find(const std::string& name_or_id) {
    ServiceLock lock(ctx.mutex);
    return find_in(ctx.db, name_or_id);
  }

  ai::ProviderRecord resolve(const std::string& name) {
    if (!name.empty()) return find(name);
    ServiceLock lock(ctx.mutex);
    if (auto r = ai::ProviderRepository(ctx.db).active()) return *r;
    throw Error(ErrorKind::InvalidInput,
                "no AI provider is active: add one with `tftsr ai provider add` or in Settings > AI providers, "
                "then make it active");
  }

  ProviderSummary summarize(const ai::ProviderRecord& r) {
    ProviderSummary s{r.id, r.config, !r.sealed_api_key.empty(), {}, r.is_active};
    s.config.api_key.clear();
    if (s.has_api_key) {
      try {
        s.masked_api_key = ai::masked_key(sealer.open(r.sealed_api_key));
      } catch (const Error&) {
        s.masked_api_key = "(sealed, cannot be opened)";
      }
    }
    return s;
  }

  std::unique_ptr<ai::Provider> live(const ai::ProviderRecord& r) {
    ai::ProviderConfig config = r.config;
    if (!r.sealed_api_key.empty()) config.api_key = sealer.open(r.sealed_api_key);
    return ai::make_provider(std::move(config));
  }

  static nlohmann::json audit_details(const ai::ProviderConfig& c) {
    return {{"name", c.name},
            {"kind", std::string(ai::kind_id(c.kind))},
            {"host", net::display_host(c.url)},
            {"model", c.model}};
  }

  // --- settings

  std::int64_t budget() {
    const auto text = deps.settings.get(kBudgetSetting);
    if (!text) return kDefaultBudget;
    try {
      return std::max(kMinBudget, static_cast<std::int64_t>(std::stoll(*text)));
    } catch (const std::exception&) {
      return kDefaultBudget;
    }
  }

  // --- conversations

  ChatMessage to_message(const ai::StoredMessage& m, const ai::ConversationPlaceholder& names) {
    ChatMessage out;
    out.id = m.id;
    out.conversation_id = m.conversation_id;
    out.role = m.role;
    const std::vector<ai::SentAttachment> attachments = ai::attachments_from_json(m.attachments_json);
    out.sent_text = m.role == "user" ? ai::render_user_turn(m.content, attachments) : m.content;
    out.text = m.role == "assistant" ? restore_display(names, m.content) : names.restore(m.content);
    for (const auto& a : attachments) out.attachments.push_back(a.info);
    out.prompt_tokens = m.prompt_tokens;
    out.completion_tokens = m.completion_tokens;
    out.cut_off = m.cut_off;
    out.created_at = m.created_at;
    return out;
  }

  // --- the exchange

  // Everything up to the gate: the provider, the conversation, the parts and their placeholders.
  Exchange begin(const std::string& incident_id, const std::string& provider_name, bool has_new_message,
                 const std::string& message, const std::vector<std::string>& log_ids, bool logs_as_patterns,
                 const std::vector<std::string>& image_ids, const std::set<std::string>& keeps,
                 const std::string& regenerate_conversation = {}) {
    Exchange x;
    x.incident_id = incident_id;
    x.has_new_message = has_new_message;
    const IncidentDetail incident = deps.incidents.get(incident_id);  // NotFound for a wrong id
    std::vector<ai::StoredMessage> history;
    std::vector<ai::PlaceholderRow> known;
    {
      ServiceLock lock(ctx.mutex);
      ai::ConversationRepository conversations(ctx.db);
      if (!regenerate_conversation.empty()) {
        x.conversation = conversations.get(regenerate_conversation);
        if (!x.conversation) throw Error(ErrorKind::NotFound, "no conversation with id " + regenerate_conversation);
        if (!x.conversation->provider_id)
          throw Error(ErrorKind::InvalidInput, "the provider of this conversation was removed: start a new one");
        auto r = ai::ProviderRepository(ctx.db).get(*x.conversation->provider_id);
        if (!r) throw Error(ErrorKind::InvalidInput, "the provider of this conversation was removed: start a new one");
        x.record = *r;
      } else {
        x.record = resolve(provider_name);
        x.conversation = conversations.find(incident_id, x.record.id, x.record.config.model);
      }
      if (x.conversation) {
        for (auto& m : conversations.messages(x.conversation->id)) {
          if (m.role == "system")
            x.system_prompt = m.content;
          else
            history.push_back(std::move(m));
        }
        known = conversations.placeholders(x.conversation->id);
        for (auto& v : conversations.kept_values(x.conversation->id)) x.keeps.insert(std::move(v));
      }
    }
    x.conversation_id = x.conversation ? x.conversation->id : uuid_v7();
    if (x.system_prompt.empty()) x.system_prompt = ai::system_prompt(incident.incident.category.value_or(""));
    if (!regenerate_conversation.empty()) {
      if (history.empty() || history.back().role != "assistant")
        throw Error(ErrorKind::InvalidInput, "there is no reply to regenerate in this conversation");
      x.replaced_reply_id = history.back().id;
      history.pop_back();
      if (history.empty() || history.back().role != "user")
        throw Error(ErrorKind::InvalidInput, "there is no message before the last reply to answer again");
    }
    if (has_new_message && message.find_first_not_of(" \t\r\n") == std::string::npos && log_ids.empty() &&
        image_ids.empty())
      throw Error(ErrorKind::InvalidInput, "the message is empty: type a question or attach a log or an image");
    x.provider = live(x.record);
    for (const auto& k : keeps) x.keeps.insert(k);

    const std::int64_t budget = this->budget();
    ai::ChatInput input;
    input.system_prompt = x.system_prompt;
    input.history = std::move(history);
    input.has_new_message = has_new_message;
    input.message = message;
    input.budget_bytes = budget;
    std::int64_t log_budget =
        log_ids.empty() ? 0
                        : ai::budget_for_logs(budget, input.system_prompt.size(), message.size(), !input.history.empty());
    for (std::size_t i = 0; i < log_ids.size(); ++i) {
      const LogFile log = deps.logs.get(log_ids[i]);
      if (log.issue_id != incident_id)
        throw Error(ErrorKind::InvalidInput, "the log " + log.file_name + " belongs to another incident");
      const bool redacted = log.redacted_blob.has_value();
      if (logs_as_patterns) {
        if (!deps.pattern_summary) throw Error(ErrorKind::Internal, "pattern summaries are not available");
        ai::LogToSend send{log.id, log.file_name, redacted, {}, deps.pattern_summary(log.id), log.text_size};
        log_budget -= static_cast<std::int64_t>(send.pattern_summary->size());
        input.logs.push_back(std::move(send));
        continue;
      }
      const std::int64_t share = std::max<std::int64_t>(0, log_budget / static_cast<std::int64_t>(log_ids.size() - i));
      ai::LogToSend send{log.id, log.file_name, redacted, excerpt_of(log, redacted, share), std::nullopt, log.text_size};
      log_budget -= send.excerpt.bytes_sent;
      if (redacted) {
        // Values the reviewer kept in the log stay kept when its redacted text is scanned again.
        // The store forgets the values once redactions are applied; a kept one is read back from
        // the redacted text, where it stands shifted by the replacements before it.
        std::int64_t shift = 0;
        deps.logs.for_each_finding(log.id, [&](const PiiSpan& f) {
          const std::int64_t length = f.end_offset - f.start_offset;
          if (f.action != "keep") {
            shift += static_cast<std::int64_t>(f.replacement.size()) - length;
            return;
          }
          // Only the kept values that are in what is sent matter.
          const std::int64_t at = f.start_offset + shift;
          for (const auto& piece : send.excerpt.pieces)
            if (at >= piece.offset && at + length <= piece.offset + static_cast<std::int64_t>(piece.text.size()))
              x.keeps.insert(piece.text.substr(static_cast<std::size_t>(at - piece.offset), static_cast<std::size_t>(length)));
        });
      }
      input.logs.push_back(std::move(send));
    }
    for (const auto& id : image_ids) {
      const ImageAttachment image = deps.images.get(id);
      if (image.issue_id != incident_id)
        throw Error(ErrorKind::InvalidInput, "the image " + image.file_name + " belongs to another incident");
      input.images.push_back({image.id, image.file_name});
    }
    x.parts = ai::lay_out_chat(input);
    x.placeholder = std::make_unique<ai::ConversationPlaceholder>(known);

    ai::ChatRequest probe;
    probe.turns.push_back({ai::ChatRole::User, ".", {}});
    x.shape = x.provider->build_request(probe);
    return x;
  }

  // The new user turn as it left, kept by the body builder for the record of the send.
  struct SentTurn {
    std::string message;
    std::vector<ai::SentAttachment> attachments;
  };

  // The excerpt of a log within `budget` bytes, read piece by piece: memory stays near the
  // budget whatever the log's size.
  ai::LogExcerpt excerpt_of(const LogFile& log, bool redacted, std::int64_t budget) {
    const std::int64_t size = redacted ? log.redacted_size.value_or(0) : log.text_size;
    if (size <= budget) return ai::select_excerpt(deps.logs.text(log.id, redacted), static_cast<std::size_t>(budget));
    constexpr std::int64_t kPiece = 4 << 20;
    ai::ExcerptBuilder builder(static_cast<std::size_t>(budget));
    std::string carry;  // the start of a line the last piece cut
    std::int64_t carry_at = 0;
    for (std::int64_t at = 0; at < size && !builder.full(); at += kPiece) {
      std::string piece = carry + deps.logs.text_range(log.id, redacted, at, std::min(kPiece, size - at));
      const std::int64_t base = carry_at;
      std::size_t from = 0;
      for (std::size_t nl = piece.find('\n'); nl != std::string::npos; nl = piece.find('\n', from)) {
        builder.add_line(base + static_cast<std::int64_t>(from), std::string_view(piece).substr(from, nl + 1 - from));
        from = nl + 1;
      }
      carry = piece.substr(from);
      carry_at = base + static_cast<std::int64_t>(from);
    }
    if (!carry.empty() && !builder.full()) builder.add_line(carry_at, carry);
    return builder.finish(builder.full() ? log.line_count : -1);
  }

  net::OutboundRequest outbound(Exchange& x, const std::string& action, SentTurn* sent_turn) {
    net::OutboundRequest request;
    request.target = {action, x.record.config.name, x.record.config.model, x.shape.method, x.shape.url};
    for (const auto& h : x.shape.headers) request.headers.add(h.name, h.value);
    request.parts = std::move(x.parts.parts);  // one request per exchange: the log text is not copied
    request.keeps = x.keeps;
    request.placeholder = x.placeholder.get();
    const ai::Provider* provider = x.provider.get();
    const ai::ChatParts* parts = &x.parts;
    const std::string conversation_id = x.conversation_id;
    request.build_body = [provider, parts, sent_turn, conversation_id](const std::vector<net::ClearedPart>& cleared) {
      if (sent_turn) *sent_turn = {parts->cleared_message(cleared), parts->cleared_attachments(cleared)};
      ai::ChatRequest chat = parts->assemble(cleared);
      chat.stream = true;
      chat.session_id = conversation_id;
      chat.user_id = "tftsr";
      return provider->build_request(chat).body;
    };
    request.options.idle_timeout_ms = 120000;  // a local model on a CPU can think for a while
    return request;
  }

  ChatPreview preview(Exchange& x) {
    net::OutboundRequest request = outbound(x, "ai_send", nullptr);
    net::PreparedSend p = gate.prepare(request);
    ChatPreview out;
    out.provider = x.record.config.name;
    out.model = x.record.config.model;
    out.host = p.host;
    out.body = std::move(p.body);
    out.sha256 = p.sha256;
    for (std::size_t i = 0; i < p.review.parts.size(); ++i)
      for (const auto& f : p.review.parts[i].findings)
        out.findings.push_back({x.parts.labels[i], std::string(pii::pii_type_name(f.type)), f.value, f.replacement, f.kept});
    out.masked = p.review.masked();
    out.masked_by_type = p.review.masked_by_type();
    out.attachments = x.parts.attachments;
    out.history_messages_dropped = x.parts.history_dropped;
    return out;
  }

  // Sends, streams the reply to `events`, stores it and moves the 5 Whys.
  ChatOutcome run(Exchange& x, const std::string& action, const ChatEvents& events) {
    SentTurn sent_turn;
    net::OutboundRequest request = outbound(x, action, &sent_turn);
    request.cancelled = events.cancelled;
    const std::string user_message_id = x.has_new_message ? uuid_v7() : std::string();
    bool recorded = false;
    // The audit entry is written before the bytes leave; the conversation is written once a
    // reply came back (what the send recorded is kept until then), so the request leaves without
    // waiting for a megabyte of excerpt and its placeholders to reach the disk, and a send that
    // got no reply leaves no message behind.
    std::string system_sent;
    std::set<std::string> kept;
    request.record = [&](Database&, const net::SendRecord& sent) {
      system_sent = sent.review.parts.at(0).text;
      for (const auto& part : sent.review.parts)
        for (const auto& f : part.findings)
          if (f.kept) kept.insert(f.value);
      recorded = true;
    };

    auto decoder = x.provider->stream_decoder();
    std::string failure;
    const auto sink = [&](std::string_view bytes) {
      try {
        if (decoder->feed(bytes).empty()) return true;
      } catch (const Error& e) {
        failure = e.what();
        return false;
      }
      if (events.on_text) {
        const std::string& so_far = decoder->text();
        events.on_text(x.placeholder->restore(std::string_view(so_far).substr(0, ai::displayable_length(so_far))));
      }
      return true;
    };

    net::SendResult result;
    bool cancelled = false;
    std::exception_ptr thrown;  // rethrown as it was (a NetworkError says what failed) when nothing came back
    try {
      result = gate.stream(request, sink);
      cancelled = result.response.cut_off == net::CutOff::Cancelled;
      if (failure.empty() && !cancelled) {
        decoder->finish();
      }
    } catch (const Error& e) {
      if (!recorded) throw;  // refused by the gate or failed before anything was written
      if (e.kind() == ErrorKind::Cancelled) cancelled = true; else failure = e.what();
      thrown = std::current_exception();
    }

    const std::string raw = decoder->text();
    if (raw.empty()) {
      // Nothing came back: nothing is stored, so sending again does not repeat the message. The
      // audit entry of the attempt stays.
      if (cancelled) throw Error(ErrorKind::Cancelled, "cancelled before the reply began");
      if (thrown) std::rethrow_exception(thrown);
      throw Error(ErrorKind::Network, failure.empty() ? x.provider->who() + " sent an empty reply" : failure);
    }

    ChatOutcome out;
    out.conversation_id = x.conversation_id;
    out.user_message_id = user_message_id;
    out.audit_entry_id = result.audit_entry_id;
    out.sent_sha256 = result.sha256;
    out.redacted = result.review.masked_by_type();
    out.error = cancelled ? "stopped: the reply was cut off where it was" : failure;
    const bool cut_off = cancelled || !failure.empty() || !decoder->complete();
    if (out.error.empty() && cut_off) out.error = "the reply ended before the provider said it was complete";

    ai::StoredMessage reply{uuid_v7(), x.conversation_id, "assistant", raw, {}, decoder->usage().prompt_tokens,
                            decoder->usage().completion_tokens, cut_off, utc_now_text()};
    const ai::StructuredReply structured = ai::parse_structured_reply(raw);
    {
      ServiceLock lock(ctx.mutex);
      Transaction tx(ctx.db);
      ai::ConversationRepository repo(ctx.db);
      const std::string now = utc_now_text();
      if (!x.conversation) {
        Conversation c{x.conversation_id, x.incident_id, x.record.id, x.record.config.name, x.record.config.model,
                       now, std::nullopt};
        repo.insert(c);
        repo.insert_message({uuid_v7(), c.id, "system", system_sent, {}, {}, {}, false, now});
        x.conversation = c;
      }
      if (x.has_new_message)
        repo.insert_message({user_message_id, x.conversation_id, "user", sent_turn.message,
                             ai::attachments_to_json(sent_turn.attachments), {}, {}, false, now});
      repo.insert_placeholders(x.conversation_id, x.placeholder->fresh());
      for (const auto& value : kept) repo.keep_value(x.conversation_id, value);
      // The reply a regenerated one replaces goes only now: a failed retry loses nothing.
      if (!x.replaced_reply_id.empty()) repo.remove_message(x.replaced_reply_id);
      repo.insert_message(reply);
      WhyState state = repo.why_state(x.incident_id).value_or(WhyState{});
      out.why = state;
      if (cut_off) {
        out.hint = "the reply was cut off, so the why level stays where it was";
      } else if (!structured.block) {
        out.hint = structured.problem;
      } else {
        apply_why(x.incident_id, *structured.block, state, out);
        repo.save_why_state(x.incident_id, state);
        out.why = state;
      }
      tx.commit();
    }
    out.reply = to_message(reply, *x.placeholder);
    return out;
  }

  // The model's block moves the level forward; an answered why becomes (or completes) a step.
  void apply_why(const std::string& incident_id, const ai::WhyBlock& block, WhyState& state, ChatOutcome& out) {
    ai::WhyProgress progress(state.level, state.root_cause);
    const ai::WhyUpdate update = progress.apply(block);
    if (update.ignored_backwards)
      out.hint = "the model named an earlier why; the level stays at " + std::to_string(state.level) +
                 " (move it back yourself if that is right)";
    if (update.answered && !update.answered->question.empty()) {
      StepRepository steps(ctx.db);
      std::optional<ResolutionStep> existing;
      for (auto& s : steps.for_issue(incident_id))
        if (s.step_order == update.answered->level) existing = s;
      if (existing) {
        existing->answer = update.answered->answer;
        if (!existing->evidence) existing->evidence = "From the AI conversation";
        steps.update(*existing);
        ctx.journal.event(incident_id, "step_updated",
                          "Why " + std::to_string(existing->step_order) + " answered: " + update.answered->answer);
      } else {
        ResolutionStep s{uuid_v7(), incident_id, update.answered->level, update.answered->question,
                         update.answered->answer, std::string("From the AI conversation"), utc_now_text()};
        steps.insert(s);
        ctx.journal.event(incident_id, "step_added",
                          "Why " + std::to_string(s.step_order) + ": " + s.why_question + " — " + *s.answer);
      }
    }
    if (update.root_cause_reached) {
      ctx.journal.event(incident_id, "root_cause_found", "Root cause: " + progress.root_cause(),
                        nlohmann::json{{"why_level", progress.level()}}.dump());
      out.root_cause_reached = true;
    }
    out.why_advanced = update.level_changed;
    state.level = progress.level();
    state.root_cause = progress.root_cause();
  }
};

AiService::AiService(ServiceContext& ctx, AiServiceDeps deps, SecretSealer sealer, net::OutboundGate& gate)
    : impl_(std::make_unique<Impl>(Impl{ctx, deps, std::move(sealer), gate})) {}
AiService::~AiService() = default;

// --- providers

ProviderSummary AiService::add_provider(const ai::ProviderConfig& config) {
  ai::validate(config);
  const std::string sealed = config.api_key.empty() ? std::string() : impl_->sealer.seal(config.api_key);
  ai::ProviderConfig stored = config;
  stored.api_key.clear();
  ServiceLock lock(impl_->ctx.mutex);
  Transaction tx(impl_->ctx.db);
  ai::ProviderRepository repo(impl_->ctx.db);
  const std::string id = repo.add(stored, sealed);
  if (!repo.active()) repo.set_active(id);  // the first provider is the one used
  impl_->ctx.journal.audit("ai_provider_added", "ai_provider", id, Impl::audit_details(stored).dump());
  tx.commit();
  return impl_->summarize(*repo.get(id));
}

ProviderSummary AiService::update_provider(const std::string& name_or_id, const ai::ProviderConfig& config,
                                           KeyChange key_change) {
  const ai::ProviderRecord before = impl_->find(name_or_id);
  std::string sealed = before.sealed_api_key;
  if (key_change == KeyChange::Remove) sealed.clear();
  if (key_change == KeyChange::Replace) {
    ai::validate(config);
    sealed = config.api_key.empty() ? std::string() : impl_->sealer.seal(config.api_key);
  }
  ai::ProviderConfig stored = config;
  stored.api_key.clear();
  ServiceLock lock(impl_->ctx.mutex);
  Transaction tx(impl_->ctx.db);
  ai::ProviderRepository repo(impl_->ctx.db);
  repo.update(before.id, stored, sealed);
  nlohmann::json details = Impl::audit_details(stored);
  details["key"] = key_change == KeyChange::Keep ? "kept" : key_change == KeyChange::Replace ? "replaced" : "removed";
  impl_->ctx.journal.audit("ai_provider_updated", "ai_provider", before.id, details.dump());
  tx.commit();
  return impl_->summarize(*repo.get(before.id));
}

void AiService::remove_provider(const std::string& name_or_id) {
  const ai::ProviderRecord r = impl_->find(name_or_id);
  ServiceLock lock(impl_->ctx.mutex);
  Transaction tx(impl_->ctx.db);
  ai::ProviderRepository(impl_->ctx.db).remove(r.id);
  impl_->ctx.journal.audit("ai_provider_removed", "ai_provider", r.id, Impl::audit_details(r.config).dump());
  tx.commit();
}

void AiService::use_provider(const std::string& name_or_id) {
  const ai::ProviderRecord r = impl_->find(name_or_id);
  ServiceLock lock(impl_->ctx.mutex);
  Transaction tx(impl_->ctx.db);
  ai::ProviderRepository(impl_->ctx.db).set_active(r.id);
  impl_->ctx.journal.audit("ai_provider_activated", "ai_provider", r.id, Impl::audit_details(r.config).dump());
  tx.commit();
}

std::vector<ProviderSummary> AiService::providers() {
  const std::vector<ai::ProviderRecord> records =
      read_committed(impl_->ctx, [](Database& db) { return ai::ProviderRepository(db).list(); });
  std::vector<ProviderSummary> out;
  for (const auto& r : records) out.push_back(impl_->summarize(r));
  return out;
}

ProviderSummary AiService::provider(const std::string& name_or_id) { return impl_->summarize(impl_->find(name_or_id)); }

std::optional<ProviderSummary> AiService::active_provider() {
  const std::optional<ai::ProviderRecord> r =
      read_committed(impl_->ctx, [](Database& db) { return ai::ProviderRepository(db).active(); });
  if (!r) return std::nullopt;
  return impl_->summarize(*r);
}

ConnectionTest AiService::test_provider(const std::string& name_or_id, const std::function<bool()>& cancelled) {
  ConnectionTest out;
  const auto started = std::chrono::steady_clock::now();
  try {
    const ai::ProviderRecord r = impl_->find(name_or_id);
    auto provider = impl_->live(r);
    ai::ChatRequest probe;
    probe.turns.push_back({ai::ChatRole::User, ".", {}});
    probe.stream = false;
    const ai::ProviderRequest shape = provider->build_request(probe);
    net::OutboundRequest request;
    request.target = {"connection_test", r.config.name, r.config.model, shape.method, shape.url};
    for (const auto& h : shape.headers) request.headers.add(h.name, h.value);
    request.parts = {net::BodyPart::typed("This is a connection test. Reply with the single word: OK")};
    request.build_body = [&](const std::vector<net::ClearedPart>& cleared) {
      ai::ChatRequest chat;
      chat.turns.push_back({ai::ChatRole::User, cleared.at(0).text, {}});
      chat.stream = false;
      return provider->build_request(chat).body;
    };
    request.options.max_retries = 0;
    request.options.connect_timeout_ms = 10000;
    request.options.idle_timeout_ms = 60000;
    request.cancelled = cancelled;
    const net::SendResult sent = impl_->gate.send(request);
    const ai::ProviderReply reply = provider->parse_reply(sent.response.body);
    out.millis = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    out.ok = true;
    out.message = "Connected: " + r.config.model + " answered in " + std::to_string(out.millis) + " ms";
  } catch (const Error& e) {
    out.millis = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    out.ok = false;
    out.message = e.what();
  }
  return out;
}

// --- conversations

std::vector<Conversation> AiService::conversations(const std::string& incident_id) {
  return read_committed(impl_->ctx,
                        [&](Database& db) { return ai::ConversationRepository(db).for_incident(incident_id); });
}

std::optional<Conversation> AiService::conversation(const std::string& incident_id, const std::string& provider) {
  return read_committed(impl_->ctx, [&](Database& db) -> std::optional<Conversation> {
    const std::optional<ai::ProviderRecord> r =
        provider.empty() ? ai::ProviderRepository(db).active() : Impl::find_in(db, provider);
    if (!r) return std::nullopt;
    return ai::ConversationRepository(db).find(incident_id, r->id, r->config.model);
  });
}

std::vector<ChatMessage> AiService::messages(const std::string& conversation_id) {
  struct Stored {
    std::vector<ai::StoredMessage> messages;
    std::vector<ai::PlaceholderRow> known;
  };
  const Stored stored = read_committed(impl_->ctx, [&](Database& db) {
    ai::ConversationRepository repo(db);
    if (!repo.get(conversation_id)) throw Error(ErrorKind::NotFound, "no conversation with id " + conversation_id);
    return Stored{repo.messages(conversation_id), repo.placeholders(conversation_id)};
  });
  const ai::ConversationPlaceholder names(stored.known);
  std::vector<ChatMessage> out;
  for (const auto& m : stored.messages)
    if (m.role != "system") out.push_back(impl_->to_message(m, names));
  return out;
}

// --- chat

ChatPreview AiService::preview(const ChatDraft& d) {
  Exchange x = impl_->begin(d.incident_id, d.provider, true, d.message, d.log_ids, d.logs_as_patterns, d.image_ids, d.keeps);
  return impl_->preview(x);
}

ChatOutcome AiService::send(const ChatDraft& d, const ChatEvents& events) {
  Exchange x = impl_->begin(d.incident_id, d.provider, true, d.message, d.log_ids, d.logs_as_patterns, d.image_ids, d.keeps);
  return impl_->run(x, "ai_send", events);
}

ChatOutcome AiService::regenerate(const std::string& conversation_id, const ChatEvents& events) {
  std::string incident_id;
  {
    ServiceLock lock(impl_->ctx.mutex);
    auto c = ai::ConversationRepository(impl_->ctx.db).get(conversation_id);
    if (!c) throw Error(ErrorKind::NotFound, "no conversation with id " + conversation_id);
    incident_id = c->issue_id;
  }
  Exchange x = impl_->begin(incident_id, {}, false, {}, {}, false, {}, {}, conversation_id);
  return impl_->run(x, "ai_send", events);
}

// --- 5 Whys

WhyState AiService::why_state(const std::string& incident_id) {
  impl_->deps.incidents.get(incident_id);
  return read_committed(impl_->ctx, [&](Database& db) {
    return ai::ConversationRepository(db).why_state(incident_id).value_or(WhyState{});
  });
}

WhyState AiService::set_why_level(const std::string& incident_id, int level) {
  impl_->deps.incidents.get(incident_id);
  ServiceLock lock(impl_->ctx.mutex);
  Transaction tx(impl_->ctx.db);
  ai::ConversationRepository repo(impl_->ctx.db);
  WhyState state = repo.why_state(incident_id).value_or(WhyState{});
  ai::WhyProgress progress(state.level, state.root_cause);
  progress.set_level(level);
  const bool reopened = !state.root_cause.empty() && progress.root_cause().empty();
  state = {progress.level(), progress.root_cause()};
  repo.save_why_state(incident_id, state);
  impl_->ctx.journal.event(incident_id, "why_level_set",
                           "5 Whys moved to why " + std::to_string(level) + (reopened ? "; root cause reopened" : ""));
  tx.commit();
  return state;
}

// --- analyze

LogAnalysis AiService::analyze(const std::string& incident_id, const std::vector<std::string>& log_ids,
                               const std::string& provider, const ChatEvents& events, bool logs_as_patterns) {
  if (log_ids.empty()) throw Error(ErrorKind::InvalidInput, "pick at least one log to analyze");
  Exchange x = impl_->begin(incident_id, provider, true, std::string(ai::log_analysis_request()), log_ids,
                            logs_as_patterns, {}, {});
  const std::vector<ChatAttachment> sent = x.parts.attachments;
  ChatOutcome outcome = impl_->run(x, "ai_analyze", events);
  const ai::AnalysisReply reply = ai::parse_analysis_reply(outcome.reply.sent_text);
  LogAnalysis out;
  const ai::ConversationPlaceholder& names = *x.placeholder;
  out.summary = names.restore(reply.summary);
  for (const auto& f : reply.key_findings) out.key_findings.push_back(names.restore(f));
  out.first_why = names.restore(reply.first_why);
  out.severity = reply.severity;
  out.conversation_id = outcome.conversation_id;
  out.message_id = outcome.reply.id;
  out.logs = sent;
  out.problem = outcome.error.empty() ? reply.problem : outcome.error;
  return out;
}

std::int64_t AiService::context_budget() { return impl_->budget(); }

}  // namespace tftsr
