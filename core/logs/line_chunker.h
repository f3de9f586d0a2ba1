#pragma once
// Cuts a stream of text into chunks of whole lines, so that chunks can be scanned apart (and in
// parallel) and give the findings a scan of the whole text gives. Each chunk owns whole lines
// (about `target` bytes of them, or more when more text came at once; one longer line makes a
// longer chunk: a line is never split)
// and carries context on both sides: the text before it (up to `lookbehind` bytes, from a line
// start when one is near) so a key on the line before its value is seen, and the text after it
// (up to `lookahead` bytes) so a value that starts on the chunk's last line and runs on (a PEM
// block) is seen to its end. A finding belongs to the chunk that owns its first byte.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tftsr::logs {

struct TextChunk {
  std::uint64_t offset = 0;     // of text[0] in the whole text
  std::string text;             // look-behind, the owned lines, look-ahead
  std::size_t owned_begin = 0;  // text[owned_begin, owned_end) is what this chunk owns
  std::size_t owned_end = 0;

  std::uint64_t owned_offset() const { return offset + owned_begin; }
  std::string_view owned_text() const {
    return std::string_view(text).substr(owned_begin, owned_end - owned_begin);
  }
};

class LineChunker {
 public:
  static constexpr std::size_t kDefaultLookbehind = 16 * 1024;
  static constexpr std::size_t kDefaultLookahead = 64 * 1024;

  explicit LineChunker(std::size_t target, std::size_t lookbehind = kDefaultLookbehind,
                       std::size_t lookahead = kDefaultLookahead);

  void append(std::string_view text) { buffer_.append(text); }
  // Where to append the next text without an extra copy (the same as append()).
  std::string& input() { return buffer_; }
  // Gives back the text of a chunk that is done, so its memory serves again.
  void recycle(std::string text);
  // The next complete chunk, if enough text has been appended to cut one.
  std::optional<TextChunk> next();
  // After the last append(): the remaining chunks, one per call, then nullopt.
  std::optional<TextChunk> finish();

  // Bytes appended and not yet handed out as owned text.
  std::size_t buffered() const { return buffer_.size() - start_; }

 private:
  std::optional<TextChunk> cut(bool at_end);
  static void reserve(std::string& text, std::size_t size);
  std::size_t reserve_size() const;

  std::size_t target_;
  std::size_t lookbehind_;
  std::size_t lookahead_;
  std::string buffer_;           // look-behind, then text not yet owned by a chunk
  std::vector<std::string> spares_;  // texts of chunks that are done, to fill again
  std::size_t start_ = 0;        // buffer_[start_] is the first byte not yet owned by a chunk
  std::size_t newline_from_ = 0; // no '\n' in buffer_[start_ + target_, newline_from_): resume there
  std::uint64_t offset_ = 0;     // of buffer_[start_] in the whole text
};

}  // namespace tftsr::logs
