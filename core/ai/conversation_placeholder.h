#pragma once
// The placeholders of one conversation: the same value always becomes the same "[Email_1]", new
// values get the next number of their type, and a text from the model is shown with the values
// put back. Loaded from the store before a request; what a request assigned anew is saved in
// the transaction that records the send (see fresh()), so a preview assigns nothing for good.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ai/conversation_repository.h"
#include "core/net/placeholder.h"

namespace tftsr::ai {

class ConversationPlaceholder final : public net::Placeholder {
 public:
  explicit ConversationPlaceholder(const std::vector<PlaceholderRow>& known = {});

  std::string replacement(pii::PiiType type, std::string_view value) const override;

  // The values numbered since construction, in the order they were met.
  const std::vector<PlaceholderRow>& fresh() const { return fresh_; }

  // `text` with every "[Type_N]" this conversation knows replaced by its value.
  std::string restore(std::string_view text) const;

 private:
  // Mutable: the gate's Placeholder interface is const, and numbering is a cache of decisions
  // that must agree between the preview and the send of one request.
  mutable std::map<std::pair<std::string, std::string>, int> numbers_;  // (type, value) -> n
  mutable std::map<std::string, int> last_;                             // type -> highest n
  mutable std::map<std::string, std::string> values_;                   // "Email_1" -> value
  mutable std::vector<PlaceholderRow> fresh_;
};

}  // namespace tftsr::ai
