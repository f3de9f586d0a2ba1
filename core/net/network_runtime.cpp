#include "core/net/network_runtime.h"

#include <curl/curl.h>

namespace tftsr::net {

NetworkRuntime::NetworkRuntime() { curl_global_init(CURL_GLOBAL_DEFAULT); }
NetworkRuntime::~NetworkRuntime() { curl_global_cleanup(); }

}  // namespace tftsr::net
