// tftsr ticket create|show|comment|search
#include <iostream>
#include <memory>

#include "app/cli/cli_support.h"
#include "app/cli/progress_bar.h"

namespace tftsr::cli {

namespace {
using namespace integrations;

nlohmann::json ticket_json(const RemoteTicket& t) {
  return {{"service", service_id(t.service)}, {"id", t.id},       {"key", t.key},
          {"url", t.url},                     {"title", t.title}, {"state", t.state}};
}

void print_ticket(const RemoteTicket& t, bool json) {
  if (json) return print_json(ticket_json(t));
  std::cout << service_name(t.service) << " " << t.key << (t.state.empty() ? "" : " [" + t.state + "]") << ": "
            << t.title << "\n  " << t.url << "\n";
}
}  // namespace

void register_ticket_commands(CLI::App& root, CliContext& ctx) {
  auto* group = root.add_subcommand("ticket", "Mirror incidents as ServiceNow incidents or Azure DevOps work items");
  group->require_subcommand(1);
  {
    auto* cmd = group->add_subcommand("create", "Create a ticket from an incident");
    auto service = std::make_shared<std::string>();
    auto incident = std::make_shared<std::string>();
    auto type = std::make_shared<std::string>("Bug");
    cmd->add_option("SERVICE", *service, "servicenow or azuredevops")->required();
    cmd->add_option("INCIDENT", *incident, "Incident id")->required();
    cmd->add_option("--type", *type, "Azure DevOps work item type: Bug, Task, User Story, Issue, Incident");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, service, incident, type] {
      ctx.action = [&ctx, service, incident, type] {
        auto r = open_store(ctx.options)->integrations().create_ticket(parse_service(*service), *incident, {*type},
                                                                       stderr_progress(false, true));
        if (ctx.options.json) return print_json(ticket_json(r.ticket)), kOk;
        std::cout << "Created ";
        print_ticket(r.ticket, false);
        return kOk;
      };
    });
  }
  {
    auto* cmd = group->add_subcommand("show", "Show a ticket (ServiceNow: number or sys_id; Azure DevOps: id)");
    auto service = std::make_shared<std::string>();
    auto id = std::make_shared<std::string>();
    cmd->add_option("SERVICE", *service, "servicenow or azuredevops")->required();
    cmd->add_option("ID", *id, "Ticket id")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, service, id] {
      ctx.action = [&ctx, service, id] {
        print_ticket(open_store(ctx.options)->integrations().ticket(parse_service(*service), *id,
                                                                    stderr_progress(false, true)),
                     ctx.options.json);
        return kOk;
      };
    });
  }
  {
    auto* cmd = group->add_subcommand("comment", "Add a work note (ServiceNow) or a comment (Azure DevOps)");
    auto service = std::make_shared<std::string>();
    auto id = std::make_shared<std::string>();
    auto text = std::make_shared<std::string>();
    cmd->add_option("SERVICE", *service, "servicenow or azuredevops")->required();
    cmd->add_option("ID", *id, "Ticket id")->required();
    cmd->add_option("TEXT", *text, "The comment")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, service, id, text] {
      ctx.action = [&ctx, service, id, text] {
        const Service s = parse_service(*service);
        open_store(ctx.options)->integrations().comment(s, *id, *text, stderr_progress(false, true));
        if (ctx.options.json) return print_json({{"service", service_id(s)}, {"id", *id}, {"commented", true}}), kOk;
        std::cout << "Comment added to " << service_name(s) << " " << *id << "\n";
        return kOk;
      };
    });
  }
  {
    auto* cmd = group->add_subcommand("search", "Search tickets by title text");
    auto service = std::make_shared<std::string>();
    auto text = std::make_shared<std::string>();
    cmd->add_option("SERVICE", *service, "servicenow or azuredevops")->required();
    cmd->add_option("TEXT", *text, "Text in the title")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, service, text] {
      ctx.action = [&ctx, service, text] {
        auto found = open_store(ctx.options)->integrations().search_tickets(parse_service(*service), *text,
                                                                            stderr_progress(false, true));
        if (ctx.options.json) {
          nlohmann::json out = nlohmann::json::array();
          for (const auto& t : found) out.push_back(ticket_json(t));
          return print_json(out), kOk;
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& t : found) rows.push_back({t.key, t.state, t.title, t.url});
        print_table({"KEY", "STATE", "TITLE", "URL"}, rows);
        return kOk;
      };
    });
  }
}

}  // namespace tftsr::cli
