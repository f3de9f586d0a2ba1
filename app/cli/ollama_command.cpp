// tftsr ollama status|models|pull|delete|hardware|recommend
// Requests to Ollama leave through the outbound gate, which writes an audit entry in the store:
// the commands that talk to Ollama open the store (the passphrase as for every command). `hardware`
// reads only this machine and never opens it; `recommend` opens it only when the passphrase is
// at hand without asking (TFTSR_DB_KEY or --key-file), to mark the models already installed.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/cli/cli_support.h"
#include "app/cli/progress_bar.h"
#include "core/ai/hardware_probe.h"
#include "core/ai/model_recommendation.h"
#include "core/ai/ollama_manager.h"
#include "core/error.h"
#include "core/net/http_url.h"
#include "core/store/data_dir.h"

namespace tftsr::cli {

namespace {

constexpr const char* kUrlHelp =
    "Ollama's URL (default: the configured Ollama provider's, else http://localhost:11434)";

// The URL given, else the one of the Ollama provider in the store.
ai::OllamaManager manager(Triage& t, const std::string& url) {
  return ai::OllamaManager(t.gate(), url.empty() ? ai::ollama_url(t.ai().providers()) : url);
}

nlohmann::json model_json(const ai::OllamaModel& m) {
  return {{"name", m.name},
          {"size", m.size},
          {"family", m.family},
          {"parameter_size", m.parameter_size},
          {"quantization", m.quantization},
          {"modified_at", m.modified_at}};
}

nlohmann::json hardware_json(const ai::HardwareInfo& hw) {
  nlohmann::json gpus = nlohmann::json::array();
  for (const auto& g : hw.gpus)
    gpus.push_back({{"name", g.name}, {"vendor", g.vendor}, {"vram_bytes", g.vram_bytes}, {"source", g.source}});
  return {{"ram_total_bytes", hw.ram_total_bytes},
          {"ram_available_bytes", hw.ram_available_bytes},
          {"cpu_model", hw.cpu_model},
          {"cpu_cores", hw.cpu_cores},
          {"cpu_threads", hw.cpu_threads},
          {"gpus", gpus}};
}

void print_hardware(const ai::HardwareInfo& hw) {
  std::cout << "RAM: "
            << (hw.ram_total_bytes ? ai::format_bytes(hw.ram_total_bytes) + " total, " +
                                         ai::format_bytes(hw.ram_available_bytes) + " available"
                                   : std::string("unknown"))
            << "\n";
  std::cout << "CPU: " << (hw.cpu_model.empty() ? std::string("unknown model") : hw.cpu_model);
  if (hw.cpu_threads) std::cout << " (" << hw.cpu_cores << " cores, " << hw.cpu_threads << " threads)";
  std::cout << "\n";
  if (hw.gpus.empty()) std::cout << "GPU: none found\n";
  for (const auto& g : hw.gpus)
    std::cout << "GPU: " << g.name << ", "
              << (g.vram_bytes ? ai::format_bytes(g.vram_bytes) + " VRAM" : std::string("VRAM unknown or shared"))
              << " (" << g.source << ")\n";
}

// Empty when the store can be opened without asking for the passphrase; else why not.
std::string store_not_at_hand(const CommonOptions& o) {
  const char* key = std::getenv("TFTSR_DB_KEY");
  if ((!key || !*key) && o.key_file.empty())
    return "set TFTSR_DB_KEY or pass --key-file to let this command ask Ollama";
  const std::filesystem::path dir = o.data_dir.empty() ? default_data_dir() : std::filesystem::path(o.data_dir);
  std::error_code ec;
  if (!std::filesystem::exists(dir / kDatabaseFileName, ec)) return "there is no store in " + dir.string() + " yet";
  return {};
}

int pull(const CommonOptions& o, const std::string& url, const std::string& model) {
  auto t = open_store(o);
  const ai::OllamaManager m = manager(*t, url);
  ProgressBar bar(!o.json);
  std::string last_status;
  double fraction = 0;
  m.pull(
      model,
      [&](const ai::PullProgress& p) {
        if (o.json) {
          nlohmann::json line{{"status", p.status}};
          if (!p.digest.empty()) line["digest"] = p.digest;
          if (p.total) line["total"] = p.total;
          if (p.completed) line["completed"] = p.completed;
          std::cout << line.dump() << std::endl;
        } else if (bar.shown()) {
          if (p.fraction() >= 0) fraction = p.fraction();  // a step without bytes keeps the last figure
          std::string note = p.status;
          if (p.total) note += "  " + ai::format_bytes(p.completed) + " / " + ai::format_bytes(p.total);
          bar.update(fraction, note);
        } else if (p.status != last_status) {
          std::cerr << p.status << "\n";  // no terminal: each step once, for logs
        }
        last_status = p.status;
        return true;
      },
      interrupt_check());
  bar.clear();
  if (o.json)
    std::cout << nlohmann::json{{"status", "pulled"}, {"model", model}}.dump() << std::endl;
  else
    std::cout << "Pulled " << model << "\n";
  return kOk;
}

int recommend(const CommonOptions& o, const std::string& url) {
  const ai::HardwareInfo hw = ai::probe_hardware();
  std::vector<ai::OllamaModel> installed;
  std::string note;
  if (const std::string why = store_not_at_hand(o); !why.empty()) {
    note = "Installed models are not marked: " + why + ".";
  } else {
    try {
      auto t = open_store(o);
      installed = manager(*t, url).models(interrupt_check());
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::Network) throw;
      note = std::string("Installed models are not marked: ") + e.what();
    }
  }
  const auto list = ai::recommend_models(hw, installed);
  if (o.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : list)
      out.push_back({{"name", r.name},
                     {"parameters", r.parameters},
                     {"download_bytes", r.download_bytes},
                     {"best", r.best},
                     {"on_gpu", r.on_gpu},
                     {"installed", r.installed},
                     {"reason", r.reason}});
    print_json({{"hardware", hardware_json(hw)},
                {"recommendations", out},
                {"installed_known", note.empty()},
                {"note", note}});
    return kOk;
  }
  for (const auto& r : list) {
    std::cout << (r.best ? "* " : "  ") << r.name << " (" << r.parameters << ", " << ai::format_bytes(r.download_bytes)
              << " download)" << (r.best ? "  best fit" : "") << (r.installed ? "  installed" : "") << "\n"
              << "    " << r.reason << "\n";
  }
  if (!note.empty()) std::cerr << note << "\n";
  return kOk;
}

}  // namespace

