// tftsr ai provider add|list|show|remove|use|test
// The API key comes from an environment variable or a file, never from the command line (where
// it would stay in the shell history and in the process list).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cli/cli_support.h"
#include "core/ai/provider_config.h"
#include "core/error.h"
#include "core/net/http_url.h"

namespace tftsr::cli {

namespace {

struct ProviderOptions {
  std::string name, kind, url, model, key_env, key_file, auth_header, auth_prefix, endpoint_path, api_version;
  int max_tokens = 4096;
  double temperature = 0.2;
};

std::string strip_line_end(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

std::string read_key(const ProviderOptions& o) {
  if (!o.key_env.empty() && !o.key_file.empty())
    throw Error(ErrorKind::InvalidInput, "give the API key with --api-key-env or with --api-key-file, not both");
  if (!o.key_env.empty()) {
    const char* value = std::getenv(o.key_env.c_str());
    if (!value || !*value)
      throw Error(ErrorKind::InvalidInput, "the environment variable " + o.key_env + " is not set or empty");
    return strip_line_end(value);
  }
  if (!o.key_file.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(o.key_file, ec))
      throw Error(ErrorKind::InvalidInput, "the key file " + o.key_file + " does not exist or is not a file");
    std::ifstream in(o.key_file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    if (!in && !in.eof()) throw Error(ErrorKind::InvalidInput, "the key file " + o.key_file + " cannot be read");
    std::string key = strip_line_end(s.str());
    if (key.empty()) throw Error(ErrorKind::InvalidInput, "the key file " + o.key_file + " is empty");
    return key;
  }
  return {};
}

nlohmann::json provider_json(const ProviderSummary& p) {
  const auto& c = p.config;
  return {{"id", p.id},
          {"name", c.name},
          {"kind", std::string(ai::kind_id(c.kind))},
          {"url", c.url},
          {"model", c.model},
          {"api_key", p.has_api_key ? nlohmann::json(p.masked_api_key) : nlohmann::json(nullptr)},
          {"max_tokens", c.max_tokens},
          {"temperature", c.temperature},
          {"auth_header", c.auth_header},
          {"auth_prefix", c.auth_prefix},
          {"endpoint_path", c.endpoint_path},
          {"api_version", c.api_version},
          {"active", p.is_active}};
}

void print_providers(const std::vector<ProviderSummary>& list, bool json) {
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : list) out.push_back(provider_json(p));
    return print_json(out);
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : list)
    rows.push_back({p.is_active ? "*" : "", p.config.name, std::string(ai::kind_id(p.config.kind)), p.config.model,
                    net::display_host(p.config.url), p.has_api_key ? p.masked_api_key : "-"});
  print_table({"ACTIVE", "NAME", "KIND", "MODEL", "HOST", "API KEY"}, rows);
}

}  // namespace

