// tftsr chat INCIDENT MESSAGE | tftsr chat history INCIDENT | tftsr analyze INCIDENT --log ID... [--patterns]
// The reply streams to stdout as it arrives (placeholders restored here, the 5-Whys block kept
// out); --json prints one object at the end instead; --dry-run prints the request body the gate
// would let out and sends nothing. Ctrl+C stops a reply and keeps what arrived.
#include <iostream>
#include <iterator>

#include "app/cli/cli_support.h"
#include "core/error.h"

namespace tftsr::cli {

namespace {

struct ChatOptions {
  std::string incident, message, provider;
  std::vector<std::string> logs, images, keeps;
  bool dry_run = false;
  bool patterns = false;
};

// Prints the reply as it grows. A placeholder that is still open ("[Email_") is held back: once
// closed it is replaced by its value, so what was printed never has to change.
class ReplyPrinter {
 public:
  void grow(std::string_view so_far) {
    std::size_t safe = so_far.size();
    const std::size_t open = so_far.rfind('[');
    if (open != std::string_view::npos && so_far.find(']', open) == std::string_view::npos) safe = open;
    // Blank lines before the 5-Whys block are trimmed from the final text: hold them back.
    while (safe > 0 && (so_far[safe - 1] == '\n' || so_far[safe - 1] == ' ')) --safe;
    if (safe > printed_.size() && so_far.starts_with(printed_)) {
      std::cout << so_far.substr(printed_.size(), safe - printed_.size()) << std::flush;
      printed_.assign(so_far.substr(0, safe));
    }
  }
  void finish(const std::string& final_text) {
    if (final_text.starts_with(printed_)) std::cout << final_text.substr(printed_.size());
    std::cout << "\n" << std::flush;
  }

