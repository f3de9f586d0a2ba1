// tftsr publish confluence
#include <iostream>
#include <memory>

#include "app/cli/cli_support.h"
#include "app/cli/progress_bar.h"

namespace tftsr::cli {

void register_publish_commands(CLI::App& root, CliContext& ctx) {
  auto* group = root.add_subcommand("publish", "Publish a document where the organisation reads it");
  group->require_subcommand(1);
  auto* cmd = group->add_subcommand("confluence", "Publish a document as a Confluence page (again: the page is updated)");
  auto id = std::make_shared<std::string>();
  auto space = std::make_shared<std::string>();
  auto parent = std::make_shared<std::string>();
  cmd->add_option("DOC_ID", *id, "Document id")->required();
  cmd->add_option("--space", *space, "Space key (default: the one set up)");
  cmd->add_option("--parent", *parent, "Id of the parent page");
  add_common_options(*cmd, ctx);
  cmd->callback([&ctx, id, space, parent] {
    ctx.action = [&ctx, id, space, parent] {
      integrations::PublishOptions o;
      if (!space->empty()) o.space_key = *space;
      if (!parent->empty()) o.parent_id = *parent;
      auto r = open_store(ctx.options)->integrations().publish_document(*id, o, stderr_progress(!ctx.options.json, true));
      if (ctx.options.json)
        return print_json({{"service", "confluence"},
                           {"id", r.page.id},
                           {"url", r.page.url},
                           {"version", r.page.version},
                           {"updated", r.updated}}),
               kOk;
      std::cout << (r.updated ? "Updated" : "Published") << " Confluence page " << r.page.id << " (version "
                << r.page.version << "): " << r.page.url << "\n";
      return kOk;
    };
  });
}

}  // namespace tftsr::cli
