#include "core/logs/log_repository.h"

#include <limits>

#include "core/crypto/uuid.h"
#include "core/error.h"
#include "core/pii/pii_type.h"
#include "core/store/database.h"

namespace tftsr {

namespace {
constexpr const char* kSelect =
    "SELECT f.id, f.issue_id, f.file_name, f.file_path, f.file_size, f.mime_type, f.content_hash, f.uploaded_at, "
    "f.redacted, d.text_size, d.line_count, d.encoding, d.notes, d.scanned_at, d.redacted_size, d.redacted_sha256, "
    "d.original_blob, d.redacted_blob "
    "FROM log_files f JOIN log_file_details d ON d.log_file_id = f.id";

std::optional<std::int64_t> optional_int(const Statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return st.integer(col);
}

LogFile read_log(const Statement& st) {
  LogFile l;
  l.id = st.text(0);
  l.issue_id = st.text(1);
  l.file_name = st.text(2);
  l.file_path = st.text(3);
  l.file_size = optional_int(st, 4);
  l.mime_type = st.optional_text(5);
  l.content_hash = st.optional_text(6);
  l.uploaded_at = st.text(7);
  l.redacted = st.integer(8) != 0;
  l.text_size = st.integer(9);
  l.line_count = st.integer(10);
  l.encoding = st.text(11);
  l.notes = st.optional_text(12);
  l.scanned_at = st.optional_text(13);
  l.redacted_size = optional_int(st, 14);
  l.redacted_sha256 = st.optional_text(15);
  l.original_blob = st.text(16);
  l.redacted_blob = st.optional_text(17);
  return l;
}
}  // namespace

void LogRepository::insert(const LogFile& l) {
  auto st = db_.prepare(
      "INSERT INTO log_files(id, issue_id, file_name, file_path, file_size, mime_type, content_hash, uploaded_at, "
      "redacted) VALUES (?,?,?,?,?,?,?,?,?)");
  st.bind(1, l.id).bind(2, l.issue_id).bind(3, l.file_name).bind(4, l.file_path);
  if (l.file_size) st.bind(5, *l.file_size);
  else st.bind_null(5);
  st.bind(6, l.mime_type).bind(7, l.content_hash).bind(8, l.uploaded_at).bind(9, l.redacted ? 1 : 0).run();
  db_.prepare(
         "INSERT INTO log_file_details(log_file_id, original_blob, text_size, line_count, encoding, notes) "
         "VALUES (?,?,?,?,?,?)")
      .bind(1, l.id).bind(2, l.original_blob).bind(3, l.text_size).bind(4, l.line_count).bind(5, l.encoding)
      .bind(6, l.notes)
      .run();
}

std::optional<LogFile> LogRepository::find(const std::string& id) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE f.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_log(st);
}

std::vector<LogFile> LogRepository::for_issue(const std::string& issue_id) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE f.issue_id = ? ORDER BY f.uploaded_at, f.id");
  st.bind(1, issue_id);
  std::vector<LogFile> out;
  while (st.step()) out.push_back(read_log(st));
  return out;
}

void LogRepository::set_scanned(const std::string& id, const std::string& when) {
  db_.prepare("UPDATE log_file_details SET scanned_at = ? WHERE log_file_id = ?").bind(1, when).bind(2, id).run();
}

void LogRepository::set_redacted(const std::string& id, const std::string& blob, std::int64_t size,
                                 const std::string& sha256) {
  db_.prepare(
         "UPDATE log_file_details SET redacted_blob = ?, redacted_size = ?, redacted_sha256 = ? WHERE log_file_id = ?")
      .bind(1, blob).bind(2, size).bind(3, sha256).bind(4, id)
      .run();
  db_.prepare("UPDATE log_files SET redacted = 1 WHERE id = ?").bind(1, id).run();
}

std::set<std::string> LogRepository::all_blobs() {
  std::set<std::string> out;
  auto st = db_.prepare("SELECT original_blob, redacted_blob FROM log_file_details");
  while (st.step()) {
    out.insert(st.text(0));
    if (!st.is_null(1)) out.insert(st.text(1));
  }
  return out;
}

