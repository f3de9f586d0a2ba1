#include <doctest/doctest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/logs/text_decoder.h"

using tftsr::Error;
using tftsr::ErrorKind;
using namespace tftsr::logs;

namespace {

const std::string kText =
    "2024-03-01 12:00:00 INFO Grüße from Zürich, user=renée@example.com\n2024-03-01 12:00:01 WARN 東京 disk 91%\n";

std::string data_file(const std::string& name) {
  std::ifstream in(std::filesystem::path(TFTSR_TEST_DATA_DIR) / "text_decoder" / name, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string gzip(std::string_view data) {
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// Decodes `raw` fed in pieces of `piece` bytes.
DecodedText decode_in_pieces(std::string_view raw, std::size_t piece, DecodeOptions options = {}) {
  StreamingTextDecoder decoder(options);
  DecodedText result;
  for (std::size_t i = 0; i < raw.size(); i += piece) decoder.feed(raw.substr(i, piece), result.text);
  decoder.finish(result.text);
  result.info = decoder.info();
  return result;
}

// As a file reader decodes: each piece is appended raw and decoded where it lies whenever the
// decoder allows it, else fed. Counts the pieces decoded in place.
DecodedText decode_in_place(std::string_view raw, std::size_t piece, DecodeOptions options,
                            std::size_t& in_place_pieces) {
  StreamingTextDecoder decoder(options);
  DecodedText result;
  in_place_pieces = 0;
  for (std::size_t i = 0; i < raw.size(); i += piece) {
    if (decoder.can_decode_in_place()) {
      const std::size_t from = result.text.size();
      result.text.append(raw.substr(i, piece));
      decoder.feed_in_place(result.text, from);
      ++in_place_pieces;
    } else {
      decoder.feed(raw.substr(i, piece), result.text);
    }
  }
  decoder.finish(result.text);
  result.info = decoder.info();
  return result;
}

std::string error_message(std::string_view raw, DecodeOptions options = {}) {
  try {
    decode_log_bytes(raw, options);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::InvalidInput);
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("plain UTF-8 passes through") {
  const auto d = decode_log_bytes(data_file("utf8.log"));
  CHECK(d.text == kText);
  CHECK(d.info.encoding == "utf-8");
  CHECK_FALSE(d.info.byte_order_mark);
  CHECK_FALSE(d.info.crlf_converted);
  CHECK(d.info.notes.empty());
}

TEST_CASE("a UTF-8 byte order mark is removed") {
  const auto d = decode_log_bytes(data_file("utf8_bom.log"));
  CHECK(d.text == kText);
  CHECK(d.info.encoding == "utf-8");
  CHECK(d.info.byte_order_mark);
}

TEST_CASE("UTF-16 with a byte order mark becomes UTF-8") {
  const auto le = decode_log_bytes(data_file("utf16le_bom.log"));
  CHECK(le.text == kText);
  CHECK(le.info.encoding == "utf-16le");
  CHECK(le.info.crlf_converted);
  const auto be = decode_log_bytes(data_file("utf16be_bom.log"));
  CHECK(be.text == kText);
  CHECK(be.info.encoding == "utf-16be");
  // Surrogate pairs: U+1F600 in UTF-16LE is 3D D8 00 DE.
  const std::string emoji("\xFF\xFE" "a\0" "\x3D\xD8\x00\xDE" "b\0", 10);
  CHECK(decode_log_bytes(emoji).text == "a\xF0\x9F\x98\x80" "b");
  // A cut-off unit and an unpaired surrogate become U+FFFD, after a held-back CR.
  CHECK(decode_log_bytes(std::string("\xFF\xFE" "a\0\r\0\x3D\xD8" "x", 9)).text == "a\r\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("UTF-16 without a byte order mark is recognised by its NUL pattern") {
  std::string le, be;
  for (char c : std::string("2024-03-01 12:00:00 INFO service started\r\n")) {
    le += c;
    le += '\0';
    be += '\0';
    be += c;
  }
  const auto d = decode_log_bytes(le);
  CHECK(d.text == "2024-03-01 12:00:00 INFO service started\n");
  CHECK(d.info.encoding == "utf-16le");
  CHECK(decode_log_bytes(be).info.encoding == "utf-16be");
  // Too short to tell: a NUL byte is a NUL byte.
  CHECK_THROWS_AS(decode_log_bytes(std::string("a\0b\0", 4)), Error);
}

TEST_CASE("invalid UTF-8 falls back to Latin-1 and says where") {
  const auto d = decode_log_bytes(data_file("latin1.log"));
  CHECK(d.text == "2024-03-01 12:00:00 INFO café crème brûlée\n");
  CHECK(d.info.encoding == "latin-1 (invalid UTF-8 at byte 28)");
  CHECK(d.info.notes.size() == 1);
  // Overlong encodings and surrogates are not UTF-8 either.
  CHECK(decode_log_bytes("a\xC0\xAF").info.encoding == "latin-1 (invalid UTF-8 at byte 1)");
  CHECK(decode_log_bytes("ab\xED\xA0\x80").info.encoding == "latin-1 (invalid UTF-8 at byte 2)");
  // A sequence cut off by the end of the file.
  CHECK(decode_log_bytes("abc\xE6\x9D").info.encoding == "latin-1 (invalid UTF-8 at byte 3)");
}

TEST_CASE("CRLF becomes LF — lone CR stays") {
  const auto d = decode_log_bytes(data_file("crlf.log"));
  CHECK(d.text == kText);
  CHECK(d.info.crlf_converted);
  CHECK(decode_log_bytes("a\rb\r\nc\r").text == "a\rb\nc\r");
}

TEST_CASE("gzip is inflated") {
  const auto d = decode_log_bytes(data_file("utf8.log.gz"));
  CHECK(d.text == kText);
  CHECK(d.info.encoding == "gzip+utf-8");
  CHECK(d.info.gzip);
  CHECK(d.info.content_bytes == kText.size());
  // Concatenated members decode as one stream.
  CHECK(decode_log_bytes(gzip("first\n") + gzip("second\n")).text == "first\nsecond\n");
  // UTF-16 inside gzip.
  CHECK(decode_log_bytes(gzip(data_file("utf16le_bom.log"))).info.encoding == "gzip+utf-16le");
}

TEST_CASE("truncated or corrupt gzip is an error") {
  const auto gz = gzip(kText);
  CHECK(error_message(gz.substr(0, gz.size() - 10)).find("truncated") != std::string::npos);
  std::string corrupt = gz;
  corrupt[12] = static_cast<char>(corrupt[12] ^ 0x55);
  corrupt[13] = static_cast<char>(corrupt[13] ^ 0x55);
  CHECK(error_message(corrupt).find("gzip") != std::string::npos);
}

TEST_CASE("decompression bombs are refused") {
  const std::string zeros_text(4 << 20, 'a');
  const auto bomb = gzip(zeros_text);
  DecodeOptions limit;
  limit.max_decompressed_bytes = 1 << 20;
  CHECK(error_message(bomb, limit).find("decompression bomb") != std::string::npos);
  DecodeOptions roomy;
  CHECK(decode_log_bytes(bomb, roomy).text.size() == zeros_text.size());
}

TEST_CASE("binary files are refused with the offset of the first NUL") {
  CHECK(error_message(data_file("binary.png")) ==
        "the file looks like a binary file (NUL byte at offset 8), not a text log");
  CHECK(error_message(gzip(std::string("abc\0def", 7))) ==
        "the file looks like a binary file (NUL byte at offset 3, after decompression), not a text log");
  std::string controls;
  for (int i = 0; i < 200; ++i) controls += (i % 3 == 0) ? '\x01' : 'x';
  CHECK(error_message(controls).find("% control bytes") != std::string::npos);
  // Colour codes (ESC) and tabs are ordinary in logs.
  CHECK(decode_log_bytes("\x1b[31mERROR\x1b[0m\tdisk full\n").text == "\x1b[31mERROR\x1b[0m\tdisk full\n");
}

TEST_CASE("an empty file is refused") {
  CHECK(error_message(data_file("empty.log")) == "the file is empty");
  CHECK(error_message(gzip("")) == "the file is empty (the gzip file holds no data)");
  CHECK(error_message("\xEF\xBB\xBF") == "the file is empty (it holds only a byte order mark)");
  CHECK(error_message("\xFF\xFE") == "the file is empty (it holds only a byte order mark)");
}

TEST_CASE("a 10 MB single line decodes") {
  std::string line(10 * 1024 * 1024, 'x');
  line += "\r\n";
  const auto d = decode_log_bytes(line);
  CHECK(d.text.size() == 10 * 1024 * 1024 + 1);
  CHECK(d.text.back() == '\n');
}

TEST_CASE("streaming gives the same result for every chunking") {
  for (const char* name : {"utf8.log", "utf8_bom.log", "utf16le_bom.log", "utf16be_bom.log", "latin1.log", "crlf.log",
                           "utf8.log.gz"}) {
    const auto raw = data_file(name);
    const auto whole = decode_log_bytes(raw);
    for (std::size_t piece : {1, 2, 3, 7, 64}) {
      INFO(name << " in pieces of " << piece);
      const auto streamed = decode_in_pieces(raw, piece);
      CHECK(streamed.text == whole.text);
      CHECK(streamed.info.encoding == whole.info.encoding);
      CHECK(streamed.info.crlf_converted == whole.info.crlf_converted);
    }
  }
}

TEST_CASE("decoding in place gives what feeding gives") {
  DecodeOptions options;
  options.sniff_bytes = 4;  // decided early, so most pieces go in place
  const std::string inputs[] = {
      "plain line one\nline two\n",
      "crlf line\r\nnext\r\n\r\nlone \r cr\r\rdouble\r\n",
      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 multibyte cut across pieces\n\xc3\xa9",
      "valid start\n then \xff invalid: latin-1 from here \xe9\r\n",
      "ends with a cr\r",
  };
  for (const auto& raw : inputs) {
    const auto whole = decode_log_bytes(raw, options);
    for (std::size_t piece : {1, 2, 3, 5, 7, 64}) {
      INFO(raw << " in pieces of " << piece);
      std::size_t in_place = 0;
      const auto decoded = decode_in_place(raw, piece, options, in_place);
      CHECK(decoded.text == whole.text);
      CHECK(decoded.info.encoding == whole.info.encoding);
      CHECK(decoded.info.crlf_converted == whole.info.crlf_converted);
      CHECK(decoded.info.notes == whole.info.notes);
      CHECK(decoded.info.content_bytes == whole.info.content_bytes);
      if (raw.size() > 2 * piece + 8) CHECK(in_place > 0);
    }
  }
}

TEST_CASE("gzip and UTF-16 are never decoded in place") {
  for (const char* name : {"utf16le_bom.log", "utf8.log.gz"}) {
    INFO(name);
    std::size_t in_place = 0;
    const auto raw = data_file(name);
    const auto decoded = decode_in_place(raw, 16, {}, in_place);
    CHECK(decoded.text == decode_log_bytes(raw).text);
    CHECK(in_place == 0);
  }
}
