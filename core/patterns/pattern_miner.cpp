#include "core/patterns/pattern_miner.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <functional>
#include <string>
#include <unordered_map>

#include "core/patterns/line_header.h"
#include "core/patterns/line_kind.h"
#include "core/patterns/message_tokenizer.h"
#include "core/patterns/template_id.h"

namespace tftsr::patterns {

namespace {
constexpr std::size_t kMaxCachedSequences = 500000;   // exact token sequences remembered
constexpr std::size_t kMaxMinutesPerTemplate = 44640;  // 31 days
constexpr std::size_t kMaxMinutesInAll = 4000000;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// A line is compared with at most this many templates of its leaf. Leaves of real logs hold far
// fewer; a flood of distinct lines (random words, ids the tokenizer cannot mask) fills one leaf
// with thousands, and comparing each line with all of them made mining quadratic.
constexpr std::size_t kMaxCandidates = 64;

struct Node {
  std::unordered_map<std::string, std::unique_ptr<Node>, StringHash, std::equal_to<>> children;
  std::vector<std::uint32_t> clusters;  // at the leaves
  // Only once a leaf has more than kMaxCandidates templates: the ones that took a line most
  // recently, latest first; a line is compared with these only.
  std::vector<std::uint32_t> recent;
};

struct Cluster {
  std::vector<std::string> tokens;
  Node* leaf = nullptr;  // where it is in the tree (null for the special templates)
  std::int64_t count = 0;
  std::int64_t first_line = 0;
  std::int64_t last_line = 0;
  std::optional<std::int64_t> first_time;
  std::optional<std::int64_t> last_time;
  LogLevel level = LogLevel::Unknown;
  std::array<std::int64_t, kLogLevelCount> level_counts{};
  std::vector<MinuteCount> minutes;
  std::optional<std::int64_t> first_problem_line, first_problem_time, first_error_line, first_error_time;
  std::vector<ProblemMinute> problem_minutes;
};

void keep_earliest(std::optional<std::int64_t>& slot, const std::optional<std::int64_t>& value) {
  if (value && (!slot || *value < *slot)) slot = value;
}

bool is_wildcard(std::string_view t) { return t == kWildcard; }

// A variable, alone or in punctuation: "<*>", "(<*>)", "<*>,".
bool is_masked(std::string_view t) {
  const auto at = t.find(kWildcard);
  if (at == std::string_view::npos) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (i == at) i += kWildcard.size() - 1;
    else if (std::isalnum(static_cast<unsigned char>(t[i]))) return false;
  }
  return true;
}

// The constant tokens of a template in order, and whether it starts or ends with a variable.
// Templates that agree on it differ only in how many tokens their inner variables took.
std::string constant_signature(const std::vector<std::string>& tokens) {
  std::string s;
  if (!tokens.empty() && is_masked(tokens.front())) s += "*\x1f";
  for (const auto& t : tokens) {
    if (is_masked(t)) continue;
    s += t;
    s += '\x1f';
  }
  if (!tokens.empty() && is_masked(tokens.back())) s += '*';
  return s;
}

int current_year() {
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::floor<std::chrono::days>(now);
  return static_cast<int>(std::chrono::year_month_day(days).year());
}
}  // namespace

struct PatternMiner::State {
  MinerOptions options;
  int year = 0;
  MessageTokenizer tokenizer;
  std::unordered_map<std::size_t, Node> by_length;
  std::vector<Cluster> clusters;
  std::unordered_map<std::uint64_t, std::uint32_t> exact;  // hash of a token sequence -> cluster
  std::optional<std::uint32_t> empty_cluster, binary_cluster, overflow_cluster;
  std::vector<std::uint32_t> line_clusters;
  std::int64_t lines = 0;
  std::int64_t cut_lines = 0;
  std::size_t minute_entries = 0;
  bool minutes_clipped = false;
  std::size_t mined_clusters = 0;  // clusters in the tree (the cap counts these)
  std::uint64_t comparisons = 0;   // of a line with a template

  std::uint32_t special(std::optional<std::uint32_t>& slot, const char* text) {
    if (!slot) {
      slot = static_cast<std::uint32_t>(clusters.size());
      clusters.push_back({{std::string(text)}});
    }
    return *slot;
  }

  static std::uint64_t sequence_hash(const std::vector<std::string_view>& tokens) {
    std::uint64_t h = tokens.size() * 0x9E3779B97F4A7C15ull;
    for (auto t : tokens) h = (h ^ std::hash<std::string_view>{}(t)) * 0x100000001B3ull + 0x7F4A7C15;
    return h;
  }

