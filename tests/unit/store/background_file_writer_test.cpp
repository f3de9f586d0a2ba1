#include <doctest/doctest.h>

#include "core/error.h"
#include "core/store/background_file_writer.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;

TEST_CASE("buffers reach the file in order") {
  test::TempDir dir;
  BackgroundFileWriter w(dir / "out.bin");
  std::string expected;
  for (int i = 0; i < 50; ++i) {
    std::string b(1000 + i, static_cast<char>('a' + i % 26));
    expected += b;
    w.write(std::move(b));
  }
  w.finish();
  CHECK(test::read_file(dir / "out.bin") == expected);
}

TEST_CASE("a full disk is reported by the next call, with a clear message") {
  BackgroundFileWriter w("/dev/full");  // every write fails with ENOSPC
  std::string message;
  try {
    for (int i = 0; i < 10; ++i) w.write(std::string(1 << 20, 'x'));
    w.finish();
  } catch (const Error& e) {
    message = e.what();
  }
  CHECK(message.find("the disk is full") != std::string::npos);
}

TEST_CASE("an abandoned writer stops without waiting for its queue") {
  test::TempDir dir;
  {
    BackgroundFileWriter w(dir / "out.bin");
    w.write(std::string(1 << 20, 'x'));
  }
  CHECK(std::filesystem::exists(dir / "out.bin"));
}
