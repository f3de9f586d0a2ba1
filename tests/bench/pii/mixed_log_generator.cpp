#include "mixed_log_generator.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <string_view>

namespace tftsr::bench {
namespace {

class Random {
 public:
  explicit Random(unsigned seed) : state_(seed * 6364136223846793005ULL + 1442695040888963407ULL) {}
  std::uint32_t next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state_ >> 33);
  }
  unsigned below(unsigned n) { return next() % n; }

 private:
  std::uint64_t state_;
};

constexpr std::array<std::string_view, 6> kLevels = {"INFO", "DEBUG", "WARN", "INFO", "ERROR", "TRACE"};
constexpr std::array<std::string_view, 6> kClasses = {
    "org.springframework.web.servlet.DispatcherServlet", "com.example.shop.OrderService",
    "io.netty.channel.DefaultChannelPipeline", "org.hibernate.engine.jdbc.spi.SqlExceptionHelper",
    "com.zaxxer.hikari.pool.HikariPool", "java.util.concurrent.ThreadPoolExecutor"};
constexpr std::array<std::string_view, 5> kPaths = {"/api/v1/orders", "/api/v1/users/me", "/healthz",
                                                     "/static/app.js", "/api/v2/search?q=printer"};

void append_clean_line(std::string& out, Random& r, unsigned line, bool host_fields) {
  char buf[512];
  const unsigned h = line / 3600 % 24, m = line / 60 % 60, s = line % 60, ms = r.below(1000);
  switch (r.below(10)) {
    case 0:
      if (host_fields)
        std::snprintf(buf, sizeof buf, "Mar  1 %02u:%02u:%02u web-%02u systemd[1]: Started nginx.service - A high performance web server (pid %u).\n",
                      h, m, s, r.below(20), r.below(60000));
      else
        std::snprintf(buf, sizeof buf, "2024-03-01 %02u:%02u:%02u.%02u systemd[1]: Started nginx.service - A high performance web server (pid %u).\n",
                      h, m, s, r.below(20), r.below(60000));
      break;
    case 1:
      std::snprintf(buf, sizeof buf, "2024-03-01T%02u:%02u:%02u.%03uZ %s [worker-%u] %s - request %08x-%04x-4%03x-a%03x-%012x completed in %u ms\n",
                    h, m, s, ms, kLevels[r.below(6)].data(), r.below(16), kClasses[r.below(6)].data(), r.next(),
                    r.below(65536), r.below(4096), r.below(4096), r.next(), r.below(5000));
      break;
    case 2:
      std::snprintf(buf, sizeof buf, "{\"ts\":\"2024-03-01T%02u:%02u:%02u.%03uZ\",\"level\":\"info\",\"msg\":\"request completed\",\"path\":\"%s\",\"status\":%u,\"duration_ms\":%u.%u,\"trace_id\":\"%08x%08x\"}\n",
                    h, m, s, ms, kPaths[r.below(5)].data(), 200 + r.below(5), r.below(900), r.below(10), r.next(), r.next());
      break;
    case 3:
      std::snprintf(buf, sizeof buf, "\tat %s.process(%s.java:%u)\n", kClasses[r.below(6)].data(), "Handler", r.below(900));
      break;
    case 4:
      std::snprintf(buf, sizeof buf, "  File \"/srv/app/handlers/orders.py\", line %u, in handle_request (build 3.%u.%u, sha %08x%08x)\n",
                    r.below(400), r.below(20), r.below(50), r.next(), r.next());
      break;
    case 5:
      std::snprintf(buf, sizeof buf, "I0301 %02u:%02u:%02u.%06u    %u kubelet.go:%u] \"Pulling image\" image=\"registry/app:1.%u.%u\" pod=\"shop/api-7d9f8c-%05u\"\n",
                    h, m, s, r.below(1000000), r.below(9999), r.below(3000), r.below(20), r.below(30), r.below(100000));
      break;
    case 6:
      std::snprintf(buf, sizeof buf, "2024-03-01 %02u:%02u:%02u,%03u WARN  [HikariPool-1 housekeeper] HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=%um%us%ums).\n",
                    h, m, s, ms, r.below(5), r.below(60), r.below(1000));
      break;
    case 7:
      if (host_fields)
        std::snprintf(buf, sizeof buf, "Mar 01 %02u:%02u:%02u node-%u kernel: [%u.%06u] EXT4-fs (sda%u): mounted filesystem with ordered data mode. Opts: (null)\n",
                      h, m, s, r.below(9), r.below(90000), r.below(1000000), r.below(4));
      else
        std::snprintf(buf, sizeof buf, "2024-03-01 %02u:%02u:%02u.%u kernel: [%u.%06u] EXT4-fs (sda%u): mounted filesystem with ordered data mode. Opts: (null)\n",
                      h, m, s, r.below(9), r.below(90000), r.below(1000000), r.below(4));
      break;
    case 8:
      std::snprintf(buf, sizeof buf, "%u/%u/2024 %u:%02u:%02u PM Information Service Control Manager 7036 The Windows Update service entered the running state. RecordId %u\n",
                    1 + r.below(12), 1 + r.below(28), 1 + r.below(12), m, s, r.next() % 10000000);
      break;
    default:
      std::snprintf(buf, sizeof buf, "level=info ts=2024-03-01T%02u:%02u:%02u.%03uZ caller=main.go:%u msg=\"cache refreshed\" entries=%u version=v2.%u.%u\n",
                    h, m, s, ms, r.below(300), r.below(100000), r.below(10), r.below(20));
      break;
  }
  out += buf;
}

