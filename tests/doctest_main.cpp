// The main of every test executable: doctest's own, plus one rule. ctest runs each case by name,
// and a name that ctest cuts short (at a ';') selects no case at all, which doctest counts as a
// success: a filter that selects nothing fails instead, so no test can pass without running.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>

namespace {

unsigned selected_cases = 0;

struct SelectedCases : doctest::IReporter {
  explicit SelectedCases(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats& stats) override { selected_cases = stats.numTestCasesPassingFilters; }
  void test_case_start(const doctest::TestCaseData&) override {}
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};
REGISTER_LISTENER("selected_cases", 1, SelectedCases);

bool names_cases(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (!std::strncmp(argv[i], "--test-case=", 12) || !std::strncmp(argv[i], "-tc=", 4)) return true;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  const int result = context.run();
  if (context.shouldExit()) return result;
  if (result == 0 && names_cases(argc, argv) && selected_cases == 0) {
    std::fprintf(stderr, "no test case matches the name given: nothing was tested\n");
    return 1;
  }
  return result;
}
