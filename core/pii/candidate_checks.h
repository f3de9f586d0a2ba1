#pragma once
// Turns a raw pattern match into a finding span, or refuses it. This is where precision comes
// from: checksums, grammars and the bytes around the match.
#include <cstddef>
#include <optional>
#include <string_view>

#include "core/pii/detection_rules.h"

namespace tftsr::pii {

struct Span {
  std::size_t start = 0;
  std::size_t end = 0;
};

// `text` is the whole buffer being scanned (context may lie outside the match). For Value and
// PemBlock rules [from, to) is the match; for KeyedValue and PhraseValue rules only `to` (the end
// of the key) is meaningful.
std::optional<Span> confirm_candidate(const DetectionRule& rule, std::string_view text, std::size_t from,
                                      std::size_t to);

// The same checks for a value found by the hand-written scanner (structured_value_scanner.h).
std::optional<Span> confirm_value_span(PiiType type, std::string_view text, std::size_t from, std::size_t to);

// The host field of an RFC 3164 syslog header ("Jun 14 15:16:01 HOST sshd[1]:"), given the span of
// its "hh:mm:ss" time; nullopt when the bytes around are not such a header.
std::optional<Span> syslog_host_after(std::string_view text, std::size_t time_start, std::size_t time_end);

}  // namespace tftsr::pii
