#pragma once
#include <array>
#include <filesystem>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace tftsr {

// Incremental SHA-256 for inputs too big to hold at once (imported logs, images).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view data);
  std::array<std::uint8_t, 32> finish();
  std::string finish_hex();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::string sha256_hex(std::string_view data);
// Of a whole file, read in pieces; Error(Storage) if it cannot be read.
std::string sha256_file_hex(const std::filesystem::path& path);
std::string to_hex(const std::uint8_t* data, std::size_t size);

}  // namespace tftsr
