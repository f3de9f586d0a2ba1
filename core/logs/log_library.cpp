#include "core/logs/log_library.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <tuple>

#include "core/crypto/sha256.h"
#include "core/crypto/uuid.h"
#include "core/error.h"
#include "core/logs/background_hasher.h"
#include "core/logs/log_repository.h"
#include "core/logs/log_scan_pipeline.h"
#include "core/logs/stored_text_reader.h"
#include "core/logs/streaming_redaction.h"
#include "core/logs/text_decoder.h"
#include "core/pii/detector.h"
#include "core/pii/redactor.h"
#include "core/store/database.h"

namespace tftsr {

namespace {

std::string megabytes(std::int64_t bytes) { return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MB"; }

// A read-only view of a whole file without copying it into memory.
class MappedFile {
 public:
  explicit MappedFile(const std::filesystem::path& path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw Error(ErrorKind::Io, "cannot open " + path.string() + ": " + std::strerror(errno));
    struct stat st {};
    if (fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode))
      throw Error(ErrorKind::InvalidInput, path.string() + " is not a regular file");
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ > 0) {
      data_ = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_, 0);
      if (data_ == MAP_FAILED) throw Error(ErrorKind::Io, "cannot read " + path.string() + ": " + std::strerror(errno));
      madvise(data_, size_, MADV_SEQUENTIAL);
    }
  }
  ~MappedFile() {
    if (data_ && data_ != MAP_FAILED) munmap(data_, size_);
    if (fd_ >= 0) ::close(fd_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const {
    return size_ ? std::string_view(static_cast<const char*>(data_), size_) : std::string_view();
  }
  // Drops the pages before `end` from this process (they stay in the page cache): read pages of a
  // mapping count as resident until unmapped, and a 1 GiB import showed a 1 GiB peak.
  void release_before(std::size_t end) {
    const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    end = std::min(end, size_) / page * page;
    if (end <= released_) return;
    madvise(static_cast<char*>(data_) + released_, end - released_, MADV_DONTNEED);
    released_ = end;
  }

 private:
  int fd_ = -1;
  void* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t released_ = 0;
};

void check_disk_space(const std::filesystem::path& dir, std::int64_t needed_text, const std::string& what) {
  struct statvfs vfs {};
  if (statvfs(dir.c_str(), &vfs) != 0) return;
  const auto free = static_cast<std::int64_t>(vfs.f_bavail) * static_cast<std::int64_t>(vfs.f_frsize);
  const std::int64_t needed = needed_text + (std::int64_t{16} << 20);
  if (free < needed)
    throw Error(ErrorKind::Io, "not enough free disk space for " + what + ": it needs about " + megabytes(needed) +
                                   " in " + dir.string() + ", and " + megabytes(free) + " are free");
}

std::int64_t count_newlines(std::string_view text) {
  std::int64_t n = 0;
  for (const char *p = text.data(), *end = text.data() + text.size();
       (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))); ++p)
    ++n;
  return n;
}

std::string blob_name(const std::string& log_id, const char* version) {
  return log_id + "." + version + "." + uuid_v7().substr(24);  // unique per write
}

}  // namespace

LogFile store_log_file(const EncryptedFileStore& content, const std::string& issue_id,
                       const std::filesystem::path& path, const Progress& progress, const LogImportLimits& limits) {
  const std::string what = path.filename().string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw Error(ErrorKind::Io, "no such file: " + path.string());
  MappedFile file(path);
  const std::string_view raw = file.bytes();
  if (raw.empty()) throw Error(ErrorKind::InvalidInput, what + " is empty (0 bytes): there is nothing to import");
  if (static_cast<std::int64_t>(raw.size()) > limits.max_file_size)
    throw Error(ErrorKind::InvalidInput, what + " is " + megabytes(static_cast<std::int64_t>(raw.size())) +
                                             "; the largest log TFTSR imports is " + megabytes(limits.max_file_size));
  check_disk_space(content.dir(), static_cast<std::int64_t>(raw.size()), what);

  LogFile log;
  log.id = uuid_v7();
  log.issue_id = issue_id;
  log.file_name = what;
  log.file_path = std::filesystem::absolute(path, ec).string();
  log.file_size = static_cast<std::int64_t>(raw.size());
  log.uploaded_at = utc_now_text();
  log.original_blob = blob_name(log.id, "original");

  // The hash of the original bytes runs on a second core while this one decodes and seals the
  // same block; then both are done with it and its pages are released.
  constexpr std::size_t kReadBlock = 4 << 20;
  logs::BackgroundHasher hasher;
  try {
    logs::StreamingTextDecoder decoder;
    auto writer = content.create(log.original_blob);
    std::int64_t newlines = 0;
    char last = '\n';
    std::string out;
    auto take = [&] {
      if (out.empty()) return;
      newlines += count_newlines(out);
      last = out.back();
      writer.append(out);
      out.clear();
    };
    for (std::size_t off = 0; off < raw.size(); off += kReadBlock) {
      progress.throw_if_cancelled();
      const std::string_view block = raw.substr(off, kReadBlock);
      hasher.start(block);
      decoder.feed(block, out);
      take();
      hasher.wait();
      file.release_before(off + block.size());
      // Compressed logs grow: keep checking that the text still fits.
      if (decoder.info().gzip && (off / kReadBlock) % 16 == 15)
        check_disk_space(content.dir(), static_cast<std::int64_t>(kReadBlock) * 16, what);
      progress.update(0.95 * static_cast<double>(off) / static_cast<double>(raw.size()), "importing");
    }
    decoder.finish(out);
    take();
    const auto& info = decoder.info();
    log.text_size = static_cast<std::int64_t>(writer.size());
    log.line_count = log.text_size == 0 ? 0 : (last == '\n' ? newlines : newlines + 1);
    log.encoding = info.encoding;
    log.mime_type = info.gzip ? "application/gzip" : "text/plain";
    std::string notes;
    for (const auto& n : info.notes) notes += (notes.empty() ? "" : "; ") + n;
    if (!notes.empty()) log.notes = notes;
    progress.throw_if_cancelled();
    writer.commit();
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Cancelled) throw;
    throw Error(e.kind(), what + ": " + e.what());
  }
  log.content_hash = hasher.finish_hex();
  progress.update(1.0, "imported");
  return log;
}

