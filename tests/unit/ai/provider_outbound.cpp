#include "tests/unit/ai/provider_outbound.h"

namespace tftsr::test {

net::OutboundRequest outbound_request(const ai::Provider& provider, const ai::ChatRequest& chat) {
  const auto built = provider.build_request(chat);
  net::OutboundRequest request;
  request.target = {"ai_send", provider.config().name, provider.config().model, built.method, built.url};
  for (const auto& header : built.headers) request.headers.add(header.name, header.value);
  request.parts = {net::BodyPart::typed(chat.turns.back().text)};
  // The provider must outlive the request, as it does in every test.
  request.build_body = [&provider, chat](const std::vector<net::ClearedPart>& parts) {
    ai::ChatRequest cleared = chat;
    cleared.turns.back().text = parts.at(0).text;
    return provider.build_request(cleared).body;
  };
  return request;
}

}  // namespace tftsr::test
