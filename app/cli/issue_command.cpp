// tftsr issue new|list|show|update|delete|search
#include <iostream>

#include "app/cli/cli_support.h"
#include "app/cli/progress_bar.h"
#include "core/store/records_json.h"

namespace tftsr::cli {

namespace {
void print_incidents(const std::vector<Incident>& issues, bool json) {
  if (json) return print_json(issues);
  std::vector<std::vector<std::string>> rows;
  for (const auto& i : issues)
    rows.push_back({i.id, i.severity, i.status, or_dash(i.category), i.updated_at, i.title});
  print_table({"ID", "SEV", "STATUS", "DOMAIN", "UPDATED", "TITLE"}, rows);
}

void print_detail(const IncidentDetail& d, bool json) {
  if (json) return print_json(d);
  const Incident& i = d.incident;
  print_table({"FIELD", "VALUE"}, {{"id", i.id},
                                   {"title", i.title},
                                   {"severity", i.severity},
                                   {"status", i.status},
                                   {"category", or_dash(i.category)},
                                   {"created_at", i.created_at},
                                   {"updated_at", i.updated_at},
                                   {"resolved_at", or_dash(i.resolved_at)}});
  if (i.description) std::cout << "\n" << *i.description << "\n";
  std::cout << "\n5-Whys (" << d.resolution_steps.size() << "/5)\n";
  std::vector<std::vector<std::string>> steps;
  for (const auto& s : d.resolution_steps)
    steps.push_back({std::to_string(s.step_order), s.id, s.why_question, or_dash(s.answer)});
  if (!steps.empty()) print_table({"#", "STEP ID", "QUESTION", "ANSWER"}, steps);
  std::cout << "\nTimeline\n";
  std::vector<std::vector<std::string>> events;
  for (const auto& e : d.timeline) events.push_back({e.created_at, e.event_type, e.summary});
  print_table({"WHEN (UTC)", "EVENT", "SUMMARY"}, events);
}

nlohmann::json automatic_tickets_json(const std::vector<integrations::AutomaticTicket>& tickets) {
  auto out = nlohmann::json::array();
  for (const auto& t : tickets) {
    nlohmann::json j{{"service", integrations::service_id(t.service)}};
    if (t.created) {
      j["id"] = t.created->ticket.id;
      j["key"] = t.created->ticket.key;
      j["url"] = t.created->ticket.url;
    } else {
      j["error"] = t.error;
    }
    out.push_back(std::move(j));
  }
  return out;
}

// Created tickets on stdout; failures on stderr, since the incident itself was created.
void print_automatic_tickets(const std::vector<integrations::AutomaticTicket>& tickets) {
  for (const auto& t : tickets) {
    if (t.created)
      std::cout << integrations::service_name(t.service) << " ticket " << t.created->ticket.key
                << " created: " << t.created->ticket.url << "\n";
    else
      std::cerr << "no " << integrations::service_name(t.service) << " ticket was created: " << t.error << "\n";
  }
}

const std::vector<std::string> kSeverityList = {"P1", "P2", "P3", "P4"};
const std::vector<std::string> kStatusList = {"open", "investigating", "resolved", "closed"};
}  // namespace

void register_issue_commands(CLI::App& root, CliContext& ctx) {
  auto* issue = root.add_subcommand("issue", "Create, list, show, change, delete and search incidents");
  issue->require_subcommand(1);

  {
    auto* cmd = issue->add_subcommand("new", "Create an incident and print it");
    auto in = std::make_shared<NewIncident>();
    auto category = std::make_shared<std::string>();
    auto description = std::make_shared<std::string>();
    cmd->add_option("--title", in->title, "Title")->required();
    cmd->add_option("--severity", in->severity, "P1 (critical) to P4 (low)")->required()->check(CLI::IsMember(kSeverityList));
    cmd->add_option("--category", *category, "Domain, e.g. linux, kubernetes, databases");
    cmd->add_option("--description", *description, "Description");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, in, category, description] {
      ctx.action = [&ctx, in, category, description] {
        if (!category->empty()) in->category = *category;
        if (!description->empty()) in->description = *description;
        auto t = open_store(ctx.options);
        Incident created = t->incidents().create(*in);
        if (!ctx.options.json) {
          print_incidents({created}, false);
          std::cout.flush();  // shown before any ticket is tried
        }
        // Services set to auto-create get their ticket now; the incident stands whatever they answer
        // (a failure goes to stderr and `tickets[].error`, the exit code stays 0).
        std::vector<integrations::AutomaticTicket> tickets;
        if (t->integrations().creates_tickets_automatically())
          tickets = t->integrations().create_automatic_tickets(created.id, stderr_progress(false, true));
        if (ctx.options.json) {
          nlohmann::json out = created;
          if (!tickets.empty()) out["tickets"] = automatic_tickets_json(tickets);
          print_json(out);
        } else {
          print_automatic_tickets(tickets);
        }
        return kOk;
      };
    });
  }
  {
    auto* cmd = issue->add_subcommand("list", "List incidents, most recently updated first");
    auto f = std::make_shared<IncidentFilter>();
    auto status = std::make_shared<std::string>();
    auto severity = std::make_shared<std::string>();
    auto category = std::make_shared<std::string>();
    cmd->add_option("--status", *status, "open, investigating, resolved or closed")->check(CLI::IsMember(kStatusList));
    cmd->add_option("--severity", *severity, "P1..P4")->check(CLI::IsMember(kSeverityList));
    cmd->add_option("--category", *category, "Domain");
    cmd->add_option("--limit", f->limit, "At most this many (default 100, 0 for all)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--offset", f->offset, "Skip this many")->check(CLI::NonNegativeNumber);
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, f, status, severity, category] {
      ctx.action = [&ctx, f, status, severity, category] {
        if (!status->empty()) f->status = *status;
        if (!severity->empty()) f->severity = *severity;
        if (!category->empty()) f->category = *category;
        print_incidents(open_store(ctx.options)->incidents().list(*f), ctx.options.json);
        return kOk;
      };
    });
  }
  {
    auto* cmd = issue->add_subcommand("show", "Show an incident with its 5-Whys and timeline");
    auto id = std::make_shared<std::string>();
    cmd->add_option("ID", *id, "Incident id")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id] {
      ctx.action = [&ctx, id] {
        print_detail(open_store(ctx.options)->incidents().get(*id), ctx.options.json);
        return kOk;
      };
    });
  }
  {
    auto* cmd = issue->add_subcommand("update", "Change fields of an incident");
    auto id = std::make_shared<std::string>();
    auto p = std::make_shared<IncidentPatch>();
    cmd->add_option("ID", *id, "Incident id")->required();
    cmd->add_option("--title", p->title, "New title");
    cmd->add_option("--status", p->status, "open, investigating, resolved or closed")->check(CLI::IsMember(kStatusList));
    cmd->add_option("--severity", p->severity, "P1..P4")->check(CLI::IsMember(kSeverityList));
    cmd->add_option("--category", p->category, "Domain");
    cmd->add_option("--description", p->description, "Description (empty to clear)");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id, p] {
      ctx.action = [&ctx, id, p] {
        Incident i = open_store(ctx.options)->incidents().update(*id, *p);
        if (ctx.options.json) print_json(i);
        else print_incidents({i}, false);
        return kOk;
      };
    });
  }
  {
    auto* cmd = issue->add_subcommand("delete", "Delete an incident and everything attached to it");
    auto id = std::make_shared<std::string>();
    cmd->add_option("ID", *id, "Incident id")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id] {
      ctx.action = [&ctx, id] {
        open_store(ctx.options)->incidents().remove(*id);
        if (ctx.options.json) print_json({{"deleted", *id}});
        else std::cout << "deleted " << *id << "\n";
        return kOk;
      };
    });
  }
  {
    auto* cmd = issue->add_subcommand("search", "Full-text search over titles, descriptions, documents, 5-Whys questions, answers and root causes, and the patterns mined from the logs");
    auto query = std::make_shared<std::string>();
    auto limit = std::make_shared<int>(50);
    cmd->add_option("QUERY", *query, "Words to find (each matches as a prefix)")->required();
    cmd->add_option("--limit", *limit, "At most this many")->check(CLI::PositiveNumber);
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, query, limit] {
      ctx.action = [&ctx, query, limit] {
        print_incidents(open_store(ctx.options)->incidents().search(*query, *limit), ctx.options.json);
        return kOk;
      };
    });
  }
}

}  // namespace tftsr::cli