void append_line_with_finding(std::string& out, Random& r, unsigned line) {
  char buf[512];
  const unsigned h = line / 3600 % 24, m = line / 60 % 60, s = line % 60;
  switch (r.below(8)) {
    case 0:
      std::snprintf(buf, sizeof buf, "Mar  1 %02u:%02u:%02u bastion sshd[%u]: Accepted publickey for deploy from 10.%u.%u.%u port %u ssh2\n",
                    h, m, s, r.below(60000), r.below(256), r.below(256), r.below(256), 1024 + r.below(60000));
      break;
    case 1:
      std::snprintf(buf, sizeof buf, "2024-03-01T%02u:%02u:%02uZ INFO  com.example.shop.MailService - sent receipt to user%u@example.com\n",
                    h, m, s, r.below(100000));
      break;
    case 2:
      std::snprintf(buf, sizeof buf, "192.0.2.%u - - [01/Mar/2024:%02u:%02u:%02u +0000] \"GET /api/v1/orders HTTP/1.1\" 200 %u \"-\" \"curl/8.5.0\"\n",
                    r.below(256), h, m, s, r.below(50000));
      break;
    case 3:
      std::snprintf(buf, sizeof buf, "{\"level\":\"debug\",\"msg\":\"outgoing call\",\"url\":\"https://api.partner.example.com/v1/ping\",\"headers\":{\"Authorization\":\"Bearer tok%08x%08x\"}}\n",
                    r.next(), r.next());
      break;
    case 4:
      std::snprintf(buf, sizeof buf, "2024-03-01 %02u:%02u:%02u ERROR db connect failed: password=Pa%05uss! host=db%u.internal\n",
                    h, m, s, r.below(100000), r.below(9));
      break;
    case 5:
      std::snprintf(buf, sizeof buf, "I0301 %02u:%02u:%02u.000000 1 event.go:%u] Pod shop/api scheduled on node ip-10-0-%u-%u assigned 10.244.%u.%u\n",
                    h, m, s, r.below(300), r.below(256), r.below(256), r.below(256), r.below(256));
      break;
    case 6:
      std::snprintf(buf, sizeof buf, "payment declined card=4111 1111 1111 1111 customer phone (555) %03u-%04u\n", r.below(1000), r.below(10000));
      break;
    default:
      std::snprintf(buf, sizeof buf, "export AWS_ACCESS_KEY_ID=AKIA%016u region=us-east-1\n", r.below(1000000000));
      break;
  }
  out += buf;
}

}  // namespace

std::string generate_mixed_log(std::size_t target_bytes, unsigned seed, bool host_fields) {
  Random r(seed);
  std::string out;
  out.reserve(target_bytes + 1024);
  for (unsigned line = 0; out.size() < target_bytes; ++line) {
    if (r.below(100) < 3) {
      append_line_with_finding(out, r, line);
    } else {
      append_clean_line(out, r, line, host_fields);
    }
  }
  return out;
}

}  // namespace tftsr::bench