std::vector<std::string> LogRepository::blobs_of_issue(const std::string& issue_id) {
  std::vector<std::string> out;
  auto st = db_.prepare(
      "SELECT d.original_blob, d.redacted_blob FROM log_file_details d JOIN log_files f ON f.id = d.log_file_id "
      "WHERE f.issue_id = ?");
  st.bind(1, issue_id);
  while (st.step()) {
    out.push_back(st.text(0));
    if (!st.is_null(1)) out.push_back(st.text(1));
  }
  return out;
}

namespace {
// Finding ids: UUIDv7s made the way RFC 9562 allows for many in a row (a fixed time and a
// counter in the random part, started at a random value), so a scan's ids are unique, sort in
// text order and cost no random bytes each.
class SpanIds {
 public:
  SpanIds() : id_(uuid_v7()) {
    for (int i = 0; i < 16; ++i) counter_ = counter_ << 4 | hex_value(id_[i < 4 ? 19 + i : 20 + i]);
    counter_ &= (std::uint64_t{1} << 60) - 1;  // room to count up without touching the variant bits
    id_.resize(19);                            // "tttttttt-tttt-7ccc-"
  }
  const std::string& next() {
    static constexpr char kHex[] = "0123456789abcdef";
    const std::uint64_t v = counter_++ | (std::uint64_t{2} << 62);  // variant 10
    id_.resize(19);
    for (int i = 15; i >= 0; --i) {
      id_ += kHex[(v >> (4 * i)) & 0xF];
      if (i == 12) id_ += '-';
    }
    return id_;
  }

 private:
  static std::uint64_t hex_value(char c) {
    return static_cast<std::uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
  }
  std::string id_;
  std::uint64_t counter_ = 0;
};

}  // namespace

ScanSummary LogRepository::replace_spans(const std::string& id, const logs::FoundSpans& found,
                                         const std::vector<Place>& kept) {
  remove_spans(id);
  auto st = db_.prepare(
      "INSERT INTO pii_spans(id, log_file_id, pii_type, start_offset, end_offset, original_value, replacement, action) "
      "VALUES (?,?,?,?,?,?,?,?)");
  ScanSummary summary;
  SpanIds ids;
  auto keep = kept.begin();
  found.for_each([&](const logs::FoundSpans::Place& p, std::string_view value) {
    const auto start = static_cast<std::int64_t>(p.start), end = start + static_cast<std::int64_t>(p.length);
    const std::string_view type = pii::pii_type_name(p.type);
    while (keep != kept.end() && keep->start < start) ++keep;
    bool kept_here = false;
    for (auto k = keep; k != kept.end() && k->start == start && !kept_here; ++k)
      kept_here = k->end == end && k->type == type;
    st.bind_static(1, ids.next()).bind_static(2, id).bind_static(3, type).bind(4, start).bind(5, end).bind_static(6, value)
        .bind_static(7, logs::default_replacement(p.type)).bind_static(8, kept_here ? "keep" : "redact");
    st.run();
    st.reset();
    auto& counts = summary.by_type[std::string(type)];
    ++(kept_here ? counts.keep : counts.redact);
    ++summary.total;
  });
  return summary;
}

void LogRepository::for_each_span(const std::string& id, const std::function<void(const PiiSpan&)>& visit) {
  auto st = db_.prepare(
      "SELECT id, log_file_id, pii_type, start_offset, end_offset, original_value, replacement, action FROM pii_spans "
      "WHERE log_file_id = ? ORDER BY start_offset");
  st.bind(1, id);
  PiiSpan s;
  while (st.step()) {
    s = {st.text(0), st.text(1), st.text(2), st.integer(3), st.integer(4), st.text(5), st.text(6), st.text(7)};
    visit(s);
  }
}

std::vector<PiiSpan> LogRepository::spans(const std::string& id) {
  std::vector<PiiSpan> out;
  for_each_span(id, [&](const PiiSpan& s) { out.push_back(s); });
  return out;
}

