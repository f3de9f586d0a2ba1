#include "core/pii/compiled_patterns.h"

#include <hs/hs.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>

#include "core/crypto/sha256.h"
#include "core/error.h"

namespace tftsr::pii {
namespace {

// File layout: magic, SHA-256 of the payload, payload (hs_serialize_database's bytes).
constexpr std::string_view kMagic = "TFTSR-HSDB-1\n";
constexpr std::size_t kDigestSize = 32;

std::string digest(std::string_view bytes) {
  Sha256 h;
  h.update(bytes);
  const auto d = h.finish();
  return std::string(reinterpret_cast<const char*>(d.data()), d.size());
}

// Names the database by what shapes it, so a new build with other patterns never reads it.
std::string cache_key(const PatternSet& set) {
  Sha256 h;
  h.update(hs_version());
  h.update(std::string_view("\0", 1));
  for (std::size_t k = 0; k < set.patterns.size(); ++k) {
    h.update(set.patterns[k]);
    h.update(std::string_view("\0", 1));
    h.update(std::to_string(set.flags[k]) + "/" + std::to_string(set.ids[k]) + "\n");
  }
  return h.finish_hex().substr(0, 32);
}

hs_database_t* compile(const PatternSet& set) {
  hs_database_t* database = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(set.patterns.data(), set.flags.data(), set.ids.data(), static_cast<unsigned>(set.patterns.size()),
                       HS_MODE_BLOCK, nullptr, &database, &error) != HS_SUCCESS) {
    std::string message = error && error->message ? error->message : "unknown error";
    const int which = error ? error->expression : -1;
    hs_free_compile_error(error);
    throw Error(ErrorKind::Internal, "the PII patterns do not compile (pattern " + std::to_string(which) + ": " +
                                         message + ")");
  }
  return database;
}

hs_database_t* load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() <= kMagic.size() + kDigestSize || bytes.compare(0, kMagic.size(), kMagic) != 0) return nullptr;
  const std::string_view payload = std::string_view(bytes).substr(kMagic.size() + kDigestSize);
  if (bytes.compare(kMagic.size(), kDigestSize, digest(payload)) != 0) return nullptr;
  hs_database_t* database = nullptr;
  // Also refuses a database built for a CPU this one lacks (HS_DB_PLATFORM_ERROR).
  if (hs_deserialize_database(payload.data(), payload.size(), &database) != HS_SUCCESS) return nullptr;
  return database;
}

// Written under a temporary name and renamed, so a reader never sees half a file.
void store(const std::filesystem::path& dir, const std::filesystem::path& file, const hs_database_t* database) {
  char* bytes = nullptr;
  std::size_t size = 0;
  if (hs_serialize_database(database, &bytes, &size) != HS_SUCCESS) return;
  const std::unique_ptr<char, decltype(&std::free)> owned(bytes, &std::free);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return;
  const std::string_view payload(bytes, size);
  auto temp = file;
  temp += ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << kMagic << digest(payload) << payload;
    out.close();
    if (!out) {
      std::filesystem::remove(temp, ec);
      return;
    }
  }
  std::filesystem::rename(temp, file, ec);
  if (ec) std::filesystem::remove(temp, ec);
}

}  // namespace

std::filesystem::path default_pattern_cache_dir() {
  auto env = [](const char* name) -> const char* {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
  };
  if (const char* d = env("TFTSR_CACHE_DIR")) return d;
  if (const char* x = env("XDG_CACHE_HOME")) return std::filesystem::path(x) / "tftsr";
  if (const char* h = env("HOME")) return std::filesystem::path(h) / ".cache" / "tftsr";
  return {};
}

hs_database_t* load_or_compile(const PatternSet& set, const std::filesystem::path& cache_dir) {
  if (cache_dir.empty()) return compile(set);
  const auto file = cache_dir / ("pii-patterns-" + cache_key(set) + ".hsdb");
  if (hs_database_t* cached = load(file)) return cached;
  hs_database_t* database = compile(set);
  store(cache_dir, file, database);
  return database;
}

}  // namespace tftsr::pii
