#include "core/logs/text_decoder.h"

#include <zlib.h>

#include <array>
#include <cstring>

#include "core/error.h"

namespace tftsr::logs {
namespace {

enum class Charset { Unknown, Utf8, Utf16Le, Utf16Be, Latin1 };

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Length of the valid UTF-8 sequence at s[0..n), 0 if invalid, -1 if it may be valid but is cut
// off by the end of the buffer.
int utf8_sequence_length(const unsigned char* s, std::size_t n) {
  const unsigned char c = s[0];
  if (c < 0x80) return 1;
  int len;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;       // no overlongs
    if (c == 0xED) hi = 0x9F;       // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;       // nothing above U+10FFFF
  } else {
    return 0;
  }
  for (int i = 1; i < len; ++i) {
    if (static_cast<std::size_t>(i) >= n) return -1;
    const unsigned char b = s[i];
    if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return 0;
  }
  return len;
}

// Bytes of valid UTF-8 at the start of b[0..n): stops before an invalid or cut-off sequence.
// Runs of ASCII, most of a log, are checked eight bytes at a time.
std::size_t valid_utf8_run(const unsigned char* b, std::size_t n) {
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, b + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    if (b[i] < 0x80) {
      ++i;
      continue;
    }
    const int len = utf8_sequence_length(b + i, n - i);
    if (len <= 0) break;
    i += static_cast<std::size_t>(len);
  }
  return i;
}

// Some Windows tools write UTF-16 without a byte order mark. ASCII-range text then has a NUL in
// every other byte, on the same side: that pattern, over at least 16 characters, is taken as
// UTF-16 rather than as a binary file.
Charset utf16_without_bom(const unsigned char* b, std::size_t n) {
  n &= ~std::size_t{1};
  if (n < 32) return Charset::Unknown;
  std::size_t zero_even = 0, zero_odd = 0, printable = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    zero_even += b[i] == 0;
    zero_odd += b[i + 1] == 0;
    const unsigned char c = b[i] == 0 ? b[i + 1] : b[i];
    printable += (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r';
  }
  const std::size_t units = n / 2;
  if (printable * 10 < units * 9) return Charset::Unknown;
  if (zero_odd * 10 >= units * 9 && zero_even == 0) return Charset::Utf16Le;
  if (zero_even * 10 >= units * 9 && zero_odd == 0) return Charset::Utf16Be;
  return Charset::Unknown;
}

std::string binary_message(std::string_view what, bool gzip) {
  return "the file looks like a binary file (" + std::string(what) + (gzip ? ", after decompression" : "") +
         "), not a text log";
}

}  // namespace

struct StreamingTextDecoder::State {
  DecodeOptions options;
  DecodeInfo info;
  bool started = false;     // first raw bytes seen and gzip decided
  bool sniffed = false;     // charset decided and binary check done
  std::string pending;      // content bytes waiting for the sniff, or a cut-off sequence
  Charset charset = Charset::Unknown;
  std::uint64_t content_offset = 0;  // offset in the content stream of pending[0]
  bool pending_cr = false;  // last text byte emitted was a '\r' held back
  std::uint64_t emitted_bytes = 0;
  std::uint32_t high_surrogate = 0;
  // gzip
  z_stream zs{};
  bool inflating = false;
  bool gzip_member_done = false;
  std::uint64_t gzip_consumed_before_member = 0;  // compressed bytes of the finished members

  ~State() {
    if (inflating) inflateEnd(&zs);
  }

  // ---- stage 3: line ends -------------------------------------------------------------------
  void emit_text(std::string_view text, std::string& out) {
    if (text.empty()) return;
    const std::size_t out_before = out.size();
    emit_lines(text, out);
    emitted_bytes += out.size() - out_before;
  }

  void emit_lines(std::string_view text, std::string& out) {
    if (pending_cr) {
      pending_cr = false;
      if (text[0] == '\n') {
        info.crlf_converted = true;
      } else {
        out += '\r';
      }
    }
    // Copy runs between '\r' bytes; a '\r' at the very end waits for the next chunk.
    while (!text.empty()) {
      const auto* cr = static_cast<const char*>(std::memchr(text.data(), '\r', text.size()));
      if (cr == nullptr) {
        out.append(text);
        return;
      }
      const std::size_t at = static_cast<std::size_t>(cr - text.data());
      out.append(text.substr(0, at));
      if (at + 1 == text.size()) {
        pending_cr = true;
        return;
      }
      if (text[at + 1] == '\n') {
        info.crlf_converted = true;
      } else {
        out += '\r';
      }
      text.remove_prefix(at + 1);
    }
  }