  static bool fits(const Cluster& c, const std::vector<std::string_view>& tokens) {
    if (c.tokens.size() != tokens.size()) return false;
    for (std::size_t i = 0; i < tokens.size(); ++i)
      if (!is_wildcard(c.tokens[i]) && c.tokens[i] != tokens[i]) return false;
    return true;
  }

  // Share of equal tokens, over the positions where the template or the line has a constant.
  static double similarity(const Cluster& c, const std::vector<std::string_view>& tokens) {
    std::size_t same = 0, counted = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const bool wild_t = is_wildcard(c.tokens[i]), wild_l = is_wildcard(tokens[i]);
      if (wild_t && wild_l) continue;
      ++counted;
      same += !wild_t && c.tokens[i] == tokens[i];
    }
    return counted ? static_cast<double>(same) / static_cast<double>(counted) : 1.0;
  }

  Node* leaf(const std::vector<std::string_view>& tokens, bool create) {
    Node* node;
    if (create) node = &by_length[tokens.size()];
    else {
      auto it = by_length.find(tokens.size());
      if (it == by_length.end()) return nullptr;
      node = &it->second;
    }
    const std::size_t depth = std::min(options.prefix_tokens, tokens.size());
    for (std::size_t i = 0; i < depth; ++i) {
      // Variables share the <*> branch; so do the tokens past a node's max_children.
      const std::string_view key = tokens[i].find(kWildcard) != std::string_view::npos ? kWildcard : tokens[i];
      auto it = node->children.find(key);
      if (it == node->children.end()) {
        const bool room = node->children.size() < options.max_children;
        if (create && room) it = node->children.try_emplace(std::string(key), std::make_unique<Node>()).first;
        else if ((it = node->children.find(kWildcard)) == node->children.end()) {
          if (!create) return nullptr;
          it = node->children.try_emplace(std::string(kWildcard), std::make_unique<Node>()).first;
        }
      }
      node = it->second.get();
    }
    return node;
  }

  // Keeps the templates of a crowded leaf that took a line last at the front of its candidates.
  void touch(Node& node, std::uint32_t id) {
    if (node.clusters.size() <= kMaxCandidates) return;
    auto& r = node.recent;
    if (r.empty()) {  // the leaf just became crowded: start from the templates seen last
      r = node.clusters;
      std::stable_sort(r.begin(), r.end(),
                       [&](std::uint32_t a, std::uint32_t b) { return clusters[a].last_line > clusters[b].last_line; });
      r.resize(kMaxCandidates);
    }
    auto it = std::find(r.begin(), r.end(), id);
    if (it == r.end()) {
      r.pop_back();
      r.insert(r.begin(), id);
    } else {
      std::rotate(r.begin(), it, it + 1);
    }
  }

  std::uint32_t mine(const std::vector<std::string_view>& tokens) {
    const std::uint64_t h = sequence_hash(tokens);
    if (auto it = exact.find(h); it != exact.end() && fits(clusters[it->second], tokens)) {
      if (Node* at = clusters[it->second].leaf) touch(*at, it->second);
      return it->second;
    }
    std::uint32_t chosen;
    Node* node = leaf(tokens, false);
    std::optional<std::uint32_t> best;
    double best_sim = -1;
    if (node) {
      const auto& candidates = node->clusters.size() <= kMaxCandidates ? node->clusters : node->recent;
      for (std::uint32_t id : candidates) {
        ++comparisons;
        const double sim = similarity(clusters[id], tokens);
        if (sim > best_sim) best_sim = sim, best = id;
      }
    }
    if (best && best_sim >= options.similarity) {
      chosen = *best;
      for (std::size_t i = 0; i < tokens.size(); ++i)
        if (!is_wildcard(clusters[chosen].tokens[i]) && clusters[chosen].tokens[i] != tokens[i])
          clusters[chosen].tokens[i] = std::string(kWildcard);
    } else if (mined_clusters >= options.max_templates) {
      return special(overflow_cluster, kOverflowTemplate);
    } else {
      chosen = static_cast<std::uint32_t>(clusters.size());
      clusters.push_back({std::vector<std::string>(tokens.begin(), tokens.end())});
      ++mined_clusters;
      node = leaf(tokens, true);
      clusters[chosen].leaf = node;
      node->clusters.push_back(chosen);
    }
    touch(*clusters[chosen].leaf, chosen);
    if (exact.size() < kMaxCachedSequences) exact.emplace(h, chosen);
    return chosen;
  }

  // The entry of `minute` in a list sorted by minute (appended or inserted), or null when the
  // caps on minutes are reached.
  template <typename Entry>
  Entry* minute_entry(std::vector<Entry>& m, std::int64_t minute) {
    if (!m.empty() && m.back().minute == minute) return &m.back();
    auto it = (m.empty() || m.back().minute < minute)
                  ? m.end()
                  : std::lower_bound(m.begin(), m.end(), minute,
                                     [](const Entry& a, std::int64_t v) { return a.minute < v; });
    if (it != m.end() && it->minute == minute) return &*it;
    if (m.size() >= kMaxMinutesPerTemplate || minute_entries >= kMaxMinutesInAll) {
      minutes_clipped = true;
      return nullptr;
    }
    Entry fresh{};
    fresh.minute = minute;
    ++minute_entries;
    return &*m.insert(it, fresh);
  }

  void count_minute(Cluster& c, std::int64_t minute, LogLevel level) {
    if (auto* e = minute_entry(c.minutes, minute)) ++e->count;
    if (level < LogLevel::Warning) return;
    if (auto* e = minute_entry(c.problem_minutes, minute)) ++(level >= LogLevel::Error ? e->errors : e->warnings);
  }

  void add(std::string_view line, bool cut) {
    const std::int64_t number = ++lines;
    cut_lines += cut;
    if (line.size() > options.max_line_bytes) line = line.substr(0, options.max_line_bytes);
    std::uint32_t id;
    LineHeader header;
    if (is_blank_line(line)) {
      id = special(empty_cluster, kEmptyLineTemplate);
    } else if (looks_binary(line)) {
      id = special(binary_cluster, kBinaryLineTemplate);
    } else {
      header = parse_line_header(line, year);
      const auto& tokens = tokenizer.tokenize(line.substr(header.message_begin), options.max_tokens);
      id = tokens.empty() ? mine(tokenizer.tokenize(line, options.max_tokens)) : mine(tokens);
    }
    Cluster& c = clusters[id];
    if (c.count++ == 0) c.first_line = number;
    c.last_line = number;
    c.level = std::max(c.level, header.level);
    ++c.level_counts[static_cast<std::size_t>(header.level)];
    if (header.level >= LogLevel::Warning) {
      if (!c.first_problem_line) c.first_problem_line = number;
      keep_earliest(c.first_problem_time, header.time);
    }
    if (header.level >= LogLevel::Error) {
      if (!c.first_error_line) c.first_error_line = number;
      keep_earliest(c.first_error_time, header.time);
    }
    if (header.time) {
      if (!c.first_time || *header.time < *c.first_time) c.first_time = header.time;
      if (!c.last_time || *header.time > *c.last_time) c.last_time = header.time;
      count_minute(c, *header.time / 60, header.level);
    }
    if (options.record_lines) line_clusters.push_back(id);
  }
};

