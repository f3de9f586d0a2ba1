// tftsr integration set|test|list
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>

#include "app/cli/cli_support.h"
#include "app/cli/progress_bar.h"
#include "core/error.h"

namespace tftsr::cli {

namespace {
using namespace integrations;

struct SetOptions {
  std::string service, url, space, project, username;
  std::string token_env, token_file;
  bool oauth = false;
  bool auto_create = false, no_auto_create = false;
  std::string client_id, authorize_url, token_url, scope;
  int redirect_port = 0;
};

// The token named by --token-env or --token-file, read before the store opens.
std::string read_token(const SetOptions& o) {
  if (!o.token_env.empty()) {
    const char* v = std::getenv(o.token_env.c_str());
    if (!v || !*v) throw Error(ErrorKind::InvalidInput, "the environment variable " + o.token_env + " is not set or empty");
    return v;
  }
  std::ifstream in(o.token_file, std::ios::binary);
  if (!in) throw Error(ErrorKind::Io, "cannot read the token file " + o.token_file);
  std::string t((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r' || t.back() == ' ')) t.pop_back();
  if (t.empty()) throw Error(ErrorKind::InvalidInput, "the token file " + o.token_file + " is empty");
  return t;
}

std::optional<std::string> given(const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); }

// Whether the service already creates a ticket for every new incident (kept unless a flag says).
bool keeps_auto_create(Triage& t, Service service) {
  for (const auto& st : t.integrations().statuses())
    if (st.service == service) return st.auto_create;
  return false;
}

// The URL goes to stderr too: a machine without a browser can open it elsewhere.
void open_browser(const std::string& url) {
  std::cerr << "Opening the browser to sign in. If it does not open, visit:\n  " << url << "\n";
  try {
    open_in_system_browser(url);
  } catch (const Error&) {
  }
}
}  // namespace

void register_integration_commands(CLI::App& root, CliContext& ctx) {
  auto* group = root.add_subcommand("integration", "Set up and test Confluence, ServiceNow and Azure DevOps");
  group->require_subcommand(1);
  {
    auto* cmd = group->add_subcommand("set", "Store a service's URL and credential (the token is sealed)");
    auto o = std::make_shared<SetOptions>();
    cmd->add_option("SERVICE", o->service, "confluence, servicenow or azuredevops")->required();
    cmd->add_option("--url", o->url, "Base URL (https://acme.atlassian.net/wiki, https://acme.service-now.com, "
                                     "https://dev.azure.com/acme)")
        ->required();
    cmd->add_option("--space", o->space, "Confluence: default space key");
    cmd->add_option("--project", o->project, "Azure DevOps: project name");
    cmd->add_option("--username", o->username, "Confluence Cloud e-mail or ServiceNow user");
    auto* env = cmd->add_option("--token-env", o->token_env, "Read the token from this environment variable");
    auto* file = cmd->add_option("--token-file", o->token_file, "Read the token from this file");
    auto* oauth = cmd->add_flag("--oauth", o->oauth, "Sign in with OAuth 2.0 (authorization code with PKCE)");
    auto* on = cmd->add_flag("--auto-create", o->auto_create,
                             "ServiceNow, Azure DevOps: create a ticket for every new incident (`issue new`, New "
                             "incident); kept as it was when neither flag is given");
    cmd->add_flag("--no-auto-create", o->no_auto_create, "Stop creating a ticket for every new incident")->excludes(on);
    env->excludes(file)->excludes(oauth);
    file->excludes(oauth);
    cmd->add_option("--client-id", o->client_id, "OAuth: the registered app's client id");
    cmd->add_option("--authorize-url", o->authorize_url, "OAuth: authorization endpoint");
    cmd->add_option("--token-url", o->token_url, "OAuth: token endpoint");
    cmd->add_option("--scope", o->scope, "OAuth: scopes, space-separated");
    cmd->add_option("--redirect-port", o->redirect_port, "OAuth: loopback redirect port (0: any free port)");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, o] {
      ctx.action = [&ctx, o] {
        if (o->token_env.empty() && o->token_file.empty() && !o->oauth)
          throw Error(ErrorKind::InvalidInput, "give the credential: --token-env VAR, --token-file FILE or --oauth");
        IntegrationSettings s;
        s.service = parse_service(o->service);
        s.base_url = o->url;
        s.space_key = given(o->space);
        s.project = given(o->project);
        s.username = given(o->username);
        if (o->oauth) {
          s.auth = AuthKind::OAuth;
          s.oauth = {o->client_id, o->authorize_url, o->token_url, o->scope, o->redirect_port};
        }
        const std::string token = o->oauth ? std::string() : read_token(*o);  // a bad file changes nothing
        auto t = open_store(ctx.options);
        s.auto_create = o->auto_create || (!o->no_auto_create && keeps_auto_create(*t, s.service));
        s = t->integrations().configure(s);
        if (o->oauth)
          t->integrations().sign_in(s.service, open_browser, std::chrono::minutes(5), stderr_progress(false, true));
        else
          t->integrations().set_token(s.service, token);
        if (ctx.options.json)
          return print_json({{"service", service_id(s.service)},
                             {"url", s.base_url},
                             {"auth", o->oauth ? "oauth" : "token"},
                             {"auto_create", s.auto_create}}),
                 kOk;
        std::cout << service_name(s.service) << " set up at " << s.base_url
                  << (o->oauth ? " (signed in with OAuth)" : " (token sealed)")
                  << (s.auto_create ? "; a ticket is created for every new incident\n" : "\n");
        return kOk;
      };
    });
  }
  {
    auto* cmd = group->add_subcommand("test", "Connect to a service with the stored credential");
    auto service = std::make_shared<std::string>();
    cmd->add_option("SERVICE", *service, "confluence, servicenow or azuredevops")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, service] {
      ctx.action = [&ctx, service] {
        const Service s = parse_service(*service);
        ConnectionCheck c = open_store(ctx.options)->integrations().test(s, stderr_progress(false, true));
        if (ctx.options.json)
          return print_json({{"service", service_id(s)}, {"host", c.host}, {"summary", c.summary}}), kOk;
        std::cout << service_name(s) << " at " << c.host << ": " << c.summary << "\n";
        return kOk;
      };
    });
  }
  {
    auto* cmd = group->add_subcommand("list", "Show which services are set up");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx] {
      ctx.action = [&ctx] {
        auto statuses = open_store(ctx.options)->integrations().statuses();
        if (ctx.options.json) {
          nlohmann::json out = nlohmann::json::array();
          for (const auto& st : statuses)
            out.push_back({{"service", service_id(st.service)},
                           {"configured", st.configured},
                           {"has_credential", st.has_credential},
                           {"url", st.base_url ? nlohmann::json(*st.base_url) : nlohmann::json()},
                           {"expires_at", st.expires_at ? nlohmann::json(*st.expires_at) : nlohmann::json()},
                           {"auto_create", st.auto_create}});
          return print_json(out), kOk;
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& st : statuses)
          rows.push_back({std::string(service_id(st.service)), or_dash(st.base_url),
                          st.has_credential ? "stored" : "-", or_dash(st.expires_at), st.auto_create ? "yes" : "-"});
        print_table({"SERVICE", "URL", "CREDENTIAL", "EXPIRES (UTC)", "AUTO-CREATE"}, rows);
        return kOk;
      };
    });
  }
}

}  // namespace tftsr::cli
