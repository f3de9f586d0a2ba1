#include "core/pii/domain_names.h"

#include <algorithm>
#include <array>
#include <vector>

namespace tftsr::pii {
namespace {

// Generic TLDs seen in practice plus internal suffixes; two-letter country codes come from
// kCountryCodes. Brand TLDs that read like words in logs (target, service, ...) are left out.
constexpr std::array<std::string_view, 76> kGenericSuffixes = {
    "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "name", "mobi", "app", "dev",
    "cloud", "tech", "online", "site", "xyz", "top", "shop", "store", "blog", "news", "live",
    "email", "group", "global", "company", "solutions", "services", "systems", "network",
    "digital", "media", "agency", "studio", "design", "host", "hosting", "website", "page",
    "zone", "world", "today", "center", "team", "tools", "software", "security", "consulting",
    "finance", "bank", "insurance", "health", "legal", "club", "academy", "support", "example",
    "test", "invalid", "museum", "travel", "jobs", "aero", "coop", "asia", "africa", "berlin",
    "london", "paris", "internal", "local", "corp", "lan", "intranet"};

constexpr std::string_view kCountryCodes =
    "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs "
    "bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee "
    "eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm "
    "hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb "
    "lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz "
    "na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs "
    "ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th tj tk tl tm "
    "tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw";

// Country codes that double as source, script or library file extensions.
constexpr std::array<std::string_view, 24> kFileExtensionSuffixes = {
    "py", "sh", "rs", "md", "so", "pl", "pm", "cc", "ps", "tf", "ml", "in",
    "ac", "am", "mk", "do", "la", "mo", "cf", "cr", "gd", "nu", "st", "mm"};

// Extensions that come before a final one in file names: "config.h.in", "notes.txt.sh".
constexpr std::array<std::string_view, 16> kInnerExtensions = {
    "h", "c", "cc", "cpp", "hpp", "txt", "tar", "json", "yaml", "yml", "xml", "conf", "cfg", "log", "html", "js"};

// Suffixes that are also common field names in dotted property keys ("mapred.task.id",
// "host.name", "log.dir.is"): such a name needs other evidence of being a host.
constexpr std::array<std::string_view, 10> kFieldWordSuffixes = {
    "id", "name", "no", "is", "it", "to", "at", "host", "email", "page"};

// First labels of reversed-domain package names: "com.huawei.health", "android.os.Looper".
constexpr std::array<std::string_view, 14> kPackageRoots = {
    "com", "org", "net", "edu", "gov", "android", "androidx", "java", "javax", "kotlin", "sun", "dalvik",
    "jdk", "io"};

// Suffixes of systemd units and similar dotted names that are never hosts.
constexpr std::array<std::string_view, 11> kUnitSuffixes = {
    "service", "socket", "mount", "target", "timer", "path", "slice", "scope", "device", "swap",
    "automount"};

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alnum(char c) { return is_lower(c) || is_upper(c) || (c >= '0' && c <= '9'); }

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (is_upper(c)) c = static_cast<char>(c + 32);
  }
  return out;
}

// "lower", "UPPER" or mixed: host names are written in one case, at least in their suffix.
enum class Case { Lower, Upper, Mixed, None };
Case case_of(std::string_view s) {
  bool lower = false, upper = false;
  for (char c : s) {
    lower |= is_lower(c);
    upper |= is_upper(c);
  }
  if (lower && upper) return Case::Mixed;
  if (lower) return Case::Lower;
  if (upper) return Case::Upper;
  return Case::None;
}

}  // namespace

const std::string& host_suffix_alternation() {
  static const std::string alternation = [] {
    std::string s;
    for (auto g : kGenericSuffixes) s += std::string(g) + "|";
    s += "home\\.arpa|";
    for (std::size_t i = 0; i < kCountryCodes.size(); i += 3) s += std::string(kCountryCodes.substr(i, 2)) + "|";
    s.pop_back();
    return s;
  }();
  return alternation;
}

bool is_known_host_suffix(std::string_view lower_label) {
  // Called for almost every dot in a log: a bitmap for the two-letter codes, and the longer
  // suffixes bucketed by first letter.
  static const auto tables = [] {
    struct Tables {
      std::array<bool, 26 * 26> country{};
      std::array<std::vector<std::string_view>, 26> generic;
    } t;
    for (std::size_t i = 0; i < kCountryCodes.size(); i += 3)
      t.country[(kCountryCodes[i] - 'a') * 26 + (kCountryCodes[i + 1] - 'a')] = true;
    for (auto g : kGenericSuffixes) t.generic[g[0] - 'a'].push_back(g);
    t.generic['a' - 'a'].push_back("arpa");
    return t;
  }();
  if (lower_label.size() < 2) return false;
  const int a = lower_label[0] - 'a';
  if (a < 0 || a >= 26) return false;
  if (lower_label.size() == 2) {
    const int b = lower_label[1] - 'a';
    return b >= 0 && b < 26 && tables.country[a * 26 + b];
  }
  for (auto g : tables.generic[a]) {
    if (g == lower_label) return true;
  }
  return false;
}