PatternMiner::PatternMiner(const MinerOptions& options) : state_(std::make_unique<State>()) {
  state_->options = options;
  if (state_->options.max_line_bytes == 0) state_->options.max_line_bytes = 1;
  state_->year = options.default_year ? options.default_year : current_year();
}

PatternMiner::~PatternMiner() = default;

void PatternMiner::add_line(std::string_view line, bool cut) { state_->add(line, cut); }
std::int64_t PatternMiner::line_count() const { return state_->lines; }
std::size_t PatternMiner::template_count() const { return state_->clusters.size(); }
std::uint64_t PatternMiner::comparisons() const { return state_->comparisons; }

PatternReport PatternMiner::finish() {
  State& s = *state_;
  PatternReport report;
  report.line_count = s.lines;
  report.cut_lines = s.cut_lines;
  // Templates with the same constant tokens in the same order differ only in how many tokens
  // their variables took ("at <*>" and "at <*> <*>", "bytes sent" and "bytes <*> sent"): the
  // tree keeps them apart by token count, here they become one, under the text of the most
  // frequent. Two clusters with the same text (and so the same id) are one template too.
  std::vector<std::string> texts(s.clusters.size());
  {
    std::unordered_map<std::string, std::uint32_t> by_constants;
    for (std::uint32_t i = 0; i < s.clusters.size(); ++i) {
      std::string constants = constant_signature(s.clusters[i].tokens);
      auto [it, fresh] = by_constants.try_emplace(std::move(constants), i);
      auto& best = s.clusters[it->second];
      if (!fresh && (s.clusters[i].count > best.count ||
                     (s.clusters[i].count == best.count && s.clusters[i].first_line < best.first_line)))
        it->second = i;
    }
    std::vector<std::uint32_t> representative(s.clusters.size());
    for (const auto& [constants, i] : by_constants) {
      std::string& text = texts[i];
      for (const auto& t : s.clusters[i].tokens) {
        if (!text.empty()) text += ' ';
        text += t;
      }
    }
    for (std::uint32_t i = 0; i < s.clusters.size(); ++i) {
      const std::uint32_t r = by_constants.at(constant_signature(s.clusters[i].tokens));
      if (r != i) texts[i] = texts[r];
    }
  }
  std::unordered_map<std::string, std::uint32_t> by_id;
  std::vector<std::uint32_t> cluster_to_template(s.clusters.size());
  for (std::size_t i = 0; i < s.clusters.size(); ++i) {
    Cluster& c = s.clusters[i];
    std::string text = texts[i];
    std::string id = template_id(text);
    auto [it, fresh] = by_id.try_emplace(id, static_cast<std::uint32_t>(report.templates.size()));
    cluster_to_template[i] = it->second;
    if (fresh) {
      PatternTemplate t;
      t.id = std::move(id);
      t.text = std::move(text);
      t.level = c.level;
      t.count = c.count;
      t.level_counts = c.level_counts;
      t.first_line = c.first_line;
      t.last_line = c.last_line;
      t.first_time = c.first_time;
      t.last_time = c.last_time;
      t.per_minute = std::move(c.minutes);
      t.first_problem_line = c.first_problem_line;
      t.first_problem_time = c.first_problem_time;
      t.first_error_line = c.first_error_line;
      t.first_error_time = c.first_error_time;
      t.problem_minutes = std::move(c.problem_minutes);
      report.templates.push_back(std::move(t));
      continue;
    }
    PatternTemplate& t = report.templates[it->second];
    t.level = std::max(t.level, c.level);
    t.count += c.count;
    for (std::size_t l = 0; l < t.level_counts.size(); ++l) t.level_counts[l] += c.level_counts[l];
    t.first_line = std::min(t.first_line, c.first_line);
    t.last_line = std::max(t.last_line, c.last_line);
    if (c.first_time && (!t.first_time || *c.first_time < *t.first_time)) t.first_time = c.first_time;
    if (c.last_time && (!t.last_time || *c.last_time > *t.last_time)) t.last_time = c.last_time;
    std::vector<MinuteCount> merged;
    merged.reserve(t.per_minute.size() + c.minutes.size());
    std::merge(t.per_minute.begin(), t.per_minute.end(), c.minutes.begin(), c.minutes.end(), std::back_inserter(merged),
               [](const MinuteCount& a, const MinuteCount& b) { return a.minute < b.minute; });
    t.per_minute.clear();
    for (const auto& m : merged) {
      if (!t.per_minute.empty() && t.per_minute.back().minute == m.minute) t.per_minute.back().count += m.count;
      else t.per_minute.push_back(m);
    }
    keep_earliest(t.first_problem_line, c.first_problem_line);
    keep_earliest(t.first_problem_time, c.first_problem_time);
    keep_earliest(t.first_error_line, c.first_error_line);
    keep_earliest(t.first_error_time, c.first_error_time);
    merge_problem_minutes(t.problem_minutes, c.problem_minutes);
  }
  // Most frequent first; the order of the templates is part of no id.
  std::vector<std::uint32_t> order(report.templates.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const auto& x = report.templates[a];
    const auto& y = report.templates[b];
    return x.count != y.count ? x.count > y.count : x.first_line < y.first_line;
  });
  std::vector<std::uint32_t> rank(order.size());
  std::vector<PatternTemplate> sorted;
  sorted.reserve(order.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    rank[order[i]] = i;
    sorted.push_back(std::move(report.templates[order[i]]));
  }
  report.templates = std::move(sorted);
  if (s.options.record_lines) {
    report.line_templates = std::move(s.line_clusters);
    for (auto& l : report.line_templates) l = rank[cluster_to_template[l]];
  }
  if (s.empty_cluster) report.empty_lines = s.clusters[*s.empty_cluster].count;
  if (s.binary_cluster) report.binary_lines = s.clusters[*s.binary_cluster].count;
  if (s.overflow_cluster) {
    report.capped = true;
    report.notices.push_back("too many distinct patterns: the first " + std::to_string(s.options.max_templates) +
                             " were kept and " + std::to_string(s.clusters[*s.overflow_cluster].count) +
                             " lines that fit none of them are counted as \"" + kOverflowTemplate + "\"");
  }
  if (s.cut_lines)
    report.notices.push_back(std::to_string(s.cut_lines) + " lines longer than " +
                             std::to_string(s.options.max_line_bytes) + " bytes were mined on their start only");
  if (s.binary_cluster)
    report.notices.push_back(std::to_string(report.binary_lines) + " lines look like binary data and are counted as \"" +
                             kBinaryLineTemplate + "\"");
  if (s.minutes_clipped)
    report.notices.push_back("the per-minute counts were clipped: too many distinct minutes");
  const MinerOptions options = s.options;
  const int year = s.year;
  state_ = std::make_unique<State>();
  state_->options = options;
  state_->year = year;
  return report;
}

}  // namespace tftsr::patterns