logs::RedactionPlan LogRepository::redaction_plan(const std::string& id) {
  auto st = db_.prepare(
      "SELECT pii_type, start_offset, end_offset, replacement, action FROM pii_spans WHERE log_file_id = ? "
      "ORDER BY start_offset");
  st.bind(1, id);
  logs::RedactionPlan plan;
  // Sized once: growing by doubling would briefly hold one and a half times the plan.
  {
    auto count = db_.prepare("SELECT count(*) FROM pii_spans WHERE log_file_id = ?");
    count.bind(1, id);
    if (count.step()) plan.places.reserve(static_cast<std::size_t>(count.integer(0)));
  }
  while (st.step()) {
    const std::string type_name = st.text(0);
    const auto type = pii::pii_type_from_name(type_name);
    if (!type) throw Error(ErrorKind::Internal, "unknown finding type " + type_name);
    const std::int64_t start = st.integer(1), end = st.integer(2);
    if (start < 0 || end < start)
      throw Error(ErrorKind::Storage, "a stored finding has impossible offsets [" + std::to_string(start) + ", " +
                                          std::to_string(end) + ")");
    std::string replacement = st.text(3);
    std::uint32_t custom = 0;
    if (replacement != logs::default_replacement(*type)) {
      plan.custom.push_back(std::move(replacement));
      custom = static_cast<std::uint32_t>(plan.custom.size());
    }
    plan.places.push_back({static_cast<std::uint64_t>(start), static_cast<std::uint64_t>(end), *type,
                           st.text(4) != "keep", custom});
  }
  return plan;
}

std::vector<LogRepository::Place> LogRepository::kept_places(const std::string& id) {
  auto st = db_.prepare(
      "SELECT start_offset, end_offset, pii_type FROM pii_spans WHERE log_file_id = ? AND action = 'keep' "
      "ORDER BY start_offset");
  st.bind(1, id);
  std::vector<Place> out;
  while (st.step()) out.push_back({st.integer(0), st.integer(1), st.text(2)});
  return out;
}

std::int64_t LogRepository::set_action(const std::string& log_id, const std::string& action,
                                       const std::optional<std::string>& span_id,
                                       const std::optional<std::string>& pii_type,
                                       const std::optional<std::string>& value) {
  std::string sql = "UPDATE pii_spans SET action = ? WHERE log_file_id = ?";
  std::vector<std::string> args{action, log_id};
  if (span_id) sql += " AND id = ?", args.push_back(*span_id);
  if (pii_type) sql += " AND pii_type = ?", args.push_back(*pii_type);
  if (value) sql += " AND original_value = ?", args.push_back(*value);
  auto st = db_.prepare(sql);
  for (std::size_t i = 0; i < args.size(); ++i) st.bind(static_cast<int>(i + 1), args[i]);
  st.run();
  return db_.changes();
}

void LogRepository::forget_original_values(const std::string& id) {
  in_batches(id, "UPDATE pii_spans SET original_value = '' WHERE log_file_id = ? AND start_offset >= ? AND start_offset < ?");
}

// How many findings one statement of remove_spans() or in_batches() changes at most.
constexpr std::int64_t kFindingsPerStatement = 50000;

void LogRepository::remove_spans(const std::string& id) {
  // By rowid rather than in_batches' ranges: deleted rows leave the selection by themselves, and
  // measured faster (5.6 s against 7.4 s for 548k findings).
  auto remove = db_.prepare(
      "DELETE FROM pii_spans WHERE rowid IN (SELECT rowid FROM pii_spans WHERE log_file_id = ? LIMIT ?)");
  do {
    remove.bind(1, id).bind(2, kFindingsPerStatement).run();
    remove.reset();
  } while (db_.changes() > 0);
}

void LogRepository::in_batches(const std::string& id, const char* sql) {
  // A statement that may stop half-way keeps the old content of every page it changes, in memory
  // (SQLCipher keeps temporary data out of files), until it ends: an UPDATE over millions of
  // findings held 260 MB more for a 1 GiB log. Run it over ranges of kFindingsPerStatement.
  auto bounds = db_.prepare(
      "SELECT start_offset FROM pii_spans WHERE log_file_id = ? AND start_offset >= ? ORDER BY start_offset "
      "LIMIT 1 OFFSET ?");
  auto change = db_.prepare(sql);
  for (std::int64_t from = std::numeric_limits<std::int64_t>::min();;) {
    bounds.bind(1, id).bind(2, from).bind(3, kFindingsPerStatement);
    const bool more = bounds.step();
    std::int64_t to = more ? bounds.integer(0) : std::numeric_limits<std::int64_t>::max();
    bounds.reset();
    if (to <= from) to = from + 1;  // more than a batch at one offset: take them all
    change.bind(1, id).bind(2, from).bind(3, to);
    change.run();
    change.reset();
    if (!more) return;
    from = to;
  }
}

}  // namespace tftsr
