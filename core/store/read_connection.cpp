#include "core/store/read_connection.h"

#include <openssl/crypto.h>

namespace tftsr {

namespace {
void wipe(std::string& s) {
  OPENSSL_cleanse(s.data(), s.size());
  s.clear();
}
}  // namespace

ReadConnection::ReadConnection(std::filesystem::path db_path, std::string passphrase)
    : path_(std::move(db_path)), passphrase_(std::move(passphrase)) {}

ReadConnection::~ReadConnection() {
  join_opener();
  wipe(passphrase_);
}

void ReadConnection::start_opening() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (db_ || opening_ || !usable_) return;
  if (opener_.joinable()) opener_.join();  // a finished earlier opener
  opening_ = true;
  std::string passphrase = passphrase_;
  opener_ = std::thread([this, passphrase = std::move(passphrase)]() mutable {
    std::unique_ptr<Database> db;
    try {
      db = std::make_unique<Database>(Database::open(path_, passphrase));
      db->exec("PRAGMA query_only = ON");
    } catch (...) {
      db.reset();
    }
    wipe(passphrase);
    std::lock_guard<std::mutex> lock(mutex_);
    opening_ = false;
    if (db && usable_) {
      db_ = std::move(db);
      wipe(passphrase_);
    } else {
      usable_ = false;  // reads go to the writer from now on
    }
    ready_.notify_all();
  });
  wipe(passphrase);  // what a short string leaves behind in its own buffer when moved
}

void ReadConnection::join_opener() {
  std::thread t;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    t = std::move(opener_);
  }
  if (t.joinable()) t.join();
}

void ReadConnection::suspend() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    usable_ = false;
  }
  join_opener();
  std::lock_guard<std::mutex> lock(mutex_);
  db_.reset();
  ready_.notify_all();
}

void ReadConnection::resume(std::string passphrase) {
  join_opener();
  std::lock_guard<std::mutex> lock(mutex_);
  wipe(passphrase_);
  passphrase_ = std::move(passphrase);
  db_.reset();
  usable_ = true;
}

bool ReadConnection::is_open() {
  std::lock_guard<std::mutex> lock(mutex_);
  return db_ != nullptr;
}

}  // namespace tftsr
