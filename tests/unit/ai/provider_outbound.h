#pragma once
// A provider's request as the outbound gate takes it: the URL, method and headers (the API key
// among them, never scanned) from build_request(), the newest user message as the one typed text
// part, and a body builder that rebuilds the provider body from that part as the gate cleared it.
// Earlier turns and the system prompt go as they are: tests that use this put no personal data
// in them.
#include "core/ai/provider.h"
#include "core/net/outbound_gate.h"

namespace tftsr::test {

net::OutboundRequest outbound_request(const ai::Provider& provider, const ai::ChatRequest& chat);

}  // namespace tftsr::test