bool is_file_extension_suffix(std::string_view lower_label) {
  return std::find(kFileExtensionSuffixes.begin(), kFileExtensionSuffixes.end(), lower_label) !=
         kFileExtensionSuffixes.end();
}

bool is_plausible_hostname(std::string_view text, std::size_t start, std::size_t end) {
  const auto name = text.substr(start, end - start);
  const char before = start > 0 ? text[start - 1] : ' ';
  const char before2 = start > 1 ? text[start - 2] : ' ';
  const char after = end < text.size() ? text[end] : ' ';
  const char after2 = end + 1 < text.size() ? text[end + 1] : ' ';

  // Part of a longer dotted identifier: java.net.Socket, libssl.so.3, a.b.com.Foo, $x.com.
  if (after == '.' && (is_alnum(after2) || after2 == '_')) return false;
  if (before == '.' || before == '_' || before == '$' || before == '-' || before == '\\') return false;
  if (after == '_' || after == '(') return false;  // method call: logger.info(
  if (after == '=') return false;                    // a property key: "host.name=worker-3"
  if (before == '/' && before2 != '/' && after == '/') return false;  // a directory: /run/secrets/kubernetes.io/

  const auto last_dot = name.rfind('.');
  const auto suffix = name.substr(last_dot + 1);
  const auto lower_suffix = to_lower(suffix);
  if (std::find(kUnitSuffixes.begin(), kUnitSuffixes.end(), lower_suffix) != kUnitSuffixes.end()) return false;

  // Letter case: the last two labels must share one case, and a capitalised suffix ("System.IO",
  // "Foo.Net") reads as a class name, not a host.
  const auto prev_dot = last_dot == 0 ? std::string_view::npos : name.rfind('.', last_dot - 1);
  const auto registered = prev_dot == std::string_view::npos ? name : name.substr(prev_dot + 1);
  const auto registered_case = case_of(registered);
  if (registered_case == Case::Mixed) return false;
  if (registered_case == Case::Upper && prev_dot == std::string_view::npos && suffix.size() <= 3) {
    // "IO.COM"-like two-label all-caps names are rare; "DC01.CORP.LOCAL" has more labels.
    if (case_of(name.substr(0, last_dot)) != Case::Upper) return false;
  }
  // A label of all digits before the suffix, like "1.2.3.com"? Versions end in digits, so a
  // numeric-only first label is fine; but a name made of only digits and one suffix letter pair
  // is a version: "2.0.in".
  bool has_letter_outside_suffix = false;
  for (char c : name.substr(0, last_dot)) has_letter_outside_suffix |= is_lower(c) || is_upper(c);
  if (!has_letter_outside_suffix) return false;

  const auto first_dot = name.find('.');
  const auto first_label = to_lower(name.substr(0, first_dot));
  // "com.example/.MainActivity": no host is named like a reversed domain, even with two labels.
  if (first_dot != std::string_view::npos &&
      std::find(kPackageRoots.begin(), kPackageRoots.end(), first_label) != kPackageRoots.end())
    return false;
  const bool after_scheme_or_at = (before == '/' && before2 == '/') || before == '@';
  if (!after_scheme_or_at &&
      std::find(kFieldWordSuffixes.begin(), kFieldWordSuffixes.end(), lower_suffix) != kFieldWordSuffixes.end()) {
    // "srv-01.corp.id", "db.example.it:5432": a digit, a dash or a port says host.
    const bool port = after == ':' && after2 >= '0' && after2 <= '9';
    const bool marked = std::any_of(name.begin(), name.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
    if (!port && !marked) return false;
  }

  if (is_file_extension_suffix(lower_suffix)) {
    // "README-ci.freebsd.md", "gnutls.h.in": a file name has mixed case or an extension-like
    // label before the suffix.
    if (case_of(name) == Case::Mixed) return false;
    if (prev_dot != std::string_view::npos) {
      const auto before_suffix = to_lower(name.substr(prev_dot + 1, last_dot - prev_dot - 1));
      if (std::find(kInnerExtensions.begin(), kInnerExtensions.end(), before_suffix) != kInnerExtensions.end())
        return false;
    }
    // "main.py", "/opt/run.sh", "lib.rs:12": a file unless the name has three or more labels and
    // is not inside a path; a two-label name counts only right after "//" or "@".
    if (before == '/' && before2 != '/') return false;
    if (after == '/' && !(before == '/' && before2 == '/')) return false;
    const bool three_labels = prev_dot != std::string_view::npos;
    const bool after_scheme = before == '/' && before2 == '/';
    if (!three_labels && !after_scheme && before != '@') return false;
    if (after == ':' && !after_scheme && !three_labels) return false;
  }
  return true;
}

}  // namespace tftsr::pii