 private:
  std::string printed_;  // what is on the terminal already
};

nlohmann::json attachments_json(const std::vector<ChatAttachment>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : list)
    out.push_back({{"kind", a.kind}, {"id", a.id}, {"name", a.name}, {"bytes_sent", a.bytes_sent}, {"note", a.note}});
  return out;
}

nlohmann::json optional_json(const std::optional<std::int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

std::string read_message(const std::string& message) {
  if (message != "-") return message;
  return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
}

int run_chat(CliContext& ctx, const ChatOptions& o) {
  auto triage = open_store(ctx.options);
  ChatDraft draft{o.incident, o.provider, read_message(o.message), o.logs, o.images, {o.keeps.begin(), o.keeps.end()}};
  draft.logs_as_patterns = o.patterns;
  if (o.dry_run) {
    const ChatPreview p = triage->ai().preview(draft);
    if (ctx.options.json) {
      print_json({{"provider", p.provider},
                  {"model", p.model},
                  {"host", p.host},
                  {"body", p.body},
                  {"sha256", p.sha256},
                  {"masked", p.masked},
                  {"redacted", p.masked_by_type},
                  {"attachments", attachments_json(p.attachments)},
                  {"history_messages_dropped", p.history_messages_dropped}});
    } else {
      std::cout << p.body << "\n";
      std::cerr << "dry run: nothing was sent to " << p.host << " (" << p.masked << " value"
                << (p.masked == 1 ? "" : "s") << " masked)\n";
    }
    return kOk;
  }
  ReplyPrinter printer;
  ChatEvents events;
  events.cancelled = interrupt_check();
  if (!ctx.options.json) events.on_text = [&printer](std::string_view so_far) { printer.grow(so_far); };
  const ChatOutcome out = triage->ai().send(draft, events);
  if (ctx.options.json) {
    print_json({{"conversation_id", out.conversation_id},
                {"message_id", out.reply.id},
                {"reply", out.reply.text},
                {"why_level", out.why.level},
                {"root_cause", out.why.root_cause.empty() ? nlohmann::json() : nlohmann::json(out.why.root_cause)},
                {"sent_sha256", out.sent_sha256},
                {"redacted", out.redacted},
                {"cut_off", out.reply.cut_off},
                {"error", out.error.empty() ? nlohmann::json() : nlohmann::json(out.error)},
                {"hint", out.hint.empty() ? nlohmann::json() : nlohmann::json(out.hint)}});
  } else {
    printer.finish(out.reply.text);
    if (out.root_cause_reached)
      std::cerr << "Root cause found: " << out.why.root_cause << "\n";
    else if (out.why_advanced)
      std::cerr << "5 Whys: now at why " << out.why.level << "\n";
    if (!out.hint.empty()) std::cerr << "note: " << out.hint << "\n";
    if (!out.error.empty()) std::cerr << "tftsr: " << out.error << "\n";
  }
  if (events.cancelled()) return kInterrupted;
  return out.error.empty() ? kOk : kFailure;
}

int run_history(CliContext& ctx, const std::string& incident, const std::string& provider) {
  auto triage = open_store(ctx.options);
  triage->incidents().get(incident);  // NotFound for a wrong id
  std::vector<Conversation> conversations;
  if (provider.empty()) {
    conversations = triage->ai().conversations(incident);
  } else if (auto c = triage->ai().conversation(incident, provider)) {
    conversations.push_back(*c);
  }
  const WhyState why = triage->ai().why_state(incident);
  if (ctx.options.json) {
    nlohmann::json out = {{"why_level", why.level},
                          {"root_cause", why.root_cause.empty() ? nlohmann::json() : nlohmann::json(why.root_cause)},
                          {"conversations", nlohmann::json::array()}};
    for (const auto& c : conversations) {
      nlohmann::json messages = nlohmann::json::array();
      for (const auto& m : triage->ai().messages(c.id))
        messages.push_back({{"id", m.id},
                            {"role", m.role},
                            {"text", m.text},
                            {"sent_text", m.sent_text},
                            {"attachments", attachments_json(m.attachments)},
                            {"prompt_tokens", optional_json(m.prompt_tokens)},
                            {"completion_tokens", optional_json(m.completion_tokens)},
                            {"cut_off", m.cut_off},
                            {"created_at", m.created_at}});
      out["conversations"].push_back(
          {{"id", c.id}, {"provider", c.provider}, {"model", c.model}, {"created_at", c.created_at}, {"messages", messages}});
    }
    print_json(out);
    return kOk;
  }
  if (conversations.empty()) std::cout << "No conversation about this incident yet.\n";
  for (const auto& c : conversations) {
    std::cout << "== " << c.provider << " / " << c.model << " (since " << c.created_at << ")\n\n";
    for (const auto& m : triage->ai().messages(c.id)) {
      std::cout << (m.role == "user" ? "You" : "AI") << " (" << m.created_at << ")";
      if (m.completion_tokens) std::cout << " [" << *m.completion_tokens << " tokens]";
      if (m.cut_off) std::cout << " [cut off]";
      std::cout << ":\n" << m.text << "\n";
      for (const auto& a : m.attachments) std::cout << "  + " << a.kind << " " << a.name << " (" << a.note << ")\n";
      std::cout << "\n";
    }
  }
  std::cout << "5 Whys: " << (why.complete() ? "root cause: " + why.root_cause : "at why " + std::to_string(why.level))
            << "\n";
  return kOk;
}

int run_analyze(CliContext& ctx, const ChatOptions& o) {
  auto triage = open_store(ctx.options);
  ChatEvents events;
  events.cancelled = interrupt_check();
  const LogAnalysis a = triage->ai().analyze(o.incident, o.logs, o.provider, events, o.patterns);
  if (ctx.options.json) {
    print_json({{"summary", a.summary},
                {"findings", a.key_findings},
                {"first_why", a.first_why},
                {"severity", a.severity.empty() ? nlohmann::json() : nlohmann::json(a.severity)},
                {"conversation_id", a.conversation_id},
                {"message_id", a.message_id},
                {"logs", attachments_json(a.logs)},
                {"problem", a.problem.empty() ? nlohmann::json() : nlohmann::json(a.problem)}});
  } else {
    for (const auto& l : a.logs) std::cerr << "sent " << l.name << ": " << l.note << "\n";
    std::cout << "Summary:\n" << a.summary << "\n\nKey findings:\n";
    for (const auto& f : a.key_findings) std::cout << "- " << f << "\n";
    std::cout << "\nSeverity: " << (a.severity.empty() ? "-" : a.severity) << "\nFirst why: "
              << (a.first_why.empty() ? "-" : a.first_why) << "\n";
    if (!a.problem.empty()) std::cerr << "note: " << a.problem << "\n";
  }
  if (events.cancelled()) return kInterrupted;
  return kOk;
}

}  // namespace

void register_chat_commands(CLI::App& root, CliContext& ctx) {
  {
    auto* cmd = root.add_subcommand("chat", "Ask the AI about an incident (every byte passes the PII gate)");
    auto o = std::make_shared<ChatOptions>();
    cmd->add_option("INCIDENT", o->incident, "Incident id");
    cmd->add_option("MESSAGE", o->message, "The message (- reads it from standard input)");
    cmd->add_option("--provider", o->provider, "Provider name (default: the active one)");
    cmd->add_option("--log", o->logs, "Attach this log's redacted text (repeatable)");
    cmd->add_flag("--patterns", o->patterns,
                  "Send each attached log's pattern summary (templates with counts, variable parts masked) "
                  "instead of excerpts of its lines");
    cmd->add_option("--image", o->images, "Attach this acknowledged image, burned in (repeatable)");
    cmd->add_option("--keep", o->keeps, "Send this exact value unmasked (repeatable)");
    cmd->add_flag("--dry-run", o->dry_run, "Print the request body that would be sent; send nothing");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, o, cmd] {
      if (!cmd->get_subcommands().empty()) return;  // `chat history`
      ctx.action = [&ctx, o] {
        if (o->incident.empty() || o->message.empty())
          throw Error(ErrorKind::InvalidInput, "usage: tftsr chat INCIDENT MESSAGE (or tftsr chat history INCIDENT)");
        return run_chat(ctx, *o);
      };
    });
    auto* history = cmd->add_subcommand("history", "Show the conversations about an incident");
    auto incident = std::make_shared<std::string>();
    auto provider = std::make_shared<std::string>();
    history->add_option("INCIDENT", *incident, "Incident id")->required();
    history->add_option("--provider", *provider, "Only the conversation with this provider");
    add_common_options(*history, ctx);
    history->callback([&ctx, incident, provider] {
      ctx.action = [&ctx, incident, provider] { return run_history(ctx, *incident, *provider); };
    });
  }
  {
    auto* cmd = root.add_subcommand("analyze", "Ask the AI to analyze an incident's logs");
    auto o = std::make_shared<ChatOptions>();
    cmd->add_option("INCIDENT", o->incident, "Incident id")->required();
    cmd->add_option("--log", o->logs, "A log of the incident (repeatable)")->required();
    cmd->add_flag("--patterns", o->patterns,
                  "Send each log's pattern summary (templates with counts, variable parts masked) instead of "
                  "excerpts of its lines");
    cmd->add_option("--provider", o->provider, "Provider name (default: the active one)");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, o] {
      ctx.action = [&ctx, o] { return run_analyze(ctx, *o); };
    });
  }
}

}  // namespace tftsr::cli
