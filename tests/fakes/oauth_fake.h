#pragma once
// The two halves of an OAuth authorization server a native app meets, for tests: the token
// endpoint's replies (RFC 6749 §5.1 and §5.2) for the loopback server, and a browser that reads
// the authorization URL, "consents" (or declines, or answers with another state) and follows the
// redirect to the app's loopback listener, the way a real browser would.
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "tests/fakes/loopback_http_server.h"

namespace tftsr::test::oauth_fake {

ScriptedReply tokens(const std::string& access_token, const std::string& refresh_token, int expires_in = 3600);
ScriptedReply access_only(const std::string& access_token, int expires_in = 3600);
// 400 {"error":"invalid_grant",...}: a code used twice, or an expired refresh token.
ScriptedReply invalid_grant();

// The query of a URL, decoded.
std::map<std::string, std::string> query_of(const std::string& url);

class FakeBrowser {
 public:
  enum class Answer { Consent, Deny, WrongState };
  explicit FakeBrowser(Answer answer = Answer::Consent, std::string code = "auth-code-1")
      : answer_(answer), code_(std::move(code)) {}
  ~FakeBrowser();
  FakeBrowser(const FakeBrowser&) = delete;
  FakeBrowser& operator=(const FakeBrowser&) = delete;

  // The BrowserOpener: records the URL and follows the redirect on a thread of its own (the
  // app only starts answering once open() has returned).
  void open(const std::string& authorization_url);
  // Waits for the redirect to finish; what the listener answered (status line and body).
  std::string page();
  std::string authorization_url() const;

 private:
  Answer answer_;
  std::string code_;
  mutable std::mutex mutex_;
  std::string url_;
  std::string page_;
  std::thread thread_;
};

}  // namespace tftsr::test::oauth_fake
