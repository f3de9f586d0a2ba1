#include "core/pii/detection_rules.h"


namespace tftsr::pii {
namespace {

std::vector<DetectionRule> build_rules() {
  using enum PiiType;
  // Key patterns end at the separator; a JSON key may be quoted and escaped ("\"password\":").
  const std::string sep = R"(\\?["']?\s*[:=])";
  // Keys that hold a word inside a longer identifier ("appSecretKey", "DB_PASSWORD_FILE"): the
  // pattern allows the rest of the identifier, and key_kind() in candidate_checks.cpp decides
  // from its segments whether the key names a secret.
  // (An unbounded run: vectorscan runs it as one looping state, a bounded one costs a state per
  // byte; key_before() reads at most 128 bytes of key anyway.)
  const std::string rest = "[A-Za-z0-9_.-]*";
  std::vector<DetectionRule> r = {
      {PrivateKey, RuleKind::PemBlock, "-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----"},
      {UrlWithCredentials, RuleKind::Value,
       R"([A-Za-z][A-Za-z0-9+.-]*://[^\s/:@"'<>]+:[^\s/@"'<>]+@[A-Za-z0-9._-]+(?::\d{1,5})?)"},
      // Incoming webhooks (services/T../B../secret), workflow and trigger URLs: the whole path is
      // the secret.
      {SlackWebhook, RuleKind::Value,
       R"((?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_+/-]{20,200})"},
      {Jwt, RuleKind::Value, R"(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)"},
      {AwsAccessKey, RuleKind::Value, R"((?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16})"},
      {GitHubToken, RuleKind::Value, R"((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"},
      // Routable tokens carry dotted parts after the random part: "glpat-<random>.01.<crc>".
      {GitLabToken, RuleKind::Value,
       R"(gl(?:pat|ptt|dt|rt|soat|cbt|ft|imt|agent|oas|ffct)-[A-Za-z0-9_-]{20,}(?:\.[0-9a-z]{2,16}){0,2})"},
      {SlackToken, RuleKind::Value, R"(xox[abposre]-[A-Za-z0-9-]{10,}|xoxe\.xox[bp]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,})"},
      {StripeKey, RuleKind::Value, R"((?:sk|pk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{24,})"},
      {AnthropicKey, RuleKind::Value, R"(sk-ant-[A-Za-z0-9_-]{20,})"},
      {OpenAiKey, RuleKind::Value, R"(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,})"},
      {GoogleApiKey, RuleKind::Value, R"(AIza[0-9A-Za-z_-]{35})"},
      // Other vendors' tokens with a distinctive prefix, found bare as well as after a key.
      {ApiKey, RuleKind::Value, R"(SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64})"},                 // SendGrid
      {ApiKey, RuleKind::Value, R"((?:hf_|api_org_)[A-Za-z0-9]{30,40})"},                             // Hugging Face
      {ApiKey, RuleKind::Value, R"(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})"},                        // PyPI
      {ApiKey, RuleKind::Value, R"(npm_[A-Za-z0-9]{36})"},                                            // npm
      {ApiKey, RuleKind::Value, R"(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})"},                              // Shopify
      {ApiKey, RuleKind::Value, R"(do[opr]_v1_[a-f0-9]{64})"},                                        // DigitalOcean
      {ApiKey, RuleKind::Value, R"(dp\.(?:pt|st|sa|ct|scim)\.[A-Za-z0-9]{40,44})"},                   // Doppler
      {ApiKey, RuleKind::Value, R"(lin_api_[A-Za-z0-9]{40})"},                                        // Linear
      {ApiKey, RuleKind::Value, R"(PMAK-[a-f0-9]{24}-[a-f0-9]{34})"},                                 // Postman
      {ApiKey, RuleKind::Value, R"(dapi[a-f0-9]{32}(?:-\d)?)"},                                       // Databricks
      {ApiKey, RuleKind::Value, R"(SK[0-9a-f]{32})"},                                                 // Twilio
      {ApiKey, RuleKind::Value, R"(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})"},                            // Grafana
      {ApiKey, RuleKind::Value, R"(hv[sb]\.[A-Za-z0-9_-]{90,})"},                                     // Vault
      {ApiKey, RuleKind::Value, R"(NRAK-[A-Z0-9]{27})"},                                              // New Relic
      {ApiKey, RuleKind::Value, R"(xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})"},                           // Brevo
      {GenericSecret, RuleKind::Value, R"(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})"},  // age
      {BasicAuth, RuleKind::KeyedValue, R"(\bbasic[ \t]+)", true},
      {BearerToken, RuleKind::KeyedValue, R"(\bbearer[ \t]+)", true},
      {ApiKey, RuleKind::KeyedValue, "(?:api[_-]?key|api[_-]?token|subscription[_-]?key)" + sep, true},
      {Password, RuleKind::KeyedValue, "(?:passw" + rest + "|passphrase|pwd|pass|pw)" + sep, true},
      {Password, RuleKind::PhraseValue,
       R"(\b(?:password|passwd|passphrase|pw)(?:[ \t]+for[ \t]+\S{1,64})?[ \t]+(?:is|was|set[ \t]+to|changed[ \t]+to|reset[ \t]+to)[ \t]+)",
       true},
      {GenericSecret, RuleKind::KeyedValue,
       "(?:secret" + rest + "|token" + rest + "|credential" + rest +
           "|creds|private[_-]?key|signing[_-]?key|encryption[_-]?key|account[_-]?key|shared[_-]?access[_-]?key"
           "|auth|cookie|session|pin)" + sep,
       true},
      // Command lines: "mysql -u root -pS3cret", "curl -u user:password", "--password X".
      {Password, RuleKind::KeyedValue, R"([ \t]-p)", false, ValueForm::CommandLine},
      {Password, RuleKind::KeyedValue, R"([ \t](?:-u|--user)(?:[ \t]+|=))", false, ValueForm::CommandLine},
      {Password, RuleKind::KeyedValue, R"([ \t]--pass(?:w(?:or)?d)?(?:[ \t]+|=))", false, ValueForm::CommandLine},
      {Username, RuleKind::KeyedValue, R"([ \t](?:-u|--user(?:name)?)(?:[ \t]+|=)?)", false, ValueForm::CommandLine},
      // Login names.
      {Username, RuleKind::KeyedValue, "(?:user(?:[_.-]?name)?|login|logname|ruser|uname)" + sep, true},
      // "invalid user X", "for user X", "Failed password for X": confirm_login_phrase() checks the
      // word before (a pattern with those common words in front runs several times slower).
      {Username, RuleKind::PhraseValue, R"([ \t]user[ \t]+)", true, ValueForm::LoginPhrase},
      {Username, RuleKind::PhraseValue, R"((?:password|publickey|/pam|none|hostbased)[ \t]+for[ \t]+)", true,
       ValueForm::LoginPhrase},
      // Host names after a host key. (The host field of syslog headers is found by the structured
      // scanner at the timestamp's colons: a pattern for every header line is slow.)
      {Hostname, RuleKind::KeyedValue, "(?:host(?:[_.-]?name)?|rhost|node[_-]?name|server[_-]?name)" + sep, true},
  };
  return r;
}

}  // namespace

const std::vector<DetectionRule>& detection_rules() {
  static const std::vector<DetectionRule> rules = build_rules();
  return rules;
}

}  // namespace tftsr::pii
