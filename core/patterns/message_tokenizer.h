#pragma once
// Splits the message of a log line into tokens (at spaces, tabs and '|') and masks the variable
// ones as <*>: anything holding a digit (numbers, hex, ids, IPs, UUIDs, times, versions), URLs,
// paths, e-mail addresses; of `key=value` and `key:123` only the value. Punctuation around a
// token stays ("(<*>)", "<*>,") so the template still reads like the line.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tftsr::patterns {

inline constexpr std::string_view kWildcard = "<*>";

class MessageTokenizer {
 public:
  // The tokens of `message`, valid until the next call (they point into `message` or into the
  // tokenizer). At most `max_tokens`; the rest of the message is left out.
  const std::vector<std::string_view>& tokenize(std::string_view message, std::size_t max_tokens = 512);

  // Whether a token (without surrounding punctuation) is a variable by itself.
  static bool is_variable(std::string_view core);

 private:
  struct Piece {
    bool own = false;  // in scratch_, else in the message
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
  };
  std::string scratch_;
  std::vector<Piece> pieces_;
  std::vector<std::string_view> tokens_;
};

}  // namespace tftsr::patterns
