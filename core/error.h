#pragma once
// The one error type of the core. Every failure a user can cause or meet is thrown as an Error
// with a kind (which the CLI maps to an exit code and the GUI to a message style) and a message
// written for the user, not for a debugger.
#include <stdexcept>
#include <string>

namespace tftsr {

enum class ErrorKind {
  InvalidInput,   // the caller gave something the operation cannot accept (empty title, step 7)
  NotFound,       // an id that names nothing
  WrongKey,       // wrong passphrase, or a file that is not a TFTSR database
  Storage,        // the database or the file system failed
  Io,             // reading or writing a user's file failed
  Network,        // a remote service could not be reached or answered badly
  Cancelled,      // the user cancelled a running job
  Internal,       // a broken invariant: a bug
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

}  // namespace tftsr
