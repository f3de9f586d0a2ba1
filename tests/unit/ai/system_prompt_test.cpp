#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/ai/structured_reply.h"
#include "core/ai/system_prompt.h"
#include "core/domains.h"

using namespace tftsr;
using namespace tftsr::ai;

namespace {
std::size_t line_count(std::string_view text) { return std::count(text.begin(), text.end(), '\n') + 1; }
}  // namespace

TEST_CASE("every domain has its own expert prompt of 25 to 60 lines") {
  std::vector<std::string> seen;
  for (const auto& domain : all_domains()) {
    CAPTURE(domain.id);
    REQUIRE(has_domain_prompt(domain.id));
    const std::string prompt(domain_prompt(domain.id));
    CHECK(line_count(prompt) >= 25);
    CHECK(line_count(prompt) <= 60);
    CHECK(std::find(seen.begin(), seen.end(), prompt) == seen.end());
    seen.push_back(prompt);
  }
}

TEST_CASE("the system message is domain prompt + 5-Whys method + reply contract") {
  const std::string message = system_prompt("kubernetes");
  const std::string domain(domain_prompt("kubernetes"));
  CHECK(message.rfind(domain, 0) == 0);
  const auto method = message.find(five_whys_method());
  const auto contract = message.find(reply_contract());
  CHECK(method != std::string::npos);
  CHECK(contract != std::string::npos);
  CHECK(method > domain.size());
  CHECK(contract > method);
  CHECK(message.find("why_level") != std::string::npos);
}

TEST_CASE("an incident without a known domain gets the general prompt") {
  CHECK_FALSE(has_domain_prompt(""));
  CHECK_FALSE(has_domain_prompt("../five_whys_method"));
  CHECK_FALSE(has_domain_prompt("reply_contract"));
  CHECK(domain_prompt("") == domain_prompt("no-such-domain"));
  CHECK(domain_prompt("").find("domain has not been set") != std::string_view::npos);
}

TEST_CASE("the contract's own example parses as a block") {
  const std::string contract(reply_contract());
  const auto open = contract.find("```json");
  const auto close = contract.find("```", open + 3);
  REQUIRE(open != std::string::npos);
  const auto r = parse_structured_reply("Some text.\n" + contract.substr(open, close + 3 - open));
  REQUIRE(r.block);
  CHECK(r.block->why_level == 1);
  CHECK(r.display_text == "Some text.");
}
