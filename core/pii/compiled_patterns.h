#pragma once
// The detector's vectorscan database. Compiling it takes ~80 ms of CPU at every start of the
// program, as long as scanning 30 MB of log, so the compiled database is kept in a cache
// directory: named by a hash of everything that shapes it (vectorscan's version, each pattern
// with its flags and id), and checked against a SHA-256 of its bytes before vectorscan reads it.
// A missing, stale, damaged or unwritable cache only costs the compilation; it is never an error.
#include <filesystem>
#include <vector>

struct hs_database;  // vectorscan's hs_database_t

namespace tftsr::pii {

struct PatternSet {
  std::vector<const char*> patterns;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
};

// $TFTSR_CACHE_DIR, else $XDG_CACHE_HOME/tftsr, else ~/.cache/tftsr; empty when none is known.
std::filesystem::path default_pattern_cache_dir();

// The compiled database of `set` (the caller frees it with hs_free_database): read from
// `cache_dir` when a valid copy is there, else compiled and written there for next time. An empty
// `cache_dir` compiles every time. Throws Error(Internal) when a pattern does not compile.
hs_database* load_or_compile(const PatternSet& set, const std::filesystem::path& cache_dir);

}  // namespace tftsr::pii
