#pragma once
// Reading members of JSON that came from outside (a provider, a service, a settings file): a
// member of the wrong type reads as absent instead of throwing nlohmann's type_error, which
// nothing above expects.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace tftsr {

// The member's text, or `fallback` when the object or the member is missing or not a string.
inline std::string string_member(const nlohmann::json& object, std::string_view key, std::string fallback = {}) {
  if (!object.is_object()) return fallback;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return fallback;
  return it->get<std::string>();
}

// The member's value, or `fallback` when missing or not a boolean.
inline bool bool_member(const nlohmann::json& object, std::string_view key, bool fallback) {
  if (!object.is_object()) return fallback;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_boolean()) return fallback;
  return it->get<bool>();
}

// The member itself, or null when the object or the member is missing.
inline const nlohmann::json& member(const nlohmann::json& object, std::string_view key) {
  static const nlohmann::json absent;
  if (!object.is_object()) return absent;
  const auto it = object.find(key);
  return it == object.end() ? absent : *it;
}

}  // namespace tftsr
