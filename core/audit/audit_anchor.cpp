#include "core/audit/audit_anchor.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

#include "core/crypto/sha256.h"
#include "core/error.h"
#include "core/store/database.h"

namespace tftsr {

namespace {
constexpr const char* kMagic = "tftsr-audit-anchor 1";

std::string body_of(const AuditHead& head) {
  return std::string(kMagic) + "\ncount " + std::to_string(head.count) + "\nhash " + head.hash + "\n";
}

std::string mac_of(const std::string& body, const AuditAnchor::Key& key) {
  std::array<std::uint8_t, 32> mac{};
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(body.data()),
            body.size(), mac.data(), &len))
    throw Error(ErrorKind::Internal, "HMAC failed");
  return to_hex(mac.data(), len);
}

struct Parsed {
  AuditHead head;
  std::string body, mac;
};

// nullopt if the text is not an anchor at all.
std::optional<Parsed> parse(const std::string& text) {
  std::istringstream in(text);
  std::string magic, count_word, hash_word, mac_word;
  Parsed p;
  if (!std::getline(in, magic) || magic != kMagic) return std::nullopt;
  if (!(in >> count_word >> p.head.count >> hash_word >> p.head.hash >> mac_word >> p.mac)) return std::nullopt;
  if (count_word != "count" || hash_word != "hash" || mac_word != "mac" || p.head.count < 0) return std::nullopt;
  p.body = body_of(p.head);
  if (text != p.body + "mac " + p.mac + "\n") return std::nullopt;
  return p;
}

std::optional<std::string> read_all(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Temporary file, fsync, rename: the anchor is the old one or the new one, never half of each.
void replace_file(const std::filesystem::path& file, const std::string& bytes) {
  std::filesystem::path tmp = file;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw Error(ErrorKind::Storage, "cannot write the audit anchor " + file.string());
  bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  std::error_code ec;
  if (ok) std::filesystem::rename(tmp, file, ec);
  if (!ok || ec) {
    std::filesystem::remove(tmp, ec);
    throw Error(ErrorKind::Storage, "cannot write the audit anchor " + file.string());
  }
}
}  // namespace

AuditAnchor::AuditAnchor(std::filesystem::path file, KeySource key) : file_(std::move(file)), key_(std::move(key)) {}

AuditHead AuditAnchor::head_of(Database& db) {
  auto st = db.prepare("SELECT seq, entry_hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1");
  if (!st.step()) return {};
  return {st.integer(0), st.text(1)};
}

void AuditAnchor::load(Database& db) {
  auto text = read_all(file_);
  auto parsed = text ? parse(*text) : std::nullopt;
  frozen_ = text ? !parsed : head_of(db).count > 0;
  anchored_ = parsed ? parsed->head : AuditHead{};
}

void AuditAnchor::advance(Database& db) {
  if (!anchored_) load(db);
  if (frozen_) return;
  AuditHead head = head_of(db);
  if (head.count <= anchored_->count) return;
  if (anchored_->count > 0) {
    auto st = db.prepare("SELECT entry_hash FROM audit_log WHERE seq = ?");
    st.bind(1, anchored_->count);
    if (!st.step() || st.text(0) != anchored_->hash) return;  // keep the evidence for verify
  }
  const Key key = key_();
  if (!mac_checked_) {
    // Once per process, before the file read at open is first written over: a forged anchor
    // (its count and hash right, its MAC not) is evidence too.
    const auto text = read_all(file_);
    const auto parsed = text ? parse(*text) : std::nullopt;
    if (parsed) {
      const std::string expected = mac_of(parsed->body, key);
      if (parsed->mac.size() != expected.size() ||
          CRYPTO_memcmp(expected.data(), parsed->mac.data(), expected.size()) != 0) {
        frozen_ = true;
        return;
      }
    }
    mac_checked_ = true;
  }
  write(head, key);
}

void AuditAnchor::write(const AuditHead& head, const Key& key) {
  std::string body = body_of(head);
  replace_file(file_, body + "mac " + mac_of(body, key) + "\n");
  anchored_ = head;
  mac_checked_ = true;  // the file is ours now
}

std::optional<std::string> AuditAnchor::snapshot() const { return read_all(file_); }

bool AuditAnchor::holds_up(Database& db) {
  AuditVerification v;
  v.entries = head_of(db).count;
  check(db, v);
  return v.ok;
}

void AuditAnchor::check(Database& db, AuditVerification& v) {
  if (!v.ok) return;
  const std::string name = file_.filename().string();
  auto text = read_all(file_);
  if (!text) {
    if (v.entries == 0) return;
    v.ok = false;
    v.message = "the audit anchor (" + name +
                ") is missing: the chain's own links cannot show whether its newest entries were removed";
    return;
  }
  auto parsed = parse(*text);
  if (!parsed) {
    v.ok = false;
    v.message = "the audit anchor (" + name + ") is damaged: it is not an anchor file TFTSR wrote";
    return;
  }
  Key key = key_();
  std::string expected = mac_of(parsed->body, key);
  OPENSSL_cleanse(key.data(), key.size());
  if (parsed->mac.size() != expected.size() ||
      CRYPTO_memcmp(expected.data(), parsed->mac.data(), expected.size()) != 0) {
    v.ok = false;
    v.message = "the audit anchor (" + name +
                ") fails authentication: it was altered, or written under another passphrase or store";
    return;
  }
  const AuditHead& a = parsed->head;
  if (a.count > v.entries) {
    v.ok = false;
    v.message = "the audit chain ends at entry #" + std::to_string(v.entries) + " but its anchor records #" +
                std::to_string(a.count) + ": the newest " + std::to_string(a.count - v.entries) +
                " entries were removed";
    return;
  }
  if (a.count > 0) {
    auto st = db.prepare("SELECT entry_hash FROM audit_log WHERE seq = ?");
    st.bind(1, a.count);
    if (!st.step() || st.text(0) != a.hash) {
      v.ok = false;
      v.message = "audit entry #" + std::to_string(a.count) +
                  " is not the entry its anchor records: the chain was cut back and written again from there";
      return;
    }
  }
  v.message += a.count == v.entries ? ", and it ends where its anchor records"
                                    : ", and it holds its anchor's entry #" + std::to_string(a.count);
}

}  // namespace tftsr
