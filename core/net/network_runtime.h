#pragma once
// libcurl's process-wide state. Create one in main before any thread starts (curl's global
// initialisation is not thread-safe) and keep it alive until the threads are gone.
namespace tftsr::net {

class NetworkRuntime {
 public:
  NetworkRuntime();
  ~NetworkRuntime();
  NetworkRuntime(const NetworkRuntime&) = delete;
  NetworkRuntime& operator=(const NetworkRuntime&) = delete;
};

}  // namespace tftsr::net
