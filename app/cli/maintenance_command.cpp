// tftsr maintenance vacuum
#include <iostream>

#include "app/cli/cli_support.h"

namespace tftsr::cli {

void register_maintenance_commands(CLI::App& root, CliContext& ctx) {
  auto* group = root.add_subcommand("maintenance", "Upkeep of the encrypted store");
  group->require_subcommand(1);
  auto* vacuum = group->add_subcommand(
      "vacuum", "Compact the database (give back the space of deleted rows) and rebuild the incident search index");
  add_common_options(*vacuum, ctx);
  vacuum->callback([&ctx] {
    ctx.action = [&ctx] {
      auto store = open_store(ctx.options);
      VacuumResult r = store->vacuum();
      if (ctx.options.json) {
        print_json({{"bytes_before", r.bytes_before}, {"bytes_after", r.bytes_after}});
      } else {
        std::cout << "database compacted from " << r.bytes_before << " to " << r.bytes_after
                  << " bytes; incident search index rebuilt\n";
      }
      return kOk;
    };
  });
}

}  // namespace tftsr::cli
