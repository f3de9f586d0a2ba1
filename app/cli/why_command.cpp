// tftsr why add|update|list|link|root-cause
#include <iostream>
#include <sstream>

#include "app/cli/cli_support.h"
#include "core/error.h"
#include "core/store/records_json.h"

namespace tftsr::cli {

namespace {
void print_step(const ResolutionStep& s, bool json) {
  if (json) return print_json(s);
  print_table({"STEP ID", "#", "QUESTION", "ANSWER", "EVIDENCE"},
              {{s.id, std::to_string(s.step_order), s.why_question, or_dash(s.answer), or_dash(s.evidence)}});
}
}  // namespace

void register_why_commands(CLI::App& root, CliContext& ctx) {
  auto* why = root.add_subcommand("why", "Record the 5-Whys of an incident");
  why->require_subcommand(1);
  {
    auto* cmd = why->add_subcommand("add", "Add why N (1-5) to an incident");
    auto id = std::make_shared<std::string>();
    auto step = std::make_shared<int>(0);
    auto question = std::make_shared<std::string>();
    auto answer = std::make_shared<std::optional<std::string>>();
    auto evidence = std::make_shared<std::optional<std::string>>();
    cmd->add_option("ID", *id, "Incident id")->required();
    cmd->add_option("--step", *step, "Which why, 1 to 5")->required();
    cmd->add_option("--question", *question, "The why-question")->required();
    cmd->add_option("--answer", *answer, "The answer");
    cmd->add_option("--evidence", *evidence, "Evidence for the answer");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id, step, question, answer, evidence] {
      ctx.action = [&ctx, id, step, question, answer, evidence] {
        print_step(open_store(ctx.options)->incidents().add_step(*id, *step, *question, *answer, *evidence), ctx.options.json);
        return kOk;
      };
    });
  }
  {
    auto* cmd = why->add_subcommand("update", "Change the question, answer or evidence of a step");
    auto id = std::make_shared<std::string>();
    auto p = std::make_shared<StepPatch>();
    cmd->add_option("STEP_ID", *id, "Step id")->required();
    cmd->add_option("--question", p->why_question, "New question");
    cmd->add_option("--answer", p->answer, "New answer");
    cmd->add_option("--evidence", p->evidence, "New evidence");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id, p] {
      ctx.action = [&ctx, id, p] {
        print_step(open_store(ctx.options)->incidents().update_step(*id, *p), ctx.options.json);
        return kOk;
      };
    });
  }
  {
    auto* cmd = why->add_subcommand("list", "List the 5-Whys of an incident");
    auto id = std::make_shared<std::string>();
    cmd->add_option("ID", *id, "Incident id")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id] {
      ctx.action = [&ctx, id] {
        auto steps = open_store(ctx.options)->incidents().steps(*id);
        if (ctx.options.json) {
          print_json(steps);
          return kOk;
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& s : steps)
          rows.push_back({s.id, std::to_string(s.step_order), s.why_question, or_dash(s.answer), or_dash(s.evidence)});
        print_table({"STEP ID", "#", "QUESTION", "ANSWER", "EVIDENCE"}, rows);
        return kOk;
      };
    });
  }
  {
    auto* cmd = why->add_subcommand("link", "Link evidence to a step: lines of a log, or an image");
    auto id = std::make_shared<std::string>();
    auto log = std::make_shared<std::string>();
    auto lines = std::make_shared<std::string>();
    auto image = std::make_shared<std::string>();
    cmd->add_option("STEP_ID", *id, "Step id")->required();
    auto* log_opt = cmd->add_option("--log", *log, "Log id");
    auto* lines_opt = cmd->add_option("--lines", *lines, "Line range A-B (or one line A)");
    auto* image_opt = cmd->add_option("--image", *image, "Image id");
    log_opt->needs(lines_opt);
    lines_opt->needs(log_opt);
    log_opt->excludes(image_opt);
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id, log, lines, image] {
      ctx.action = [&ctx, id, log, lines, image] {
        if (log->empty() && image->empty()) throw Error(ErrorKind::InvalidInput, "give --log with --lines, or --image");
        auto store = open_store(ctx.options);
        EvidenceLink e;
        if (!log->empty()) {
          std::int64_t first = 0, last = 0;
          char dash = 0;
          std::istringstream in(*lines);
          if (!(in >> first)) throw Error(ErrorKind::InvalidInput, "--lines must be A-B or A, e.g. 120-140");
          last = first;
          if (in >> dash && (dash != '-' || !(in >> last)))
            throw Error(ErrorKind::InvalidInput, "--lines must be A-B or A, e.g. 120-140");
          e = store->incidents().link_log_lines(*id, *log, first, last);
        } else {
          e = store->incidents().link_image(*id, *image);
        }
        if (ctx.options.json) {
          nlohmann::json j = {{"id", e.id},
                              {"step_id", e.step_id},
                              {"log_id", e.log_id ? nlohmann::json(*e.log_id) : nlohmann::json()},
                              {"first_line", e.log_id ? nlohmann::json(e.first_line) : nlohmann::json()},
                              {"last_line", e.log_id ? nlohmann::json(e.last_line) : nlohmann::json()},
                              {"image_id", e.image_id ? nlohmann::json(*e.image_id) : nlohmann::json()},
                              {"created_at", e.created_at}};
          return print_json(j), kOk;
        }
        std::cout << "Linked " << e.file_name
                  << (e.log_id ? " lines " + std::to_string(e.first_line) + "-" + std::to_string(e.last_line) : "")
                  << "\n";
        return kOk;
      };
    });
  }
  {
    auto* cmd = why->add_subcommand("root-cause", "Record the root cause the 5 Whys led to");
    auto id = std::make_shared<std::string>();
    auto text = std::make_shared<std::string>();
    cmd->add_option("ID", *id, "Incident id")->required();
    cmd->add_option("TEXT", *text, "The root cause")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id, text] {
      ctx.action = [&ctx, id, text] {
        open_store(ctx.options)->incidents().set_root_cause(*id, *text);
        if (ctx.options.json) return print_json({{"issue_id", *id}, {"root_cause", *text}}), kOk;
        std::cout << "Root cause recorded\n";
        return kOk;
      };
    });
  }
}

}  // namespace tftsr::cli