void record_log(Database& db, const LogFile& log) { LogRepository(db).insert(log); }

std::string read_log_text(const EncryptedFileStore& content, const LogFile& log, bool redacted, std::int64_t offset,
                          std::int64_t length) {
  const std::string& blob = redacted ? log.redacted_blob.value() : log.original_blob;
  const std::int64_t expected = redacted ? log.redacted_size.value_or(0) : log.text_size;
  auto reader = content.open(blob);
  if (static_cast<std::int64_t>(reader.size()) != expected)
    throw Error(ErrorKind::Storage, "the stored text of " + log.file_name + " is damaged (" +
                                        std::to_string(reader.size()) + " bytes instead of " +
                                        std::to_string(expected) + ")");
  if (offset < 0 || length <= 0) return {};
  return reader.read(static_cast<std::uint64_t>(offset), static_cast<std::uint64_t>(length));
}

logs::FoundSpans detect_log_spans(const EncryptedFileStore& content, const LogFile& log,
                                  const pii::PiiDetector& detector, const Progress& progress) {
  progress.update(0.0, "scanning");
  logs::StoredTextReader text(content, log, false);
  logs::FoundSpans found;
  logs::scan_text_stream(
      detector,
      [&](std::string& out) {
        progress.throw_if_cancelled();
        const bool more = text.read(out);
        progress.update(0.9 * text.fraction(), "scanning");
        return more;
      },
      [&](logs::ScannedChunk& scanned) {
        const std::string_view chunk = scanned.chunk.text;
        for (const auto& f : scanned.findings)
          found.add(f, chunk.substr(f.start - scanned.chunk.offset, f.end - f.start));
      });
  progress.throw_if_cancelled();
  progress.update(0.9, "storing findings");
  return found;
}

ScanSummary record_spans(Database& db, const std::string& log_id, const logs::FoundSpans& found) {
  if (!db.in_transaction())
    throw Error(ErrorKind::Internal, "findings are recorded inside the caller's transaction");
  LogRepository repo(db);
  // Only "keep" differs from what a new finding gets: carry those decisions over.
  ScanSummary summary = repo.replace_spans(log_id, found, repo.kept_places(log_id));
  repo.set_scanned(log_id, utc_now_text());
  return summary;
}

RedactionSummary seal_redacted_text(const EncryptedFileStore& content, const LogFile& log,
                                    const logs::RedactionPlan& plan, const Progress& progress) {
  if (!log.scanned_at)
    throw Error(ErrorKind::InvalidInput, "log " + log.file_name + " has not been scanned yet: scan it before redacting");
  RedactionSummary summary;
  // The redacted text is never whole in memory: it is sealed and hashed as it is made, and the
  // redactor only holds the findings of the piece at hand.
  check_disk_space(content.dir(), log.text_size, log.file_name);
  summary.blob = blob_name(log.id, "redacted");
  auto writer = content.create(summary.blob);
  logs::StoredTextReader text(content, log, false);
  logs::StreamingRedactor redactor;
  Sha256 hash;
  std::string piece, out;
  std::array<std::int64_t, pii::kPiiTypeCount> redacted{}, kept{};
  auto next = plan.places.begin();
  for (bool more = true; more;) {
    progress.throw_if_cancelled();
    piece.clear();
    more = text.read(piece);
    const std::uint64_t piece_end = redactor.fed() + piece.size();
    for (; next != plan.places.end() && (next->start < piece_end || !more); ++next) {
      redactor.add({next->type, static_cast<std::size_t>(next->start), static_cast<std::size_t>(next->end),
                    plan.replacement_of(*next)},
                   next->redact);
      ++(next->redact ? redacted : kept)[static_cast<std::size_t>(next->type)];
    }
    out.clear();
    redactor.feed(piece, out);
    hash.update(out);
    writer.append(out);
    progress.update(0.98 * text.fraction(), "redacting");
  }
  redactor.finish();
  progress.throw_if_cancelled();
  for (std::size_t t = 0; t < pii::kPiiTypeCount; ++t) {
    const std::string name(pii::pii_type_name(static_cast<pii::PiiType>(t)));
    if (redacted[t]) summary.redacted[name] = redacted[t];
    if (kept[t]) summary.kept[name] = kept[t];
  }
  summary.size = static_cast<std::int64_t>(writer.size());
  summary.sha256 = hash.finish_hex();
  writer.commit();
  progress.update(1.0, "redacted");
  return summary;
}

void record_redaction(Database& db, const std::string& log_id, const RedactionSummary& summary) {
  LogRepository repo(db);
  repo.set_redacted(log_id, summary.blob, summary.size, summary.sha256);
  repo.forget_original_values(log_id);
}

}  // namespace tftsr
