#pragma once
// The scanning patterns for values that start with a distinctive literal (vendor token prefixes,
// keys such as "password=", "Bearer ", PEM headers, "://"). All of them are compiled into one
// vectorscan database; each match is then confirmed (and its exact span decided) in C++ by
// confirm_candidate(). Values built from digits and punctuation (IP and MAC addresses, cards,
// phones, SSNs) and dotted names (e-mail, host names) are found by the hand-written
// structured_value_scanner instead: on real logs, dense with timestamps and numbers, automata for
// them run at a fraction of the speed.
#include <string>
#include <vector>

#include "core/pii/pii_type.h"

namespace tftsr::pii {

enum class RuleKind {
  // The pattern matches the value itself; vectorscan reports its leftmost start.
  Value,
  // The pattern matches a key and its separator ("password=", "Bearer "); the value that follows
  // is read in C++, so the key stays out of the span.
  KeyedValue,
  // Natural language: "password is hunter2". Value read like KeyedValue, with a stop-word list.
  PhraseValue,
  // "-----BEGIN ... PRIVATE KEY-----": the block is followed in C++ to its END line.
  PemBlock,
};

// How the value after a key is read and checked, for KeyedValue and PhraseValue rules.
enum class ValueForm {
  Standard,     // key=value, key: value, "key": "value"; phrases: the next word
  CommandLine,  // "-p X", "-pX", "--password X", "-u user[:password]" after a known command
  LoginPhrase,  // "Invalid user X from", "session opened for user X", "Failed password for X"
};

struct DetectionRule {
  PiiType type;
  RuleKind kind;
  std::string pattern;    // vectorscan syntax
  bool caseless = false;
  ValueForm form = ValueForm::Standard;
};

const std::vector<DetectionRule>& detection_rules();

}  // namespace tftsr::pii