void register_ollama_commands(CLI::App& root, CliContext& ctx) {
  auto* ollama = root.add_subcommand(
      "ollama",
      "Local models with Ollama: status, installed models, pull, delete, this machine's hardware and the models "
      "that fit it.\nRequests to Ollama pass the outbound gate and are audited, so status, models, pull and delete "
      "open the store (passphrase as usual); hardware never does; recommend does only when TFTSR_DB_KEY or "
      "--key-file gives the passphrase, to mark the installed models. Without --url, the URL is the configured "
      "Ollama provider's (the active one first), else http://localhost:11434.");
  ollama->require_subcommand(1);
  auto url = std::make_shared<std::string>();
  auto add_url = [url](CLI::App& cmd) {
    cmd.add_option("--url", *url, kUrlHelp)->check([](const std::string& value) {
      try {
        net::parse_http_url(value);
        return std::string();
      } catch (const Error& e) {
        return std::string(e.what());
      }
    });
  };
  {
    auto* cmd = ollama->add_subcommand("status", "Is Ollama running, and which version (exit code 1 when not)");
    add_url(*cmd);
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, url] {
      ctx.action = [&ctx, url] {
        auto t = open_store(ctx.options);
        const ai::OllamaStatus s = manager(*t, *url).status(interrupt_check());
        if (ctx.options.json) {
          nlohmann::json out{{"running", s.running}, {"url", s.url}, {"message", s.message}};
          if (!s.install_hint.empty()) out["install_hint"] = s.install_hint;
          out["version"] = s.running ? nlohmann::json(s.version) : nlohmann::json(nullptr);
          if (!s.install_hint.empty())
            out["install"] = {{"download", ai::kOllamaDownloadUrl}, {"command", ai::kOllamaInstallCommand}};
          print_json(out);
        } else {
          (s.running ? std::cout : std::cerr) << s.message << (s.install_hint.empty() ? "" : " ") << s.install_hint
                                              << "\n";
        }
        return s.running ? kOk : kFailure;
      };
    });
  }
  {
    auto* cmd = ollama->add_subcommand("models", "List the installed models");
    add_url(*cmd);
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, url] {
      ctx.action = [&ctx, url] {
        auto t = open_store(ctx.options);
        const auto models = manager(*t, *url).models(interrupt_check());
        if (ctx.options.json) {
          nlohmann::json out = nlohmann::json::array();
          for (const auto& m : models) out.push_back(model_json(m));
          print_json(out);
          return kOk;
        }
        if (models.empty()) {
          std::cout << "No models installed. `tftsr ollama recommend` names some that fit this machine.\n";
          return kOk;
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& m : models)
          rows.push_back({m.name, ai::format_bytes(m.size), m.family.empty() ? "-" : m.family,
                          m.parameter_size.empty() ? "-" : m.parameter_size,
                          m.quantization.empty() ? "-" : m.quantization, m.modified_at.substr(0, 10)});
        print_table({"NAME", "SIZE", "FAMILY", "PARAMETERS", "QUANTISATION", "MODIFIED"}, rows);
        return kOk;
      };
    });
  }
  {
    auto* cmd = ollama->add_subcommand(
        "pull", "Download a model, with a progress bar on a terminal (--json: one JSON line per progress line); "
                "Ctrl+C cancels, and pulling again resumes");
    auto model = std::make_shared<std::string>();
    cmd->add_option("MODEL", *model, "The model, e.g. llama3.2:3b")->required();
    add_url(*cmd);
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, url, model] { ctx.action = [&ctx, url, model] { return pull(ctx.options, *url, *model); }; });
  }
  {
    auto* cmd = ollama->add_subcommand("delete", "Delete an installed model");
    auto model = std::make_shared<std::string>();
    cmd->add_option("MODEL", *model, "The model, as `tftsr ollama models` names it")->required();
    add_url(*cmd);
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, url, model] {
      ctx.action = [&ctx, url, model] {
        auto t = open_store(ctx.options);
        manager(*t, *url).remove(*model, interrupt_check());
        if (ctx.options.json) print_json({{"deleted", *model}}); else std::cout << "Deleted " << *model << "\n";
        return kOk;
      };
    });
  }
  {
    auto* cmd = ollama->add_subcommand("hardware", "This machine's RAM, CPU and GPUs (no store, no network)");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx] {
      ctx.action = [&ctx] {
        const ai::HardwareInfo hw = ai::probe_hardware();
        if (ctx.options.json) print_json(hardware_json(hw)); else print_hardware(hw);
        return kOk;
      };
    });
  }
  {
    auto* cmd = ollama->add_subcommand(
        "recommend", "Models that fit this machine's RAM and GPU, each with why; installed ones are marked when "
                     "TFTSR_DB_KEY or --key-file opens the store (it is never asked for here)");
    add_url(*cmd);
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, url] { ctx.action = [&ctx, url] { return recommend(ctx.options, *url); }; });
  }
}

}  // namespace tftsr::cli