  // ---- stage 2: charset -------------------------------------------------------------------
  void sniff() {
    const auto* b = reinterpret_cast<const unsigned char*>(pending.data());
    const std::size_t n = pending.size();
    if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
      charset = Charset::Utf8;
      info.byte_order_mark = true;
      info.notes.push_back("removed the UTF-8 byte order mark");
      pending.erase(0, 3);
      content_offset = 3;
    } else if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
      charset = b[0] == 0xFF ? Charset::Utf16Le : Charset::Utf16Be;
      info.byte_order_mark = true;
      info.notes.push_back(std::string("converted UTF-16 ") + (charset == Charset::Utf16Le ? "little" : "big") +
                           "-endian text to UTF-8");
      pending.erase(0, 2);
      content_offset = 2;
    } else if (const Charset guessed = utf16_without_bom(b, std::min(n, options.sniff_bytes)); guessed != Charset::Unknown) {
      charset = guessed;
      info.notes.push_back(std::string("converted UTF-16 ") + (charset == Charset::Utf16Le ? "little" : "big") +
                           "-endian text (without byte order mark) to UTF-8");
    } else {
      charset = Charset::Utf8;
      // Binary check: a NUL byte, or many control bytes (tab, line ends, form feed and ESC for
      // colour codes are ordinary in logs).
      const std::size_t window = std::min(n, options.sniff_bytes);
      std::size_t controls = 0;
      for (std::size_t i = 0; i < window; ++i) {
        const unsigned char c = b[i];
        if (c == 0) throw Error(ErrorKind::InvalidInput, binary_message("NUL byte at offset " + std::to_string(i), info.gzip));
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B) || c == 0x7F)
          ++controls;
      }
      if (window >= 16 && controls * 10 > window) {
        throw Error(ErrorKind::InvalidInput,
                    binary_message(std::to_string(controls * 100 / window) + "% control bytes in the first " +
                                       std::to_string(window) + " bytes",
                                   info.gzip));
      }
    }
    sniffed = true;
  }

  void decode_utf8(std::string& out, bool at_end) {
    const auto* b = reinterpret_cast<const unsigned char*>(pending.data());
    const std::size_t n = pending.size();
    std::size_t i = 0;
    std::size_t run_start = 0;
    while (i < n) {
      if (charset == Charset::Latin1) break;
      if (b[i] < 0x80) {
        ++i;
        continue;
      }
      const int len = utf8_sequence_length(b + i, n - i);
      if (len > 0) {
        i += static_cast<std::size_t>(len);
        continue;
      }
      if (len < 0 && !at_end) break;  // wait for the rest of the sequence
      // Invalid: the rest of the file is read as Latin-1.
      charset = Charset::Latin1;
      const std::uint64_t at = content_offset + i;
      info.encoding = "latin-1 (invalid UTF-8 at byte " + std::to_string(at) + ")";
      info.notes.push_back("the text is not valid UTF-8 (first bad byte at offset " + std::to_string(at) +
                           "): read as Latin-1 from there on");
    }
    emit_text(std::string_view(pending).substr(run_start, i - run_start), out);
    std::string rest;
    if (charset == Charset::Latin1) {
      for (std::size_t k = i; k < n; ++k) append_utf8(rest, b[k]);
      emit_text(rest, out);
      i = n;
    }
    content_offset += i;
    pending.erase(0, i);
  }

  void decode_utf16(std::string& out) {
    const auto* b = reinterpret_cast<const unsigned char*>(pending.data());
    const std::size_t units = pending.size() / 2;
    std::string text;
    text.reserve(units);
    for (std::size_t k = 0; k < units; ++k) {
      const std::uint32_t u = charset == Charset::Utf16Le ? (b[2 * k] | (b[2 * k + 1] << 8)) : ((b[2 * k] << 8) | b[2 * k + 1]);
      const std::uint64_t offset = content_offset + 2 * k;
      if (u == 0 && offset < options.sniff_bytes)
        throw Error(ErrorKind::InvalidInput, binary_message("NUL character at offset " + std::to_string(offset), info.gzip));
      if (high_surrogate != 0) {
        if (u >= 0xDC00 && u <= 0xDFFF) {
          append_utf8(text, 0x10000 + ((high_surrogate - 0xD800) << 10) + (u - 0xDC00));
          high_surrogate = 0;
          continue;
        }
        append_utf8(text, 0xFFFD);  // unpaired high surrogate
        high_surrogate = 0;
      }
      if (u >= 0xD800 && u <= 0xDBFF) {
        high_surrogate = u;
      } else if (u >= 0xDC00 && u <= 0xDFFF) {
        append_utf8(text, 0xFFFD);
      } else {
        append_utf8(text, u);
      }
    }
    emit_text(text, out);
    content_offset += units * 2;
    pending.erase(0, units * 2);
  }

  void content(std::string_view bytes, std::string& out, bool at_end) {
    if (sniffed && charset == Charset::Utf8 && pending.empty()) return content_utf8_direct(bytes, out, at_end);
    info.content_bytes += bytes.size();
    pending.append(bytes);
    if (!sniffed) {
      if (pending.size() < options.sniff_bytes && !at_end) return;
      sniff();
    }
    if (charset == Charset::Utf16Le || charset == Charset::Utf16Be) {
      decode_utf16(out);
    } else {
      decode_utf8(out, at_end);
    }
  }

  // UTF-8 once the start is sniffed and nothing waits: the valid part goes straight to `out`
  // (one copy, not two); what follows it (a cut-off or invalid sequence) takes the long way.
  void content_utf8_direct(std::string_view bytes, std::string& out, bool at_end) {
    info.content_bytes += bytes.size();
    const std::size_t valid = valid_utf8_run(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    emit_text(bytes.substr(0, valid), out);
    content_offset += valid;
    if (valid < bytes.size()) {
      pending.assign(bytes.substr(valid));
      decode_utf8(out, at_end);
    }
  }

  bool can_decode_in_place() const {
    return started && !info.gzip && sniffed && charset == Charset::Utf8 && pending.empty() && !pending_cr;
  }

  // The in-place form of content_utf8_direct(): the valid part stays where it was read, with its
  // CRLFs closed up; what follows it (a cut-off or invalid sequence) takes the long way.
  void content_in_place(std::string& out, std::size_t from) {
    const std::size_t n = out.size() - from;
    info.input_bytes += n;
    info.content_bytes += n;
    const std::size_t valid = valid_utf8_run(reinterpret_cast<const unsigned char*>(out.data() + from), n);
    std::string rest = out.substr(from + valid);
    out.resize(from + valid);
    close_crlf_in_place(out, from);
    emitted_bytes += out.size() - from;
    content_offset += valid;
    if (!rest.empty()) {
      pending = std::move(rest);
      decode_utf8(out, false);
    }
  }

  // emit_lines() on out[from, end) where it lies: each CR of a CRLF is dropped; a CR at the very
  // end waits for the next bytes.
  void close_crlf_in_place(std::string& out, std::size_t from) {
    char* const begin = out.data();
    const char* cr = static_cast<const char*>(std::memchr(begin + from, '\r', out.size() - from));
    if (cr == nullptr) return;
    char* write = begin + (cr - begin);
    const char* read = cr;
    const char* const end = begin + out.size();
    while (read < end) {
      const char* next = static_cast<const char*>(std::memchr(read, '\r', static_cast<std::size_t>(end - read)));
      if (next == nullptr) next = end;
      std::memmove(write, read, static_cast<std::size_t>(next - read));
      write += next - read;
      read = next;
      if (read == end) break;
      if (read + 1 == end) {
        pending_cr = true;
        ++read;
      } else if (read[1] == '\n') {
        info.crlf_converted = true;
        ++read;
      } else {
        *write++ = '\r';
        ++read;
      }
    }
    out.resize(static_cast<std::size_t>(write - begin));
  }

  // ---- stage 1: gzip -------------------------------------------------------------------
  void raw(std::string_view bytes, std::string& out) {
    if (bytes.empty()) return;
    info.input_bytes += bytes.size();
    if (!started) {
      // The magic needs two bytes; a one-byte first chunk waits in `pending`.
      pending.append(bytes);
      if (pending.size() < 2) return;
      started = true;
      std::string first;
      first.swap(pending);
      if (static_cast<unsigned char>(first[0]) == 0x1F && static_cast<unsigned char>(first[1]) == 0x8B) {
        info.gzip = true;
        if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) throw Error(ErrorKind::Internal, "could not start zlib");
        inflating = true;
      }
      if (info.gzip) {
        inflate_bytes(first, out);
      } else {
        content(first, out, false);
      }
      return;
    }
    if (info.gzip) {
      inflate_bytes(bytes, out);
    } else {
      content(bytes, out, false);
    }
  }

  void inflate_bytes(std::string_view bytes, std::string& out) {
    std::array<unsigned char, 64 * 1024> buffer;
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    zs.avail_in = static_cast<uInt>(bytes.size());
    while (zs.avail_in > 0) {
      if (gzip_member_done) {
        // Concatenated gzip members (as `cat a.gz b.gz` makes) decode as one stream.
        gzip_consumed_before_member += zs.total_in;
        if (inflateReset(&zs) != Z_OK) throw Error(ErrorKind::InvalidInput, "the gzip data is corrupt");
        gzip_member_done = false;
      }
      zs.next_out = buffer.data();
      zs.avail_out = buffer.size();
      const int rc = inflate(&zs, Z_NO_FLUSH);
      if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
        throw Error(ErrorKind::InvalidInput, std::string("the gzip data is corrupt (") + (zs.msg ? zs.msg : "zlib error") + ")");
      const std::size_t produced = buffer.size() - zs.avail_out;
      check_bomb(produced);
      content(std::string_view(reinterpret_cast<const char*>(buffer.data()), produced), out, false);
      if (rc == Z_STREAM_END) gzip_member_done = true;
      if (rc == Z_BUF_ERROR && produced == 0) break;
    }
    // Output still held inside zlib for this input.
    while (!gzip_member_done) {
      zs.next_out = buffer.data();
      zs.avail_out = buffer.size();
      const int rc = inflate(&zs, Z_NO_FLUSH);
      const std::size_t produced = buffer.size() - zs.avail_out;
      if (produced == 0) break;
      if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
        throw Error(ErrorKind::InvalidInput, "the gzip data is corrupt");
      check_bomb(produced);
      content(std::string_view(reinterpret_cast<const char*>(buffer.data()), produced), out, false);
      if (rc == Z_STREAM_END) gzip_member_done = true;
    }
  }

  void check_bomb(std::size_t produced) {
    const std::uint64_t total = info.content_bytes + produced;
    if (total > options.max_decompressed_bytes) {
      throw Error(ErrorKind::InvalidInput, "the gzip file expands to more than " +
                                               std::to_string(options.max_decompressed_bytes >> 20) +
                                               " MiB: refused as a possible decompression bomb");
    }
    // The ratio is taken over the compressed bytes consumed so far, so streaming and whole-buffer
    // decoding refuse the same files.
    const std::uint64_t consumed = gzip_consumed_before_member + zs.total_in;
    if (total > (std::uint64_t{64} << 20) &&
        static_cast<double>(total) > options.max_compression_ratio * static_cast<double>(consumed)) {
      throw Error(ErrorKind::InvalidInput, "the gzip file expands more than " +
                                               std::to_string(static_cast<long long>(options.max_compression_ratio)) +
                                               " times: refused as a possible decompression bomb");
    }
  }

  void finish(std::string& out) {
    if (!started) {
      // Fewer than two bytes in total: not gzip.
      started = true;
      std::string first;
      first.swap(pending);
      content(first, out, false);
    }
    if (info.gzip && !gzip_member_done) throw Error(ErrorKind::InvalidInput, "the gzip file is truncated");
    if (info.content_bytes == 0) {
      throw Error(ErrorKind::InvalidInput, info.gzip ? "the file is empty (the gzip file holds no data)" : "the file is empty");
    }
    content({}, out, true);
    // What UTF-16 leaves unfinished: a high surrogate without its pair, then a cut-off byte.
    std::string replacement;
    append_utf8(replacement, 0xFFFD);
    if (high_surrogate != 0) {
      emit_text(replacement, out);
      high_surrogate = 0;
    }
    if (!pending.empty()) {
      if (charset == Charset::Utf16Le || charset == Charset::Utf16Be) emit_text(replacement, out);
      pending.clear();
    }
    if (pending_cr) {
      out += '\r';
      ++emitted_bytes;
      pending_cr = false;
    }
    if (emitted_bytes == 0) throw Error(ErrorKind::InvalidInput, "the file is empty (it holds only a byte order mark)");
    if (info.encoding.empty()) {
      info.encoding = charset == Charset::Utf16Le ? "utf-16le" : charset == Charset::Utf16Be ? "utf-16be" : "utf-8";
    }
    if (info.gzip) {
      info.encoding = "gzip+" + info.encoding;
      info.notes.insert(info.notes.begin(), "decompressed gzip data (" + std::to_string(info.input_bytes) + " -> " +
                                                std::to_string(info.content_bytes) + " bytes)");
    }
    if (info.crlf_converted) info.notes.push_back("converted CRLF line ends to LF");
  }
};

StreamingTextDecoder::StreamingTextDecoder(DecodeOptions options) : state_(std::make_unique<State>()) {
  state_->options = options;
  if (state_->options.sniff_bytes == 0) state_->options.sniff_bytes = 1;
}

StreamingTextDecoder::~StreamingTextDecoder() = default;

void StreamingTextDecoder::feed(std::string_view raw, std::string& out) { state_->raw(raw, out); }

void StreamingTextDecoder::finish(std::string& out) { state_->finish(out); }

bool StreamingTextDecoder::can_decode_in_place() const { return state_->can_decode_in_place(); }

void StreamingTextDecoder::feed_in_place(std::string& out, std::size_t from) {
  if (out.size() > from) state_->content_in_place(out, from);
}

const DecodeInfo& StreamingTextDecoder::info() const { return state_->info; }

DecodedText decode_log_bytes(std::string_view raw, const DecodeOptions& options) {
  StreamingTextDecoder decoder(options);
  DecodedText result;
  result.text.reserve(raw.size());
  decoder.feed(raw, result.text);
  decoder.finish(result.text);
  result.info = decoder.info();
  return result;
}

}  // namespace tftsr::logs