void register_ai_commands(CLI::App& root, CliContext& ctx) {
  auto* ai_cmd = root.add_subcommand("ai", "Configure the AI providers chats and analyses use");
  ai_cmd->require_subcommand(1);
  auto* provider = ai_cmd->add_subcommand("provider", "Add, list, remove, test and choose AI providers");
  provider->require_subcommand(1);
  {
    auto* cmd = provider->add_subcommand("add", "Add an AI provider (the first one added becomes active)");
    auto o = std::make_shared<ProviderOptions>();
    cmd->add_option("NAME", o->name, "A name of your choice, unique")->required();
    cmd->add_option("--kind", o->kind,
                    "openai | azure-openai | anthropic | gemini | mistral | ollama | custom-rest")
        ->required();
    cmd->add_option("--url", o->url, "Base URL (default: the kind's public service)");
    cmd->add_option("--model", o->model, "Model name (Azure OpenAI: the deployment name)")->required();
    cmd->add_option("--api-key-env", o->key_env, "Read the API key from this environment variable");
    cmd->add_option("--api-key-file", o->key_file, "Read the API key from this file");
    cmd->add_option("--max-tokens", o->max_tokens, "Most tokens a reply may have (default 4096)");
    cmd->add_option("--temperature", o->temperature, "0 to 2 (default 0.2)");
    cmd->add_option("--auth-header", o->auth_header, "Send the key in this header instead of the kind's usual one");
    cmd->add_option("--auth-prefix", o->auth_prefix, "Put this before the key in that header, e.g. Bearer");
    cmd->add_option("--endpoint-path", o->endpoint_path, "Use this path instead of the kind's usual one");
    cmd->add_option("--api-version", o->api_version, "Azure OpenAI api-version");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, o] {
      ctx.action = [&ctx, o] {
        ai::ProviderConfig c;
        c.name = o->name;
        c.kind = ai::parse_provider_kind(o->kind);
        c.url = o->url.empty() ? std::string(ai::default_url(c.kind)) : o->url;
        c.model = o->model;
        c.api_key = read_key(*o);
        c.max_tokens = o->max_tokens;
        c.temperature = o->temperature;
        c.auth_header = o->auth_header;
        c.auth_prefix = o->auth_prefix;
        c.endpoint_path = o->endpoint_path;
        c.api_version = o->api_version;
        const ProviderSummary added = open_store(ctx.options)->ai().add_provider(c);
        if (ctx.options.json) {
          print_json(provider_json(added));
        } else {
          std::cout << "Added " << added.config.name << (added.is_active ? " (active)" : "") << "\n";
        }
        return kOk;
      };
    });
  }
  {
    auto* cmd = provider->add_subcommand("list", "List the configured providers (keys masked)");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx] {
      ctx.action = [&ctx] {
        print_providers(open_store(ctx.options)->ai().providers(), ctx.options.json);
        return kOk;
      };
    });
  }
  {
    auto* cmd = provider->add_subcommand("show", "Show one provider (key masked)");
    auto name = std::make_shared<std::string>();
    cmd->add_option("NAME", *name, "Provider name")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, name] {
      ctx.action = [&ctx, name] {
        const ProviderSummary p = open_store(ctx.options)->ai().provider(*name);
        if (ctx.options.json) {
          print_json(provider_json(p));
          return kOk;
        }
        const nlohmann::json j = provider_json(p);
        std::vector<std::vector<std::string>> rows;
        for (const auto& [key, value] : j.items())
          rows.push_back({key, value.is_string() ? value.get<std::string>() : value.is_null() ? "-" : value.dump()});
        print_table({"FIELD", "VALUE"}, rows);
        return kOk;
      };
    });
  }
  {
    auto* cmd = provider->add_subcommand("remove", "Remove a provider (its conversations stay)");
    auto name = std::make_shared<std::string>();
    cmd->add_option("NAME", *name, "Provider name")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, name] {
      ctx.action = [&ctx, name] {
        open_store(ctx.options)->ai().remove_provider(*name);
        if (ctx.options.json) print_json({{"removed", *name}}); else std::cout << "Removed " << *name << "\n";
        return kOk;
      };
    });
  }
  {
    auto* cmd = provider->add_subcommand("use", "Make a provider the active one");
    auto name = std::make_shared<std::string>();
    cmd->add_option("NAME", *name, "Provider name")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, name] {
      ctx.action = [&ctx, name] {
        open_store(ctx.options)->ai().use_provider(*name);
        if (ctx.options.json) print_json({{"active", *name}}); else std::cout << "Active: " << *name << "\n";
        return kOk;
      };
    });
  }
  {
    auto* cmd = provider->add_subcommand("test", "Send a one-line prompt through the gate and report");
    auto name = std::make_shared<std::string>();
    cmd->add_option("NAME", *name, "Provider name")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, name] {
      ctx.action = [&ctx, name] {
        const ConnectionTest t = open_store(ctx.options)->ai().test_provider(*name, interrupt_check());
        if (ctx.options.json)
          print_json({{"ok", t.ok}, {"message", t.message}, {"millis", t.millis}});
        else
          (t.ok ? std::cout : std::cerr) << t.message << "\n";
        return t.ok ? kOk : kFailure;
      };
    });
  }
}

}  // namespace tftsr::cli
