#include <doctest/doctest.h>

#include <string>

#include "app/gui/widgets/wrapped_text_input.h"

using namespace tftsr::gui;

namespace {
// Every character one unit wide: a width of 10 fits ten characters.
const CharWidth kUnit = [](std::string_view) { return 1.0f; };
}  // namespace

TEST_CASE("soft wrapping breaks after the last space that fits and keeps every character") {
  const std::string text = "the quick brown fox jumps over the lazy dog";
  const std::string wrapped = soft_wrap(text, 10, kUnit);
  CHECK(wrapped == "the quick \r\nbrown fox \r\njumps \r\nover the \r\nlazy dog");
  CHECK(remove_soft_breaks(wrapped) == text);
}

TEST_CASE("a word longer than the line is cut inside, and typed line breaks stay") {
  const std::string text = "abcdefghijklmnop\nshort\n\nend";
  const std::string wrapped = soft_wrap(text, 5, kUnit);
  CHECK(wrapped == "abcde\r\nfghij\r\nklmno\r\np\nshort\n\nend");
  CHECK(remove_soft_breaks(wrapped) == text);
}

TEST_CASE("multi-byte characters are never split") {
  const std::string text = "ééééé";  // two bytes each
  const std::string wrapped = soft_wrap(text, 2, kUnit);
  CHECK(wrapped == "éé\r\néé\r\né");
  CHECK(remove_soft_breaks(wrapped) == text);
}

TEST_CASE("a text that fits is shown as it is") {
  CHECK(soft_wrap("fits", 10, kUnit) == "fits");
  CHECK(soft_wrap("", 10, kUnit).empty());
}

TEST_CASE("cursor positions map across soft breaks both ways") {
  const std::string wrapped = "abc \r\ndef";  // "abc def" wrapped after the space
  CHECK(position_without_soft_breaks(wrapped, 0) == 0);
  CHECK(position_without_soft_breaks(wrapped, 4) == 4);  // before the soft break
  CHECK(position_without_soft_breaks(wrapped, 6) == 4);  // after it: the 'd'
  CHECK(position_without_soft_breaks(wrapped, 9) == 7);
  CHECK(position_with_soft_breaks(wrapped, 4) == 6);
  CHECK(position_with_soft_breaks(wrapped, 7) == 9);
  CHECK(position_with_soft_breaks(wrapped, 2) == 2);
}

TEST_CASE("a soft break broken by typing inside it loses only its carriage return") {
  CHECK(remove_soft_breaks("abc\rX\ndef") == "abcX\ndef");
}
