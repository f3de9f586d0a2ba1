// Arbitrary bytes through the text decoder, whole and streamed in uneven pieces. Only
// Error(InvalidInput) may be thrown; the output must be valid UTF-8, and both ways of decoding
// must agree (same text, same error), also when pieces are decoded in place.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/logs/text_decoder.h"

using namespace tftsr::logs;

namespace {

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  DecodeOptions options;
  options.max_decompressed_bytes = 8 << 20;  // keep runs fast; bombs must still be caught
  std::string whole_text, whole_error;
  try {
    whole_text = decode_log_bytes(raw, options).text;
  } catch (const tftsr::Error& e) {
    if (e.kind() != tftsr::ErrorKind::InvalidInput) std::abort();
    whole_error = e.what();
  }
  std::string streamed_text, streamed_error;
  try {
    StreamingTextDecoder decoder(options);
    const std::size_t piece = size == 0 ? 1 : 1 + data[0] % 13;
    for (std::size_t i = 0; i < raw.size(); i += piece) decoder.feed(raw.substr(i, piece), streamed_text);
    decoder.finish(streamed_text);
  } catch (const tftsr::Error& e) {
    if (e.kind() != tftsr::ErrorKind::InvalidInput) std::abort();
    streamed_error = e.what();
  }
  // As a file reader decodes: in place whenever the decoder allows it.
  std::string in_place_text, in_place_error;
  try {
    StreamingTextDecoder decoder(options);
    const std::size_t piece = size == 0 ? 1 : 1 + data[size - 1] % 17;
    for (std::size_t i = 0; i < raw.size(); i += piece) {
      if (decoder.can_decode_in_place()) {
        const std::size_t from = in_place_text.size();
        in_place_text.append(raw.substr(i, piece));
        decoder.feed_in_place(in_place_text, from);
      } else {
        decoder.feed(raw.substr(i, piece), in_place_text);
      }
    }
    decoder.finish(in_place_text);
  } catch (const tftsr::Error& e) {
    if (e.kind() != tftsr::ErrorKind::InvalidInput) std::abort();
    in_place_error = e.what();
  }
  if (whole_error != streamed_error || whole_error != in_place_error) std::abort();
  if (whole_error.empty()) {
    if (whole_text != streamed_text || whole_text != in_place_text) std::abort();
    if (!valid_utf8(whole_text)) std::abort();
  }
  return 0;
}
