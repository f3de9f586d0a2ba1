#include "core/pii/detection_rules.h"


namespace tftsr::pii {
namespace {

std::vector<DetectionRule> build_rules() {
  using enum PiiType;
  // Key patterns end at the separator; a JSON key may be quoted and escaped ("\"password\":").
  const std::string sep = R"(\\?["']?\s*[:=])";
  std::vector<DetectionRule> r = {
      {PrivateKey, RuleKind::PemBlock, "-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----"},
      {UrlWithCredentials, RuleKind::Value,
       R"([A-Za-z][A-Za-z0-9+.-]*://[^\s/:@"'<>]+:[^\s/@"'<>]+@[A-Za-z0-9._-]+(?::\d{1,5})?)"},
      {SlackWebhook, RuleKind::Value,
       R"(https://hooks\.slack\.com/(?:services|workflows)/T[A-Z0-9]{6,12}/[AB][A-Z0-9]{6,12}/[A-Za-z0-9]{16,48})"},
      {Jwt, RuleKind::Value, R"(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)"},
      {AwsAccessKey, RuleKind::Value, R"((?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16})"},
      {GitHubToken, RuleKind::Value, R"((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"},
      {GitLabToken, RuleKind::Value, R"(gl(?:pat|ptt|dt|rt|soat|cbt|ft|imt)-[A-Za-z0-9_-]{20,})"},
      {SlackToken, RuleKind::Value, R"(xox[abposre]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,})"},
      {StripeKey, RuleKind::Value, R"((?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,})"},
      {AnthropicKey, RuleKind::Value, R"(sk-ant-[A-Za-z0-9_-]{20,})"},
      {OpenAiKey, RuleKind::Value, R"(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,})"},
      {GoogleApiKey, RuleKind::Value, R"(AIza[0-9A-Za-z_-]{35})"},
      {BasicAuth, RuleKind::KeyedValue, R"(\bbasic[ \t]+)", true},
      {BearerToken, RuleKind::KeyedValue, R"(\bbearer[ \t]+)", true},
      {ApiKey, RuleKind::KeyedValue, "(?:api[_-]?key|api[_-]?token|subscription[_-]?key)" + sep, true},
      {Password, RuleKind::KeyedValue, "(?:password|passwd|passphrase|pwd|pass|pw)" + sep, true},
      {Password, RuleKind::PhraseValue,
       R"(\b(?:password|passwd|passphrase|pw)(?:[ \t]+for[ \t]+\S{1,64})?[ \t]+(?:is|was|set[ \t]+to|changed[ \t]+to|reset[ \t]+to)[ \t]+)",
       true},
      {GenericSecret, RuleKind::KeyedValue, "(?:secret|token|secret[_-]?key|secret[_-]access[_-]key)" + sep, true},
  };
  return r;
}

}  // namespace

const std::vector<DetectionRule>& detection_rules() {
  static const std::vector<DetectionRule> rules = build_rules();
  return rules;
}

}  // namespace tftsr::pii
