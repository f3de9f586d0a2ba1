#pragma once
// Turns the bytes of a log file into UTF-8 text with LF line ends: gzip is inflated (concatenated
// members too), a UTF-8 BOM dropped, UTF-16 converted (with a BOM, or without one when the first
// bytes show the NUL-every-other-byte pattern of ASCII text), invalid UTF-8 read as Latin-1 from
// the first bad byte on, CRLF turned into LF (a lone CR is kept). Binary files (a NUL byte, or
// more than 10% control bytes, in the first 8 KiB) and empty files are refused with
// Error(InvalidInput).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tftsr::logs {

struct DecodeOptions {
  // Guards against decompression bombs: inflating stops with an error past either limit.
  std::uint64_t max_decompressed_bytes = std::uint64_t{16} << 30;
  double max_compression_ratio = 1000.0;  // checked once the output passes 64 MiB
  // How much of the (decompressed) start of the file is checked for binary content.
  std::size_t sniff_bytes = 8192;
};

struct DecodeInfo {
  // "utf-8", "utf-16le", "utf-16be" or "latin-1 (invalid UTF-8 at byte N)", prefixed with
  // "gzip+" when the file was compressed. N counts bytes of the decompressed content.
  std::string encoding;
  bool gzip = false;
  bool byte_order_mark = false;
  bool crlf_converted = false;       // at least one CRLF became LF
  std::uint64_t input_bytes = 0;     // bytes given to the decoder
  std::uint64_t content_bytes = 0;   // after decompression, before charset conversion
  std::vector<std::string> notes;    // readable sentences for the user, one per adjustment
};

struct DecodedText {
  std::string text;  // UTF-8, LF line ends
  DecodeInfo info;
};

DecodedText decode_log_bytes(std::string_view raw, const DecodeOptions& options = {});

// The same decoding a chunk at a time, for files too large to hold twice in memory:
//   StreamingTextDecoder d; std::string out;
//   while (read(chunk)) { d.feed(chunk, out); consume(out); out.clear(); }
//   d.finish(out); consume(out);
// Output is identical to decode_log_bytes() on the concatenated input, whatever the chunking.
class StreamingTextDecoder {
 public:
  explicit StreamingTextDecoder(DecodeOptions options = {});
  ~StreamingTextDecoder();
  StreamingTextDecoder(const StreamingTextDecoder&) = delete;
  StreamingTextDecoder& operator=(const StreamingTextDecoder&) = delete;

  // Appends the UTF-8 text decoded so far to `out`.
  void feed(std::string_view raw, std::string& out);
  // True when raw bytes may be read straight into the output and decoded where they lie (plain
  // UTF-8 after the first bytes, nothing held back): feed_in_place() then saves feed()'s copy.
  bool can_decode_in_place() const;
  // out[from, end) holds raw bytes just read: leaves there what feed() of those bytes would have
  // appended to out[0, from).
  void feed_in_place(std::string& out, std::size_t from);
  // Flushes what is left; throws for an empty file or a truncated gzip stream.
  void finish(std::string& out);

  const DecodeInfo& info() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tftsr::logs
